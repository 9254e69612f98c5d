import Foundation

/// What a cell is, not what color it is: themes map roles to colors.
public enum Role: String, CaseIterable, Sendable, Codable {
    case text, dim, title, accent, header, border, selection, tab, tabActive, hint, hintKey
    case field, fieldFocused, button, buttonFocused, link, overlay
    case compliant, noncompliant, inGracePeriod, unknown, error, success, warning
    /// A QR code's modules: dark ink on a light ground in every theme (`FixedStyle`).
    case qrCode
}

/// Text attributes, which survive where colors do not (NO_COLOR, monochrome).
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let underline = TextAttributes(rawValue: 4)
    public static let reverse = TextAttributes(rawValue: 8)
    public static let italic = TextAttributes(rawValue: 16)

    static let names: [(String, TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse), ("italic", .italic),
    ]
}
