import Foundation
import PortalCore

/// "Access to company resources": each cloud app with its verdict (glyph and
/// word), the unmet controls and what to do. The device detail and the
/// enrollment result draw it; Home draws its one-line summary.
enum AccessSection {
    static func lines(_ access: DeviceAccess, context: PortalContext, width: Int, now: Date) -> [StyledLine] {
        guard !access.apps.isEmpty else { return [] }
        var lines: [StyledLine] = [StyledLine("Access to company resources", .accent)]
        for app in access.apps {
            var sentence = app.verdict.label
            if case let .inGrace(deadline) = app.verdict { sentence += " " + GraceDeadline.until(deadline, now: now, context: context) }
            lines += hanging(sentence, prefix: [Span(app.verdict.glyph, app.verdict.role), Span(" "), Span(app.app.displayName, .title), Span(" — ")],
                             width: width, indent: 4)
            for policy in app.unmet {
                lines += unmetLines(policy, width: width)
            }
        }
        return lines
    }

    /// The device's state and its access sentence; in grace, until when
    /// and how long is left, and what keeps access.
    static func status(_ evaluation: ComplianceEvaluation, context: PortalContext, width: Int, now: Date) -> [StyledLine] {
        let state = evaluation.state
        var sentence = evaluation.accessSummary
        if let deadline = evaluation.graceDeadline { sentence += " " + GraceDeadline.until(deadline, now: now, context: context) }
        var lines = hanging(sentence, prefix: [Span("\(state.glyph) \(state.label)", state.role), Span(" — ")], width: width, indent: 2)
        if evaluation.graceDeadline != nil {
            lines += StyledLine.wrapped("Fix the settings below before then to keep access.", role: .warning, width: width)
        }
        return lines
    }

    /// The text after a prefix as long as an app's name, its other lines at
    /// `indent`: under the prefix they would be a narrow column.
    static func hanging(_ text: String, prefix: [Span], width: Int, indent: Int) -> [StyledLine] {
        let prefixWidth = prefix.reduce(0) { $0 + TextWidth.of($1.text) }
        let first = TextWidth.wrap(text, width: max(1, width - prefixWidth))
        guard let head = first.first, first.count > 1 else {
            return [StyledLine(prefix + [Span((first.first ?? "").replacingOccurrences(of: "\u{00A0}", with: " "))])]
        }
        // The rest starts after the first line's words.
        let rest = text.dropFirst(head.count).drop { $0 == " " }
        return [StyledLine(prefix + [Span(head.replacingOccurrences(of: "\u{00A0}", with: " "))])]
            + StyledLine.wrapped(String(rest), width: width, indent: indent, firstPrefix: [Span(String(repeating: " ", count: indent))])
    }

    private static func unmetLines(_ policy: UnmetPolicy, width: Int) -> [StyledLine] {
        if policy.unmet.count > 1, policy.operator == .or {
            let names = policy.unmet.map { $0.control.requirement }.joined(separator: " or ")
            return StyledLine.wrapped("Needs one of: \(names) (\(policy.displayName)).", role: .dim, width: width, indent: 4, firstPrefix: [Span("    ")])
                + policy.unmet.flatMap { StyledLine.wrapped($0.remedy, width: width, indent: 6, firstPrefix: [Span("    - ")]) }
        }
        return policy.unmet.flatMap { control -> [StyledLine] in
            let text = control.control == .block ? control.remedy : "Needs \(control.control.requirement): \(control.remedy)"
            return StyledLine.wrapped(text, width: width, indent: 4, firstPrefix: [Span("    ")])
        }
    }

    /// Home's and the enrollment result's line under a device: which apps it
    /// cannot reach, and which it keeps only until the grace deadline; nil
    /// when it reaches them all.
    static func summary(_ access: DeviceAccess) -> String? {
        var parts: [String] = []
        let blocked = access.blocked.map(\.displayName)
        if !blocked.isEmpty { parts.append("No access to \(blocked.joined(separator: ", "))") }
        // The deadline itself is on the line above, with the device's state.
        let grace = access.inGrace.map(\.displayName)
        if !grace.isEmpty { parts.append("keeps \(grace.joined(separator: ", ")) only until the deadline") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ").capitalizedFirst
    }
}

extension AccessVerdict {
    public var glyph: String {
        switch self {
        case .canAccess: "✓"
        case .inGrace: "!"
        case .cannotAccess: "✗"
        }
    }

    public var role: Role {
        switch self {
        case .canAccess: .compliant
        case .inGrace: .inGracePeriod
        case .cannotAccess: .noncompliant
        }
    }
}
