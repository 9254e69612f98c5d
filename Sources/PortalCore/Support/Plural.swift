import Foundation

/// The one place that picks a noun's singular or plural for a count, so no
/// message reads "1 digits".
public enum Plural {
    /// "1 digit", "3 digits", "0 digits"; `plural` defaults to the singular plus "s".
    public static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(value) \(noun(value, singular, plural))"
    }

    /// The noun alone, for phrases such as "device" in "enrolled device".
    public static func noun(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        value == 1 ? singular : plural ?? singular + "s"
    }
}

extension Plural {
    /// "A", "A and B", "A, B and C".
    public static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
