import CNcursesw
import PortalUI

/// Maps roles to curses color pairs and attributes, allocating each pair the
/// first time a role needs it.
final class ColorPairs {
    private struct Colors: Hashable {
        var foreground: ResolvedColor
        var background: ResolvedColor
    }

    private let theme: ResolvedTheme
    private let hasColors: Bool
    private var pairs: [Colors: Int16] = [:]
    private var cache: [Role: (Int16, attr_t)] = [:]

    init(theme: Theme, depth: ColorDepth, brand: (UInt8, UInt8, UInt8)) {
        self.theme = ResolvedTheme(theme, depth: depth, brand: brand)
        hasColors = depth != .none
    }

    func pair(for role: Role) -> (Int16, attr_t) {
        if let known = cache[role] { return known }
        let style = theme.style(for: role)
        var attributes = portal_a_normal()
        if style.attributes.contains(.bold) { attributes |= portal_a_bold() }
        if style.attributes.contains(.dim) { attributes |= portal_a_dim() }
        if style.attributes.contains(.underline) { attributes |= portal_a_underline() }
        if style.attributes.contains(.reverse) { attributes |= portal_a_reverse() }
        if style.attributes.contains(.italic) { attributes |= portal_a_italic() }
        var number: Int16 = 0
        if hasColors, style.foreground != .terminalDefault || style.background != .terminalDefault {
            number = allocate(Colors(foreground: style.foreground, background: style.background))
        }
        cache[role] = (number, attributes)
        return (number, attributes)
    }

    private func allocate(_ colors: Colors) -> Int16 {
        if let existing = pairs[colors] { return existing }
        let next = Int16(pairs.count + 1)
        guard Int32(next) < portal_color_pairs() else { return 0 }
        init_extended_pair(Int32(next), curses(colors.foreground), curses(colors.background))
        pairs[colors] = next
        return next
    }

    private func curses(_ color: ResolvedColor) -> Int32 {
        switch color {
        case .terminalDefault: -1
        case let .index(index): Int32(index)
        case let .rgb(value): Int32(bitPattern: value)
        }
    }
}
