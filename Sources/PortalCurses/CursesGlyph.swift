import CNcursesw
import Foundation
import PortalUI

/// What one cell hands to curses. The cell buffer already holds pieces of at
/// most one spacing scalar and four combining ones (`TerminalGlyph`); this
/// checks the piece against the C library's wcwidth in the running locale,
/// which is what ncurses and the terminal use, and draws a replacement of the
/// same width when they disagree (an older libc, a non-UTF-8 locale) rather
/// than let the row shift.
enum CursesGlyph {
    /// The wide characters for a cell taking `width` columns, each string
    /// null-terminated and drawn in its own column (one for a piece that
    /// agrees, `width` replacements otherwise).
    static func strings(for character: Character, width: Int) -> [[wchar_t]] {
        let scalars = Array(character.unicodeScalars.prefix(5))
        if let base = scalars.first, Int(wcwidth(wchar_t(bitPattern: base.value))) == width,
           scalars.dropFirst().allSatisfy({ wcwidth(wchar_t(bitPattern: $0.value)) == 0 }) {
            return [scalars.map { wchar_t(bitPattern: $0.value) } + [0]]
        }
        return Array(repeating: [replacement, 0], count: max(1, width))
    }

    /// The C library's wcwidth. Swift's Glibc module hides it (it is an
    /// X/Open function), so it is looked up once; it is in every libc.
    private static let libcWidth: @convention(c) (wchar_t) -> Int32 = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth") else {
            return { character in character < 0x7F ? 1 : -1 }
        }
        return unsafeBitCast(symbol, to: (@convention(c) (wchar_t) -> Int32).self)
    }()

    private static func wcwidth(_ character: wchar_t) -> Int32 { libcWidth(character) }

    /// U+FFFD where the locale can show it, "?" otherwise.
    private static var replacement: wchar_t {
        wcwidth(0xFFFD) == 1 ? 0xFFFD : wchar_t(UInt8(ascii: "?"))
    }
}
