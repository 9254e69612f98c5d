import Foundation
import PortalCore

/// The text and cursor of a one-line input field.
///
/// The cursor counts grapheme clusters, as the text does; a key carries one
/// Character, which may be a lone scalar (a combining mark, a skin tone, a
/// ZWJ) that joins the cluster before it, so the cursor is recomputed from
/// the text after every insertion rather than counted in keys.
public struct TextFieldState: Equatable, Sendable {
    public private(set) var text: String
    /// Cursor position in characters (grapheme clusters).
    public private(set) var cursor: Int
    /// The most Unicode scalars the field takes. Scalars rather than
    /// clusters, so one endless cluster of combining marks is bounded too.
    public let limit: Int
    private var scalarCount: Int
    private var characterCount: Int

    /// Entra ID's limit for a user principal name.
    public static let workAccountLimit = 113
    public static let passwordLimit = 256

    public init(text: String = "", limit: Int = 256) {
        self.limit = max(0, limit)
        var kept = ""
        var scalars = 0
        for character in text where Self.isAccepted(character) {
            let count = character.unicodeScalars.count
            guard scalars + count <= self.limit else { break }
            kept.append(character)
            scalars += count
        }
        self.text = kept
        scalarCount = scalars
        characterCount = kept.count
        cursor = characterCount
    }

    /// A field for a work account (user principal name).
    public static func workAccount(_ text: String = "") -> TextFieldState {
        TextFieldState(text: text, limit: workAccountLimit)
    }

    /// A field for a password.
    public static func password(_ text: String = "") -> TextFieldState {
        TextFieldState(text: text, limit: passwordLimit)
    }

    /// Whether the field is full: further typing is ignored.
    public var isFull: Bool { scalarCount >= limit }

    /// Applies an editing key; returns false when the key is not an edit.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case let .character(character) where !character.isNewline:
            insert(character)
        case .backspace:
            guard cursor > 0 else { return true }
            remove(from: cursor - 1, to: cursor)
        case .delete:
            guard cursor < characterCount else { return true }
            remove(from: cursor, to: cursor + 1)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characterCount, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characterCount
        case .control("u"):
            text = ""
            cursor = 0
            scalarCount = 0
            characterCount = 0
        case .control("w"):
            remove(from: wordStart(before: cursor), to: cursor)
        case .control("k"):
            remove(from: cursor, to: characterCount)
        default:
            return false
        }
        return true
    }

    /// Control and bidi characters never enter a field: they could not be
    /// shown, and an account name holding them is never right.
    private static func isAccepted(_ character: Character) -> Bool {
        !character.isNewline && !character.unicodeScalars.contains(where: InertText.isUnsafe)
    }

    private mutating func insert(_ character: Character) {
        let added = character.unicodeScalars.count
        guard Self.isAccepted(character), scalarCount + added <= limit else { return }
        if cursor == characterCount {
            append(character, scalars: added)
            return
        }
        let index = text.index(text.startIndex, offsetBy: cursor)
        let end = text.utf8.distance(from: text.startIndex, to: index) + String(character).utf8.count
        text.insert(character, at: index)
        scalarCount += added
        // The new scalars may join the cluster before or after them: place
        // the cursor after the cluster that holds the last one.
        var position = 0
        var offset = 0
        for cluster in text {
            if offset >= end { break }
            offset += cluster.utf8.count
            position += 1
        }
        cursor = position
        characterCount = text.count
    }

    /// Typing and pasting at the end, in constant time: the new scalars
    /// either start a cluster or join the last one, and only the last
    /// cluster needs looking at to tell which.
    private mutating func append(_ character: Character, scalars added: Int) {
        let oldEnd = text.utf8.count
        text.append(character)
        scalarCount += added
        let lastStart = text.index(before: text.endIndex)
        if text.utf8.distance(from: text.startIndex, to: lastStart) >= oldEnd { characterCount += 1 }
        cursor = characterCount
    }

    /// Removes the characters in [start, end).
    private mutating func remove(from start: Int, to end: Int) {
        guard start < end else { return }
        let lower = text.index(text.startIndex, offsetBy: start)
        let upper = text.index(lower, offsetBy: end - start)
        scalarCount -= text.unicodeScalars[lower..<upper].count
        text.removeSubrange(lower..<upper)
        cursor = start
        // Removing a character can let its neighbours join (a mark after a
        // base that was removed), so count again.
        characterCount = text.count
        cursor = min(cursor, characterCount)
    }

    /// Where the word before `position` starts, as readline's Ctrl+W sees it:
    /// spaces before the cursor, then everything up to the previous space.
    private func wordStart(before position: Int) -> Int {
        let characters = Array(text.prefix(position))
        var start = characters.count
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        return start
    }
}
