import Foundation

/// Turns cell buffers into the bytes a terminal would receive to show them:
/// cursor moves and SGR colors from a theme. After the first frame only the
/// cells that changed are sent, as the curses backend does.
public struct ANSIFrames {
    private let theme: ResolvedTheme
    private var previous: CellBuffer?

    /// The theme as a true-color terminal shows it.
    public init(theme: Theme, brand: (UInt8, UInt8, UInt8)) {
        self.theme = ResolvedTheme(theme, depth: .trueColor, brand: brand)
    }

    /// The text that turns the last frame into `buffer` (all of it the first
    /// time or after a size change); empty when nothing changed.
    public mutating func next(_ buffer: CellBuffer) -> String {
        defer { previous = buffer }
        let full = previous?.size != buffer.size
        if !full, previous == buffer { return "" }
        var out = full ? "\u{1B}[0m\u{1B}[H\u{1B}[2J" : ""
        var style: ResolvedStyle?
        for y in 0..<buffer.size.height {
            var x = 0
            var cursorAt: Int?
            while x < buffer.size.width {
                defer { x += 1 }
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                if !full, let previous, !Self.changed(previous, buffer, x: x, y: y) { continue }
                let wanted = theme.style(for: cell.role)
                // A cleared screen already shows a plain blank.
                if full, cell.character == " ", Self.looksCleared(wanted) { continue }
                if cursorAt != x { out += "\u{1B}[\(y + 1);\(x + 1)H" }
                if wanted != style {
                    out += Self.sgr(wanted)
                    style = wanted
                }
                out.append(cell.character)
                let width = x + 1 < buffer.size.width && buffer[x + 1, y].isContinuation ? 2 : 1
                cursorAt = x + width
            }
        }
        out += "\u{1B}[0m"
        if let cursor = buffer.cursor {
            out += "\u{1B}[\(cursor.y + 1);\(cursor.x + 1)H\u{1B}[?25h"
        } else {
            out += "\u{1B}[?25l"
        }
        return out
    }

    /// A cell is sent again when it or its right neighbour changed: a wide
    /// character's second half is drawn by its first.
    private static func changed(_ old: CellBuffer, _ new: CellBuffer, x: Int, y: Int) -> Bool {
        if old[x, y] != new[x, y] { return true }
        return x + 1 < new.size.width && new[x + 1, y].isContinuation && old[x + 1, y] != new[x + 1, y]
    }

    private static func looksCleared(_ style: ResolvedStyle) -> Bool {
        style.background == .terminalDefault && style.attributes.isDisjoint(with: [.reverse, .underline])
    }

    /// One SGR sequence that sets every attribute and both colors from scratch.
    static func sgr(_ style: ResolvedStyle) -> String {
        var codes = ["0"]
        let names: [(TextAttributes, String)] = [(.bold, "1"), (.dim, "2"), (.italic, "3"), (.underline, "4"), (.reverse, "7")]
        for (attribute, code) in names where style.attributes.contains(attribute) { codes.append(code) }
        codes += color(style.foreground, base: 30, bright: 90, extended: 38)
        codes += color(style.background, base: 40, bright: 100, extended: 48)
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    private static func color(_ color: ResolvedColor, base: Int, bright: Int, extended: Int) -> [String] {
        switch color {
        case .terminalDefault: []
        case let .index(index) where index < 8: ["\(base + index)"]
        case let .index(index) where index < 16: ["\(bright + index - 8)"]
        case let .index(index): ["\(extended)", "5", "\(index)"]
        case let .rgb(value): ["\(extended)", "2", "\(value >> 16 & 0xFF)", "\(value >> 8 & 0xFF)", "\(value & 0xFF)"]
        }
    }
}
