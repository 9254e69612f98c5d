import Foundation

/// What a cell shows when the locale cannot encode it (LANG=C): the same
/// number of columns in ASCII, or a line-drawing character that curses draws
/// from the terminal's alternate character set. Layouts stay as wide as they
/// were, so nothing shifts.
public enum ASCIIFallback {
    public enum Glyph: Equatable, Sendable {
        case text(String)
        /// The VT100 alternate-character-set letter (curses' ACS), e.g. "q" for ─.
        case lineDrawing(Character)
    }

    static let lineDrawing: [Character: Character] = [
        "─": "q", "━": "q", "═": "q", "│": "x", "┃": "x", "║": "x",
        "┌": "l", "┐": "k", "└": "m", "┘": "j", "╭": "l", "╮": "k", "╰": "m", "╯": "j",
        "├": "t", "┤": "u", "┬": "w", "┴": "v", "┼": "n", "█": "0", "▒": "a", "░": "a",
    ]

    static let symbols: [Character: String] = [
        "✓": "+", "✔": "+", "✗": "x", "✘": "x", "›": ">", "‹": "<", "»": ">", "«": "<",
        "…": ".", "•": "*", "·": ".", "—": "-", "–": "-", "−": "-", "↑": "^", "↓": "v", "⟳": "~", "▏": "|", "←": "<", "→": ">",
        "‘": "'", "’": "'", "‚": ",", "“": "\"", "”": "\"", "„": "\"", "×": "x", "\u{A0}": " ",
        "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ß": "s", "æ": "a", "Æ": "A",
    ]

    public static func glyph(for character: Character) -> Glyph {
        if character.isASCII { return .text(String(character)) }
        if let letter = lineDrawing[character] { return .lineDrawing(letter) }
        if let symbol = symbols[character] { return .text(symbol) }
        let width = TextWidth.of(character)
        // Accents come off: "ë" is "e" plus a diaeresis once decomposed.
        let base = String(character).decomposedStringWithCompatibilityMapping.unicodeScalars
            .filter { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
        if base.count == width { return .text(String(String.UnicodeScalarView(base))) }
        return .text(String(repeating: "?", count: width))
    }

    /// Text as it reads in ASCII, line drawing included, for messages and tests.
    public static func text(_ text: String) -> String {
        text.map { character in
            switch glyph(for: character) {
            case let .text(ascii): ascii
            case let .lineDrawing(letter): asciiLine[letter] ?? "+"
            }
        }.joined()
    }

    private static let asciiLine: [Character: String] = ["q": "-", "x": "|", "0": "#", "a": "#"]
}
