import Foundation

/// Decodes the escape sequences curses did not recognize, which arrive as Esc
/// followed by plain characters when TERM does not match the terminal (a
/// common sight over SSH and inside tmux). Without this, the "4" of Esc [ 4 ~
/// (End on many terminals) would switch sections.
public enum EscapeSequence {
    private static let table: [String: Key] = [
        "[A": .up, "[B": .down, "[C": .right, "[D": .left, "OA": .up, "OB": .down, "OC": .right, "OD": .left,
        "[H": .home, "[F": .end, "OH": .home, "OF": .end, "[1~": .home, "[7~": .home, "[4~": .end, "[8~": .end,
        "[5~": .pageUp, "[6~": .pageDown, "[2~": .insert, "[3~": .delete, "[Z": .backTab,
        "OP": .function(1), "OQ": .function(2), "OR": .function(3), "OS": .function(4),
        "[11~": .function(1), "[12~": .function(2), "[13~": .function(3), "[14~": .function(4),
        "[15~": .function(5), "[17~": .function(6), "[18~": .function(7), "[19~": .function(8),
        "[20~": .function(9), "[21~": .function(10), "[23~": .function(11), "[24~": .function(12),
    ]

    /// Whether `characters` (what followed Esc) is a whole sequence yet: CSI
    /// ends with a byte from @ to ~, SS3 after one character.
    public static func isComplete(_ characters: [Character]) -> Bool {
        guard let first = characters.first else { return false }
        switch first {
        case "[": return characters.count > 1 && characters.last.map { ("@"..."~").contains($0) && !(characters.count == 2 && $0 == "[") } == true
        case "O": return characters.count == 2
        default: return true
        }
    }

    /// What Esc and the characters after it were: a key, a sequence nobody
    /// needs (dropped), or Alt with a key.
    public enum Decoded: Equatable {
        case key(Key)
        case ignored
        /// Esc and a key in one read is how terminals send Alt+key. Nothing
        /// is bound to Alt, and its letter must not type into a field.
        case alt(Character)
    }

    public static func decode(_ characters: [Character]) -> Decoded {
        guard let first = characters.first else { return .ignored }
        guard first == "[" || first == "O" else { return .alt(first) }
        if let key = table[String(characters)] { return .key(key) }
        return .ignored
    }
}
