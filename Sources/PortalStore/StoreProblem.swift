import Foundation

/// One thing wrong with a store file, located by a JSON path such as
/// `$.managedDevices[2].complianceState`.
public struct StoreProblem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }

    /// `$`, `$.users[3].groups[0]`: the notation jq and JSONPath readers know.
    public static func jsonPath(_ codingPath: [CodingKey]) -> String {
        codingPath.reduce("$") { path, key in
            if let index = key.intValue { return "\(path)[\(index)]" }
            return "\(path).\(key.stringValue)"
        }
    }

    /// Foundation's own error for a number a whole-number field cannot hold
    /// (1.5, 1e400, 2^64), which carries no path: the element that held it.
    struct UnlocatedNumber: Error {
        var codingPath: [CodingKey]
    }

    static let unlocatedNumber = "holds a number that is not a whole number"

    /// Turns a decoding failure into a problem a person can act on.
    public init(_ error: Error) {
        if let number = error as? UnlocatedNumber {
            self.init(path: Self.jsonPath(number.codingPath), message: Self.unlocatedNumber)
            return
        }
        guard let decoding = error as? DecodingError else {
            self.init(path: "$", message: "cannot be read")
            return
        }
        switch decoding {
        case let .keyNotFound(key, context):
            self.init(path: Self.jsonPath(context.codingPath + [key]), message: "missing required field \"\(key.stringValue)\"")
        case let .valueNotFound(type, context):
            self.init(path: Self.jsonPath(context.codingPath), message: "null where \(Self.typeName(type)) is required")
        case let .typeMismatch(type, context):
            self.init(path: Self.jsonPath(context.codingPath), message: "expected \(Self.typeName(type))")
        case let .dataCorrupted(context):
            // The syntax was checked before decoding, so Foundation's generic
            // complaints here mean a number a whole-number field cannot hold
            // (1.5, 1e400, 2^64); its own wording names neither.
            if context.underlyingError != nil || context.debugDescription.hasPrefix("The given data was not valid JSON") {
                self.init(path: Self.jsonPath(context.codingPath), message: "expected a whole number")
            } else {
                self.init(path: Self.jsonPath(context.codingPath), message: Self.sentence(context.debugDescription))
            }
        @unknown default:
            self.init(path: "$", message: "cannot be read")
        }
    }

    /// A message ends without a period: it is followed by more text or by
    /// nothing, and one from elsewhere must not end in two.
    static func sentence(_ text: String) -> String {
        var text = text
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is Date.Type: return "an ISO-8601 date string"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object (\(name))"
        }
    }

}
