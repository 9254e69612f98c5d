import Foundation
import PortalCore

/// Home: a greeting, the user's devices at a glance, and the organization's
/// notifications.
enum HomeView {
    /// Night hours get a plain "Hello": "Good evening" reads wrong at 02:00
    /// and "Good night" is a farewell.
    static func greeting(hour: Int) -> String {
        switch hour {
        case 5..<12: "Good morning"
        case 12..<18: "Good afternoon"
        case 18..<23: "Good evening"
        default: "Hello"
        }
    }

    /// Most urgent first: not compliant, then in grace by nearest deadline,
    /// then unknown; the name breaks ties.
    static func attentionOrder(_ devices: [(ManagedDevice, ComplianceEvaluation)]) -> [(ManagedDevice, ComplianceEvaluation)] {
        devices.filter { $0.1.state != .compliant && $0.1.state != .configManager }.sorted { left, right in
            if left.1.state.urgency != right.1.state.urgency { return left.1.state.urgency < right.1.state.urgency }
            let leftDeadline = left.1.graceDeadline ?? .distantFuture, rightDeadline = right.1.graceDeadline ?? .distantFuture
            if leftDeadline != rightDeadline { return leftDeadline < rightDeadline }
            return left.0.deviceName.localizedStandardCompare(right.0.deviceName) == .orderedAscending
        }
    }

    static func lines(_ state: PortalState, context: PortalContext, width: Int, now: Date) -> [StyledLine] {
        let user = state.user
        let devices = state.myDevices
        let evaluations = devices.map { state.deviceEvaluations.evaluation(of: $0, data: state.data, now: now) }
        var lines: [StyledLine] = [
            StyledLine(TextWidth.truncate("\(greeting(hour: context.hour(of: now))), \(user.greetingName).", to: width), .title),
            StyledLine("Welcome to the \(state.data.organization.displayName) Company Portal.", .dim),
            .blank,
            StyledLine("My devices", .accent),
        ]
        let count = devices.count
        if count == 0 {
            // A user with no device is led to enroll one first.
            lines.insert(contentsOf: [StyledLine("Enroll a device", .accent)]
                         + StyledLine.wrapped("Enroll your device to keep access to email, files and apps. Press e to start: a walkthrough, step by step.",
                                              width: width) + [.blank], at: 3)
        }
        lines.append(StyledLine(count == 0 ? "You have no enrolled devices."
                                : "You have \(count) enrolled \(Plural.noun(count, "device")). Press e to enroll another."))
        let order: [ComplianceState] = [.compliant, .inGracePeriod, .noncompliant, .conflict, .error, .unknown, .configManager]
        for state in order {
            let matching = evaluations.filter { $0.state == state }.count
            guard matching > 0 else { continue }
            lines.append(StyledLine([Span("  "), Span(TextWidth.pad("\(state.glyph) \(state.label)", to: 20), state.role),
                                     Span("\(matching)")]))
        }
        lines += AppProtectionHomeView.lines(state.data.appRegistrations, width: width)
        let attention = attentionOrder(Array(zip(devices, evaluations)))
        if !attention.isEmpty {
            lines.append(.blank)
            lines.append(StyledLine("Needs your attention", .accent))
            for (device, evaluation) in attention {
                // States only the service reports are named; the glyph alone would read as "not compliant".
                let named = evaluation.state == .conflict || evaluation.state == .error ? "\(evaluation.state.label). " : ""
                var text = "\(device.deviceName): \(named)\(evaluation.accessSummary)"
                if let deadline = evaluation.graceDeadline {
                    text += "; fix by \(context.dateTime(deadline)) (\(PortalContext.relative(deadline, now: now)))"
                }
                lines += StyledLine.wrapped(text, width: width, indent: 4,
                                            firstPrefix: [Span("  "), Span(evaluation.state.glyph, evaluation.state.role), Span(" ")])
                if let access = AccessSection.summary(state.data.access(device, compliance: evaluation)) {
                    lines += StyledLine.wrapped(access, role: .dim, width: width, indent: 4, firstPrefix: [Span("    ")])
                }
            }
            lines.append(StyledLine(attention.count == 1 ? "  Press 2 for Devices to see how to resolve it."
                                    : "  Press 2 for Devices to see how to resolve each one.", .dim))
        }

        lines.append(.blank)
        lines += NotificationsView.homeLines(state, context: context, width: width)

        let featured = state.catalog.filter(\.app.isFeatured).map(\.app.displayName)
        if !featured.isEmpty {
            lines.append(.blank)
            lines.append(StyledLine("Featured apps", .accent))
            lines += StyledLine.wrapped(featured.joined(separator: ", "), width: width, indent: 2)
        }
        return lines
    }
}
