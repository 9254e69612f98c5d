import Foundation

/// Parsing of `#rrggbb` colors, shared by the validator and the themes.
public enum ColorText {
    public static func isHex(_ text: String) -> Bool { rgb(text) != nil }

    public static func rgb(_ text: String) -> (UInt8, UInt8, UInt8)? {
        let digits = text.dropFirst()
        guard text.count == 7, text.first == "#", digits.allSatisfy(\.isHexDigit), let value = UInt32(digits, radix: 16) else { return nil }
        return (UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    }
}
