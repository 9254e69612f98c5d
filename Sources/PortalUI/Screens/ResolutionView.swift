import Foundation
import PortalCore

/// "How to resolve this" for one setting of one device: numbered steps for
/// its platform, notes, and the check that confirms the fix.
enum ResolutionView {
    static func lines(deviceId: String, policyId: String, setting: String, _ state: PortalState, width: Int, now: Date) -> [StyledLine] {
        guard let device = state.myDevices.first(where: { $0.id == deviceId }) else { return [] }
        var lines: [StyledLine] = [StyledLine(TextWidth.truncate("How to resolve this: \(device.deviceName)", to: width), .title)]
        let result = state.data.evaluate(device, now: now).results.first { $0.policyId == policyId && $0.setting == setting }
        guard let result, result.outcome != .pass else {
            return lines + [.blank] + StyledLine.wrapped("✓ This setting now passes: nothing left to do.", role: .compliant, width: width)
        }
        let remediation = Remediation(for: result, device: device)
        lines.append(.blank)
        lines += StyledLine.wrapped(remediation.title, width: width, indent: 2,
                                    firstPrefix: [Span(result.outcome.badge.text, result.outcome.badge.role), Span("  ")])
        lines += StyledLine.wrapped(remediation.summary, role: .dim, width: width)
        lines.append(.blank)
        for (number, step) in remediation.steps.enumerated() {
            let label = "\(number + 1). "
            lines += StyledLine.wrapped(step, width: width, indent: TextWidth.of(label) + 2, firstPrefix: [Span("  " + label, .accent)])
        }
        if !remediation.notes.isEmpty { lines.append(.blank) }
        for note in remediation.notes { lines += StyledLine.wrapped(note, role: .dim, width: width) }
        lines.append(.blank)
        lines += StyledLine.wrapped(Remediation.confirm, width: width)
        return lines
    }
}
