import Foundation

/// One tab as drawn: its text (brackets for the open one) and where it is.
struct PortalTab {
    var section: PortalState.Section
    var text: String
    var rect: Rect
    var isActive: Bool
}

extension PortalState.Section {
    /// What a tab says when the full titles do not fit the width.
    var shortTitle: String {
        switch self {
        case .security: "Security"
        case .support: "Help"
        default: title
        }
    }
}

extension PortalLayout {
    /// The tabs, with the unread count on Notifications. Where the full
    /// titles do not fit (80 columns) the other tabs get short titles and
    /// less room; the open one always reads in full, "[ 4 Security info ]".
    /// Apps says how many installs are running or queued, when any are.
    func tabs(active: PortalState.Section, unread: String, installing: Int = 0) -> [PortalTab] {
        func label(_ section: PortalState.Section, _ title: String) -> String {
            let badge = switch section {
            case .notifications: " (\(unread))"
            case .apps where installing > 0: " (\(installing) ↓)"
            default: ""
            }
            return "\(section.rawValue + 1) \(title)" + badge
        }
        func strip(gap: Int, short: Bool, padding: Int, shortActive: Bool = false) -> [PortalTab] {
            var x = 1
            let pad = String(repeating: " ", count: padding)
            return PortalState.Section.allCases.map { section in
                let isActive = section == active
                let title = short && (!isActive || shortActive) ? section.shortTitle : section.title
                let text = isActive ? "[ \(label(section, title)) ]" : pad + label(section, title) + pad
                let rect = Rect(x: x, y: tabRow, width: TextWidth.of(text), height: 1)
                x += rect.width + gap
                return PortalTab(section: section, text: text, rect: rect, isActive: isActive)
            }
        }
        let tries = [strip(gap: 1, short: false, padding: 2), strip(gap: 1, short: true, padding: 1),
                     strip(gap: 0, short: true, padding: 1), strip(gap: 1, short: true, padding: 0),
                     // The Apps count and the unread count both showing: the open tab is short too.
                     strip(gap: 1, short: true, padding: 0, shortActive: true)]
        return tries.first { ($0.last?.rect.maxX ?? 0) <= size.width } ?? tries[tries.count - 1]
    }
}
