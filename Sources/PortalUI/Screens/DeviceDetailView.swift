import Foundation
import PortalCore

/// One device: its status, what it is, and each compliance setting with how
/// to resolve what fails.
enum DeviceDetailView {
    static func lines(_ device: ManagedDevice, data: UserPortalData, context: PortalContext, width: Int, now: Date) -> [StyledLine] {
        let evaluation = data.evaluate(device, now: now)
        let state = evaluation.state
        var lines: [StyledLine] = [
            StyledLine(TextWidth.truncate(device.deviceName, to: width), .title),
        ]
        lines += AccessSection.status(evaluation, context: context, width: width, now: now)
        if state == .noncompliant {
            lines.append(StyledLine("This device is not in compliance.", .noncompliant))
        }
        if !evaluation.hasReported {
            lines += StyledLine.wrapped("Open the \(device.operatingSystem.managementApp) on this device, sign in and choose Check status so it reports its settings.",
                                        role: .warning, width: width)
        }
        if let note = evaluation.disagreement {
            lines.append(.blank)
            lines += DetailField.line("Checked now", evaluation.factsState.badge, width: width)
            lines += DetailField.line("Service reported", evaluation.reportedState.badge, width: width)
            lines += StyledLine.wrapped(note, role: .dim, width: width)
        }
        lines.append(.blank)
        let ownership = device.managedDeviceOwnerType.label
        let checked = device.lastSyncDateTime.map { "\(context.dateTime($0)) (\(PortalContext.relative($0, now: now)))" } ?? "Never"
        let encrypted = device.isEncrypted.map { $0 ? "Yes" : "No" } ?? "Not reported"
        let fields: [(String, String)] = [
            ("Platform", FriendlyOSName.withVersion(device)),
            ("Model", device.model), ("Manufacturer", device.manufacturer), ("Ownership", ownership),
            ("Serial number", device.serialNumber), ("IMEI", device.imei),
            ("Enrolled", context.dateTime(device.enrolledDateTime)), ("Last status check", checked),
            ("Encrypted", encrypted), ("Management", device.managementAgent.label),
            ("Enrollment type", device.deviceEnrollmentType.label), ("Category", device.deviceCategoryDisplayName),
        ]
        for (label, value) in fields where !(label == "IMEI" && value.isEmpty) {
            lines += DetailField.line(label, value, width: width)
        }

        lines.append(.blank)
        lines.append(StyledLine("Compliance settings", .accent))
        if evaluation.results.isEmpty {
            lines.append(StyledLine("No compliance policy applies to this device.", .dim))
        }
        let ordered = evaluation.results.filter { $0.outcome == .fail } + evaluation.results.filter { $0.outcome != .fail }
        for result in ordered {
            let badge = result.outcome.badge
            lines.append(StyledLine([Span(TextWidth.pad(badge.text, to: 16), badge.role), Span(result.title, .title)]))
            lines += StyledLine.wrapped("Expected: \(result.expected) · Reported: \(result.actual)", role: .dim, width: width, indent: 16)
            if !result.howToResolve.isEmpty {
                lines += StyledLine.wrapped("How to resolve this: \(result.howToResolve)", width: width, indent: 16)
            }
        }
        // After the settings, so what to fix stays in the first screen.
        let access = data.access(device, compliance: evaluation)
        if !access.apps.isEmpty { lines.append(.blank) }
        lines += AccessSection.lines(access, context: context, width: width, now: now)
        return lines
    }
}
