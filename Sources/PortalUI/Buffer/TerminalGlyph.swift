import Foundation
import PortalCore

/// How one grapheme cluster is drawn: as the pieces a terminal and ncurses
/// agree on. ncurses measures with wcwidth, one scalar at a time, and a cell
/// holds one spacing character with at most four combining ones; terminals
/// disagree on emoji sequences. So each piece is one spacing scalar (1 or 2
/// columns) with the zero-width scalars that follow it, and what cannot be
/// drawn the same everywhere is replaced.
public enum TerminalGlyph {
    /// Drawn for control characters and for what a terminal cannot show reliably.
    public static let replacement: Character = "\u{FFFD}"
    /// The base ncurses and fonts use to show a combining mark on its own.
    static let markBase: Unicode.Scalar = "\u{25CC}"
    /// Combining scalars a curses cell holds beside its spacing one (CCHARW_MAX - 1).
    static let combiningLimit = 4

    /// Calls `body` with each piece of `character` and its width (1 or 2), in
    /// order. Invisible clusters (a lone zero-width space) have no pieces.
    @inline(__always)
    public static func forEachPiece(of character: Character, _ body: (Character, Int) -> Void) {
        let scalars = character.unicodeScalars
        var iterator = scalars.makeIterator()
        guard let first = iterator.next() else { return }
        if iterator.next() == nil {
            if first.value >= 0x20 && first.value < 0x7F { return body(character, 1) }
            return single(first, character, body)
        }
        cluster(scalars, body)
    }

    private static func single(_ scalar: Unicode.Scalar, _ character: Character, _ body: (Character, Int) -> Void) {
        if InertText.isUnsafe(scalar) || isRegionalIndicator(scalar) { return body(replacement, 1) }
        guard let width = TextWidth.columns(of: scalar) else { return body(replacement, 1) }
        if width > 0 { return body(character, width) }
        if isMark(scalar), let shown = Character(exactly: [markBase, scalar]) { body(shown, 1) }
    }

    private static func cluster(_ scalars: String.UnicodeScalarView, _ body: (Character, Int) -> Void) {
        if scalars.contains(where: InertText.isUnsafe) { return body(replacement, 1) }
        let first = scalars.first!
        if isRegionalIndicator(first) { return body(replacement, 1) }
        // Emoji sequences (VS16, ZWJ, skin tones, tags, keycaps) are one, two
        // or many cells depending on the terminal: draw their base alone.
        if scalars.contains(where: isEmojiJoiner) {
            return single(first, Character(first), body)
        }
        var piece: [Unicode.Scalar] = []
        var width = 0
        func flush() {
            guard !piece.isEmpty else { return }
            body(Character(exactly: piece) ?? Character(piece[0]), width)
            piece.removeAll(keepingCapacity: true)
        }
        for scalar in scalars {
            guard let columns = TextWidth.columns(of: scalar) else {
                flush()
                body(replacement, 1)
                continue
            }
            if columns > 0 {
                flush()
                piece.append(scalar)
                width = columns
            } else if piece.isEmpty {
                if isMark(scalar) {
                    piece = [markBase, scalar]
                    width = 1
                }
            } else if piece.count <= combiningLimit {
                piece.append(scalar)
            }
        }
        flush()
    }

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    private static func isEmojiJoiner(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200D, 0xFE0E, 0xFE0F, 0x20E3, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F: true
        default: false
        }
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: true
        default: false
        }
    }
}

extension Character {
    /// The character these scalars make, or nil when they make more than one.
    init?(exactly scalars: [Unicode.Scalar]) {
        var text = String()
        text.unicodeScalars.append(contentsOf: scalars)
        guard text.count == 1 else { return nil }
        self.init(text)
    }
}
