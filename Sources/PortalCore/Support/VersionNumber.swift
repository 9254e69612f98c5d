import Foundation

/// A dotted version such as "17.4.1" or "22.04", compared numerically part by
/// part ("10.0" > "9.9"; missing parts count as zero).
public struct VersionNumber: Comparable, Sendable, CustomStringConvertible {
    public let parts: [Int]
    public let description: String

    public init?(_ text: String) {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        var parsed: [Int] = []
        for piece in pieces {
            let digits = piece.prefix { $0.isASCII && $0.isNumber }
            guard let value = Int(digits) else { return nil }
            parsed.append(value)
        }
        guard !parsed.isEmpty else { return nil }
        parts = parsed
        description = text
    }

    public static func < (lhs: VersionNumber, rhs: VersionNumber) -> Bool {
        let count = max(lhs.parts.count, rhs.parts.count)
        for index in 0..<count {
            let left = index < lhs.parts.count ? lhs.parts[index] : 0
            let right = index < rhs.parts.count ? rhs.parts[index] : 0
            if left != right { return left < right }
        }
        return false
    }

    public static func == (lhs: VersionNumber, rhs: VersionNumber) -> Bool {
        !(lhs < rhs) && !(rhs < lhs)
    }
}
