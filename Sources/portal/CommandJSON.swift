import Foundation
import PortalCore

enum CommandJSON {
    /// Pretty-printed, sorted keys, ISO-8601 dates. JSONEncoder escapes C0
    /// controls itself; every other scalar InertText calls unsafe (C1, bidi
    /// controls) is escaped here too, so the output is the same JSON and
    /// cannot drive the terminal.
    static func text(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        var safe = ""
        for scalar in text.unicodeScalars {
            if scalar != "\n", InertText.isUnsafe(scalar) {
                safe += String(format: "\\u%04X", scalar.value)
            } else {
                safe.unicodeScalars.append(scalar)
            }
        }
        return safe
    }
}
