import Foundation

/// How one role is drawn on a terminal of a given depth: colors the terminal
/// has, and attributes (some added where colors were lost).
public struct ResolvedStyle: Equatable, Hashable, Sendable {
    public var foreground: ResolvedColor
    public var background: ResolvedColor
    public var attributes: TextAttributes

    public init(foreground: ResolvedColor, background: ResolvedColor, attributes: TextAttributes) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// What a person sees: reverse swaps the colors, including the terminal's
    /// own default foreground and background.
    public struct Look: Equatable, Hashable, Sendable {
        enum Shade: Hashable { case defaultForeground, defaultBackground, color(ResolvedColor) }
        var foreground: Shade
        var background: Shade
        var attributes: TextAttributes
    }

    public var look: Look {
        let fg: Look.Shade = foreground == .terminalDefault ? .defaultForeground : .color(foreground)
        let bg: Look.Shade = background == .terminalDefault ? .defaultBackground : .color(background)
        let reversed = attributes.contains(.reverse)
        return Look(foreground: reversed ? bg : fg, background: reversed ? fg : bg, attributes: attributes.subtracting(.reverse))
    }
}

extension RoleStyle {
    /// The style at a depth. At 8 colors a grey foreground keeps its place
    /// between the extremes by becoming the color that contrasts with its
    /// background, dimmed, instead of a hue it never had.
    public func resolved(depth: ColorDepth, brand: (UInt8, UInt8, UInt8)) -> ResolvedStyle {
        let background = self.background.resolved(depth: depth, brand: brand)
        let foreground = BrandText.readable(self.foreground, on: self.background, brand: brand)
        var style = ResolvedStyle(foreground: foreground.resolved(depth: depth, brand: brand), background: background,
                                  attributes: attributes)
        if depth == .colors8, let (r, g, b) = foreground.components(brand: brand), Palette.hueFamily(r, g, b) == nil {
            let lightness = Palette.lightness(r, g, b)
            let extreme: ResolvedColor? = lightness < 0.2 ? .index(0) : lightness > 0.8 ? .index(7) : nil
            if let extreme, extreme != background {
                style.foreground = extreme
            } else {
                style.foreground = switch background {
                case .index(0): .index(7)
                case .index(7): .index(0)
                default: .terminalDefault
                }
                style.attributes.insert(.dim)
            }
        }
        if depth == .colors8 || depth == .colors16 { style.foreground = Palette.legible(style.foreground, on: background) }
        return style
    }
}

/// A theme as one terminal shows it: every role resolved to the terminal's
/// depth. Where downsampling made two roles of a `RoleContrast` pair look
/// the same although the theme told them apart, the second one gains an
/// attribute, so fewer colors never merge what the theme kept distinct.
public struct ResolvedTheme: Sendable {
    public private(set) var styles: [Role: ResolvedStyle]

    public init(_ theme: Theme, depth: ColorDepth, brand: (UInt8, UInt8, UInt8)) {
        var styles: [Role: ResolvedStyle] = [:]
        var intended: [Role: ResolvedStyle.Look] = [:]
        for role in Role.allCases {
            styles[role] = theme.style(for: role).resolved(depth: depth, brand: brand)
            intended[role] = theme.style(for: role).resolved(depth: .trueColor, brand: brand).look
        }
        for (first, second) in RoleContrast.distinctPairs where intended[first] != intended[second] {
            guard var style = styles[second], styles[first]?.look == style.look else { continue }
            let partners = RoleContrast.distinctPairs.compactMap { pair -> ResolvedStyle.Look? in
                pair.1 == second ? styles[pair.0]?.look : pair.0 == second ? styles[pair.1]?.look : nil
            }
            // The fewest attributes that set it apart from every partner.
            let additions: [TextAttributes] = [.bold, .underline, .reverse, [.bold, .underline], [.bold, .reverse],
                                               [.underline, .reverse], [.bold, .underline, .reverse]]
            let original = style.attributes
            for addition in additions {
                style.attributes = original.union(addition)
                if !partners.contains(style.look) { break }
            }
            styles[second] = style
        }
        // A terminal with no colors shows the QR code as NO_COLOR does.
        if depth == .none { styles[.qrCode] = FixedStyle.qrCodeWithoutColor.resolved(depth: depth, brand: brand) }
        self.styles = styles
    }

    public func style(for role: Role) -> ResolvedStyle {
        styles[role] ?? ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: [])
    }
}
