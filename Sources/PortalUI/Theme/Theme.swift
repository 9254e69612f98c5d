import Foundation
import PortalCore

/// How one role looks: colors and attributes.
public struct RoleStyle: Equatable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: TextAttributes

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A named mapping from roles to styles, read from `Themes/*.json`.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [Role: RoleStyle]

    public init(name: String, styles: [Role: RoleStyle]) {
        self.name = name
        self.styles = styles
    }

    public func style(for role: Role) -> RoleStyle { styles[role] ?? styles[.text] ?? RoleStyle() }

    /// The same theme with colors dropped, for NO_COLOR: attributes only.
    /// Focus and selection then take the attribute that shows them without
    /// color (a reverse bar), and their plain roles give it up, so the focused
    /// field never looks like the unfocused one. A QR code becomes reverse
    /// video (`FixedStyle.qrCodeWithoutColor`).
    public var withoutColor: Theme {
        var theme = Theme(name: name, styles: styles.mapValues { RoleStyle(attributes: $0.attributes) })
        for emphasis in RoleContrast.emphases {
            var plain = theme.style(for: emphasis.plain)
            plain.attributes.subtract(emphasis.withoutColor.intersection(.reverse))
            theme.styles[emphasis.plain] = plain
            var style = theme.style(for: emphasis.role)
            style.attributes.formUnion(emphasis.withoutColor)
            theme.styles[emphasis.role] = style
        }
        theme.styles[.qrCode] = FixedStyle.qrCodeWithoutColor
        return theme
    }

    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case unknownTheme(name: String, available: [String])
        case unreadable(path: String, reason: String)
        case invalid(source: String, path: String, message: String)

        public var description: String {
            switch self {
            case let .unknownTheme(name, available):
                "unknown theme \"\(name)\"; available themes: \(available.joined(separator: ", ")). Pass one of them or a path to a theme file."
            case let .unreadable(path, reason):
                "\(path): cannot read theme: \(reason)"
            case let .invalid(source, path, message):
                "\(source): \(path): \(message)"
            }
        }
    }

    /// Parses a theme document. Every role must be a known one and every color valid.
    public static func parse(_ data: Data, source: String) throws(LoadError) -> Theme {
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else {
            throw .invalid(source: source, path: "$", message: "not a JSON object")
        }
        guard let name = root["name"] as? String, !name.isEmpty else {
            throw .invalid(source: source, path: "$.name", message: "missing theme name")
        }
        guard let roles = root["roles"] as? [String: Any] else {
            throw .invalid(source: source, path: "$.roles", message: "missing object of roles")
        }
        var styles: [Role: RoleStyle] = [:]
        for (key, value) in roles {
            let path = "$.roles.\(key)"
            guard let role = Role(rawValue: key) else {
                throw .invalid(source: source, path: path, message: "unknown role; known roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let entry = value as? [String: Any] else { throw .invalid(source: source, path: path, message: "expected an object") }
            var style = RoleStyle()
            for (field, keyPath) in [("fg", \RoleStyle.foreground), ("bg", \RoleStyle.background)] {
                guard let raw = entry[field] else { continue }
                let text = (raw as? String) ?? (raw as? Int).map(String.init) ?? ""
                guard let color = ThemeColor(parsing: text) else {
                    throw .invalid(source: source, path: "\(path).\(field)", message: "\"\(text)\" is not a color (a name such as brightBlue, 0-255, #rrggbb, default or brand)")
                }
                style[keyPath: keyPath] = color
            }
            for attribute in entry["attributes"] as? [String] ?? [] {
                guard let flag = TextAttributes.names.first(where: { $0.0 == attribute })?.1 else {
                    throw .invalid(source: source, path: "\(path).attributes", message: "unknown attribute \"\(attribute)\"; use bold, dim, underline, reverse or italic")
                }
                style.attributes.insert(flag)
            }
            styles[role] = style
        }
        guard styles[.text] != nil else { throw .invalid(source: source, path: "$.roles.text", message: "the text role is required") }
        // A theme may leave the QR code out (it is then black on white), but
        // never make it unscannable.
        if let style = styles[.qrCode], let problem = FixedStyle.problem(withQRCode: style) {
            throw .invalid(source: source, path: "$.roles.qrCode", message: problem)
        }
        styles[.qrCode] = styles[.qrCode] ?? FixedStyle.qrCode
        return Theme(name: name, styles: styles).withVisibleEmphasis()
    }
}
