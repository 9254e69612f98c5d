import Foundation
import PortalCore

/// How each role of a theme looks in a tmux pane, in the terms
/// `capture-pane -e` reports (`StyledScreen.Style`), so the terminal run of
/// `expect-role` maps what the terminal shows back to roles. It follows the
/// curses backend: the theme resolved at the terminal's depth with the
/// organization's brand color, colors sent as the terminal type's setaf and
/// setab write them (0-7 as 3x, 8-15 as 9x, the rest as 38;5;n).
struct TerminalRoleStyles {
    var styles: [Role: StyledScreen.Style]

    init(theme: Theme, depth: ColorDepth, brand: (UInt8, UInt8, UInt8)) {
        let resolved = ResolvedTheme(theme, depth: depth, brand: brand)
        var styles: [Role: StyledScreen.Style] = [:]
        for role in Role.allCases {
            let style = resolved.style(for: role)
            let colored = depth != .none
            styles[role] = StyledScreen.Style(
                foreground: colored ? Self.code(style.foreground, background: false) : "default",
                background: colored ? Self.code(style.background, background: true) : "default",
                bold: style.attributes.contains(.bold), dim: style.attributes.contains(.dim),
                italic: style.attributes.contains(.italic), underline: style.attributes.contains(.underline),
                reverse: style.attributes.contains(.reverse))
        }
        self.styles = styles
    }

    static func code(_ color: ResolvedColor, background: Bool) -> String {
        switch color {
        case .terminalDefault: "default"
        case let .index(index) where index < 8: "\((background ? 40 : 30) + index)"
        case let .index(index) where index < 16: "\((background ? 100 : 90) + index - 8)"
        case let .index(index): "\(background ? 48 : 38);5;\(index)"
        case let .rgb(value): "\(background ? 48 : 38);2;\((value >> 16) & 0xFF);\((value >> 8) & 0xFF);\(value & 0xFF)"
        }
    }

    /// The roles drawn in `style`: more than one where a theme draws them alike.
    func roles(drawnIn style: StyledScreen.Style) -> [Role] {
        var plain = style
        plain.lineDrawing = false
        return Role.allCases.filter { styles[$0] == plain }
    }

    /// Why the terminal does not show `text` in `role`, or nil when it does.
    func problem(_ text: String, _ role: Role, on screen: StyledScreen) -> String? {
        guard let wanted = styles[role] else { return nil }
        guard let found = screen.styles(of: text) else { return "expected \"\(text)\" in the \(role.rawValue) role; the terminal's colors show no such text" }
        let wrong = found.map { style -> StyledScreen.Style in
            var plain = style
            plain.lineDrawing = false
            return plain
        }.filter { $0 != wanted }
        guard let first = wrong.first else { return nil }
        let roles = roles(drawnIn: first).map(\.rawValue)
        return "expected \"\(text)\" in the \(role.rawValue) role (\(wanted)); the terminal draws "
            + (wrong.count == found.count ? "it" : "\(wrong.count) of its \(found.count) cells")
            + " in \(first)" + (roles.isEmpty ? ", no role's style" : ", the style of \(roles.joined(separator: " or "))")
    }
}
