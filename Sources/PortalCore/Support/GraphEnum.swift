import Foundation

/// An enumeration whose raw values are Microsoft Graph's spellings. Decoding an
/// unknown value fails with a message that lists the accepted ones, so a store
/// validation error tells the user what to write instead.
public protocol GraphEnum: RawRepresentable, Codable, CaseIterable, Sendable, Hashable where RawValue == String {}

extension GraphEnum {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = Self(rawValue: raw) else {
            let accepted = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "unknown value \"\(raw)\"; expected one of: \(accepted)")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
