import Foundation

/// A text folded for search: lower case without accents, as UTF-8 bytes,
/// with the offset of the original character each byte came from, so a match
/// in the folded bytes maps back to the characters to highlight.
public struct FoldedText: Sendable, Equatable {
    public let bytes: [UInt8]
    /// For each byte, the index of the original character it folds from;
    /// empty when the text is ASCII and byte and character are the same.
    let characterIndex: [Int32]

    public init(_ text: String) {
        // Most names are ASCII: lower-cased byte by byte, one byte a character.
        if text.utf8.allSatisfy({ $0 < 128 }) {
            bytes = text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
            characterIndex = []
            return
        }
        var bytes: [UInt8] = []
        var index: [Int32] = []
        bytes.reserveCapacity(text.utf8.count)
        index.reserveCapacity(text.utf8.count)
        for (offset, character) in text.enumerated() {
            // ASCII is most names: folded without Foundation.
            if let ascii = character.asciiValue {
                bytes.append(ascii >= 65 && ascii <= 90 ? ascii + 32 : ascii)
                index.append(Int32(offset))
                continue
            }
            for byte in SearchFolding.fold(String(character)).utf8 {
                bytes.append(byte)
                index.append(Int32(offset))
            }
        }
        self.bytes = bytes
        characterIndex = index
    }

    /// Where `query` (already folded) first occurs, in original characters.
    public func match(_ query: [UInt8]) -> Range<Int>? {
        guard let start = SearchFolding.firstIndex(of: query, in: bytes) else { return nil }
        guard !query.isEmpty else { return 0..<0 }
        guard !characterIndex.isEmpty else { return start..<(start + query.count) }
        let first = Int(characterIndex[start])
        let last = Int(characterIndex[start + query.count - 1])
        return first..<(last + 1)
    }

    public func contains(_ query: [UInt8]) -> Bool { SearchFolding.firstIndex(of: query, in: bytes) != nil }
}

public enum SearchFolding {
    /// Case, accent and width insensitive, the same for every locale.
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    public static func query(_ text: String) -> [UInt8] { FoldedText(text).bytes }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        if needle.isEmpty { return 0 }
        guard needle.count <= haystack.count else { return nil }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                let first = pin[0]
                let lastStart = hay.count - pin.count
                var position = 0
                while position <= lastStart {
                    if hay[position] == first {
                        var matched = 1
                        while matched < pin.count, hay[position + matched] == pin[matched] { matched += 1 }
                        if matched == pin.count { return position }
                    }
                    position += 1
                }
                return nil
            }
        }
    }
}
