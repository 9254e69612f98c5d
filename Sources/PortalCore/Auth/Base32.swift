import Foundation

/// RFC 4648 Base32 (A-Z, 2-7), the way one-time-code secrets are written.
/// People type these, so decoding accepts lower case, spaces between groups
/// and trailing `=` padding; everything else is refused with a reason.
public enum Base32 {
    /// The longest secret accepted: Entra's limit for OATH secrets (80 bytes).
    public static let maximumCharacters = 128

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Why a text is not a Base32 secret, in words a person can act on.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        /// A character outside the alphabet, and its 1-based position among
        /// the characters typed.
        case notBase32(Character, position: Int)
        case tooLong(count: Int)
        /// A count of characters no whole number of bytes encodes to
        /// (1, 3 or 6 left over after groups of eight): a character is missing or extra.
        case incomplete(count: Int)

        public var description: String {
            switch self {
            case .empty:
                return "the secret is empty: give the Base32 text (A-Z and 2-7)"
            case let .notBase32(character, position):
                let shown = character == "=" ? "'=' in the middle" : "'\(character)'"
                return "\(shown) (character \(position)) is not a Base32 character: use A-Z and 2-7"
            case let .tooLong(count):
                return "the secret has \(count) characters; at most \(Base32.maximumCharacters) are allowed"
            case let .incomplete(count):
                return "\(Plural.count(count, "character")) cannot be a whole secret: a character is missing or extra"
            }
        }
    }

    /// The bytes a Base32 text holds, or nil when it is not one (see `check`).
    public static func decode(_ text: String) -> [UInt8]? {
        try? check(text).get()
    }

    /// The significant characters in upper case, without spaces or padding:
    /// how a secret is stored. Nil when the text is not Base32.
    public static func normalized(_ text: String) -> String? {
        guard case .success = check(text) else { return nil }
        return String(decoding: significant(text).values, as: UTF8.self)
    }

    /// The bytes of a Base32 text, or what is wrong with it.
    public static func check(_ text: String) -> Result<[UInt8], Problem> {
        let (values, problem) = significant(text)
        if let problem { return .failure(problem) }
        if values.isEmpty { return .failure(.empty) }
        if values.count > maximumCharacters { return .failure(.tooLong(count: values.count)) }
        if [1, 3, 6].contains(values.count % 8) { return .failure(.incomplete(count: values.count)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 5 / 8)
        var buffer: UInt32 = 0, bits = 0
        for character in values {
            let value = alphabet.firstIndex(of: character)!
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return .success(bytes)
    }

    /// Upper-case alphabet characters with spaces and trailing padding removed,
    /// or the first character that does not belong.
    private static func significant(_ text: String) -> (values: [UInt8], problem: Problem?) {
        var characters = Array(text)
        while let last = characters.last, last == "=" || last == " " { characters.removeLast() }
        var values: [UInt8] = []
        values.reserveCapacity(characters.count)
        for (index, character) in characters.enumerated() where character != " " {
            guard let ascii = character.asciiValue else { return ([], .notBase32(character, position: index + 1)) }
            let upper = (ascii >= 97 && ascii <= 122) ? ascii - 32 : ascii
            guard alphabet.contains(upper) else { return ([], .notBase32(character, position: index + 1)) }
            values.append(upper)
        }
        return (values, nil)
    }

    /// Base32 of some bytes, upper case, without padding.
    public static func encode(_ bytes: [UInt8]) -> String {
        var result: [UInt8] = []
        result.reserveCapacity((bytes.count * 8 + 4) / 5)
        var buffer: UInt32 = 0, bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                result.append(alphabet[Int((buffer >> UInt32(bits)) & 31)])
            }
        }
        if bits > 0 { result.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: result, as: UTF8.self)
    }

    /// A secret in groups of four ("ABCD EFGH IJKL ..."), the way a person
    /// copies it by hand: spaces and padding dropped, upper case.
    public static func grouped(_ text: String) -> String {
        let characters = Array(text.uppercased().filter { $0 != " " && $0 != "=" })
        return stride(from: 0, to: characters.count, by: 4)
            .map { String(characters[$0..<min($0 + 4, characters.count)]) }
            .joined(separator: " ")
    }
}
