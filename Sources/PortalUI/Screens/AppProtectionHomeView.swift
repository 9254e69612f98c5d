import Foundation
import PortalCore

/// Home's entry for work apps without enrolling, beside "Enroll a device":
/// how to start, and each registered app with its last health check.
enum AppProtectionHomeView {
    static func lines(_ registrations: [ManagedAppRegistration], width: Int) -> [StyledLine] {
        var lines: [StyledLine] = [.blank, StyledLine("Work apps without enrolling", .accent)]
        lines += StyledLine.wrapped("Use work apps on a personal phone without enrolling it: press w.", width: width)
        for registration in registrations.sorted(by: { ($0.appDisplayName, $0.deviceName, $0.id) < ($1.appDisplayName, $1.deviceName, $1.id) }) {
            let state = registration.healthState
            let (glyph, role): (String, Role) = switch state {
            case .healthy: ("✓", .compliant)
            case .warned, .threatDefenseAppMissing, .threatNotReported: ("!", .warning)
            case .accessBlocked, .dataWiped: ("✗", .noncompliant)
            }
            let text = "\(registration.appDisplayName) on \(registration.deviceName): \(state.label)" + (state.hasAccess ? "" : "; press w")
            lines += StyledLine.wrapped(text, width: width, indent: 4, firstPrefix: [Span("  "), Span(glyph, role), Span(" ")])
        }
        return lines
    }
}
