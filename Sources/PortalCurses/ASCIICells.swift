import CNcursesw
import PortalUI

/// Draws a cell where the locale is not UTF-8. curses can then put out only
/// ASCII, and silently drops the rest: borders and the scroll bar go through
/// the terminal's line-drawing set, other characters become ASCII of the
/// same width (`ASCIIFallback`).
enum ASCIICells {
    static func put(_ character: Character, x: Int, y: Int, pair: Int16, attributes: attr_t) {
        switch ASCIIFallback.glyph(for: character) {
        case let .lineDrawing(letter):
            wattr_set(portal_stdscr(), attributes, pair, nil)
            mvaddch(Int32(y), Int32(x), portal_acs(CChar(letter.asciiValue ?? UInt8(ascii: "+"))))
            wattr_set(portal_stdscr(), portal_a_normal(), 0, nil)
        case let .text(text):
            for (offset, scalar) in text.unicodeScalars.enumerated() {
                var complex = cchar_t()
                setcchar(&complex, [wchar_t(bitPattern: scalar.value), 0], attributes, pair, nil)
                mvadd_wch(Int32(y), Int32(x + offset), &complex)
            }
        }
    }
}
