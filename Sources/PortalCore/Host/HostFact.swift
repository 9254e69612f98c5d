import Foundation

/// One thing an inspection of a host tried to find out: either known, or
/// unknown with the reason it could not be read. A fact is never guessed.
///
/// JSON: `{"value": ...}` when known, `{"unknown": "reason"}` when not, so a
/// reader tells the two apart without knowing the value's type.
public enum HostFact<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    case known(Value)
    case unknown(String)

    public var value: Value? {
        if case let .known(value) = self { return value }
        return nil
    }

    public var unknownReason: String? {
        if case let .unknown(reason) = self { return reason }
        return nil
    }

    public func map<Other>(_ transform: (Value) -> Other) -> HostFact<Other> {
        switch self {
        case let .known(value): .known(transform(value))
        case let .unknown(reason): .unknown(reason)
        }
    }

    private enum CodingKeys: String, CodingKey { case value, unknown }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let reason = try container.decodeIfPresent(String.self, forKey: .unknown) {
            self = .unknown(reason)
        } else {
            self = .known(try container.decode(Value.self, forKey: .value))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .known(value): try container.encode(value, forKey: .value)
        case let .unknown(reason): try container.encode(reason, forKey: .unknown)
        }
    }
}
