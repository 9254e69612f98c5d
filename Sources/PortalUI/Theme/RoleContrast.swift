import Foundation

/// Which roles must never look alike. Themes are checked and completed
/// against these rules when loaded and again at each color depth, so no
/// screen has to care whether colors survived.
public enum RoleContrast {
    /// A role that marks focus or selection, the role it stands out from, and
    /// the attribute that shows it when there are no colors at all.
    public struct Emphasis: Sendable {
        public var role: Role
        public var plain: Role
        public var withoutColor: TextAttributes
    }

    public static let emphases: [Emphasis] = [
        Emphasis(role: .selection, plain: .text, withoutColor: .reverse),
        Emphasis(role: .fieldFocused, plain: .field, withoutColor: .reverse),
        Emphasis(role: .buttonFocused, plain: .button, withoutColor: .reverse),
        Emphasis(role: .tabActive, plain: .tab, withoutColor: [.bold, .underline]),
    ]

    /// The attributes that stay visible on every terminal (dim and italic do not).
    public static let visibleAttributes: TextAttributes = [.bold, .underline, .reverse]

    static let statusRoles: [Role] = [.compliant, .noncompliant, .inGracePeriod, .unknown]
    static let messageRoles: [Role] = [.error, .warning, .success]

    /// Pairs that must look different at every color depth. The second role of
    /// a pair is the one given an attribute when downsampling makes them equal.
    public static let distinctPairs: [(Role, Role)] = {
        var pairs = emphases.map { ($0.plain, $0.role) }
        pairs += [(.dim, .selection), (.accent, .selection), (.header, .selection), (.hint, .selection), (.border, .selection)]
        for roles in [statusRoles, messageRoles] {
            for (index, first) in roles.enumerated() {
                for second in roles[(index + 1)...] { pairs.append((first, second)) }
            }
        }
        return pairs
    }()
}

extension Theme {
    /// The theme with every focus and selection role carrying a visible
    /// attribute its plain role lacks, so focus shows even where colors fail.
    func withVisibleEmphasis() -> Theme {
        var theme = self
        for emphasis in RoleContrast.emphases {
            var style = theme.style(for: emphasis.role)
            let plain = theme.style(for: emphasis.plain).attributes
            if style.attributes.subtracting(plain).isDisjoint(with: RoleContrast.visibleAttributes),
               let missing = [TextAttributes.bold, .underline, .reverse].first(where: { !plain.contains($0) }) {
                style.attributes.insert(missing)
            }
            theme.styles[emphasis.role] = style
        }
        return theme
    }
}
