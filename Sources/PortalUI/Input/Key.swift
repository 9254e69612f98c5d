import Foundation

/// A key press, independent of how the terminal encoded it.
public enum Key: Equatable, Hashable, Sendable {
    case character(Character)
    case enter, tab, backTab, escape, backspace, delete, insert
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    /// Ctrl with a letter, lower-cased: `.control("c")`.
    case control(Character)

    /// Names used by screen scripts and the help overlay.
    private static let named: [(String, Key)] = [
        ("Enter", .enter), ("Tab", .tab), ("Shift+Tab", .backTab), ("BackTab", .backTab), ("Esc", .escape),
        ("Escape", .escape), ("Backspace", .backspace), ("Delete", .delete), ("Insert", .insert),
        ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right), ("PgUp", .pageUp), ("PageUp", .pageUp),
        ("PgDn", .pageDown), ("PageDown", .pageDown), ("Home", .home), ("End", .end), ("Space", .character(" ")),
    ]

    /// Parses "Enter", "Ctrl+C", "F5", "q", "?"; nil for anything else.
    public init?(name: String) {
        if let match = Self.named.first(where: { $0.0.lowercased() == name.lowercased() }) {
            self = match.1
            return
        }
        let lower = name.lowercased()
        if lower.hasPrefix("ctrl+"), name.count == 6, let letter = lower.last, letter.isLetter, letter.isASCII {
            self = .control(letter)
            return
        }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...12).contains(number) {
            self = .function(number)
            return
        }
        if name.count == 1, let character = name.first {
            self = .character(character)
            return
        }
        return nil
    }

    /// How help and hints show the key: arrows as arrows, letters as themselves.
    public var symbol: String {
        switch self {
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .escape: "Esc"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        default: name
        }
    }

    public var name: String {
        switch self {
        case let .character(character): character == " " ? "Space" : String(character)
        case let .function(number): "F\(number)"
        case let .control(letter): "Ctrl+\(letter.uppercased())"
        default: Self.named.first { $0.1 == self }?.0 ?? "?"
        }
    }
}

/// A mouse button event at a cell.
public struct MouseEvent: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A press and its release on the same row: one click, however the terminal reports it.
        case click, scrollUp, scrollDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// What a backend reports: keys, clicks, size changes.
public enum InputEvent: Equatable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(Size)
    /// Text the terminal marked as pasted (bracketed paste): it types into a
    /// field, and never acts as keys (a newline is no Enter, a "q" no quit).
    case paste(String)
}
