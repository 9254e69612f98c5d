import Foundation
import PortalCore

/// The text of a diagnostic report: what a help desk asks for first. It is
/// made only from fields chosen here, never from whole records, so no
/// password hash, salt, secret key, code or raw machine id can slip in.
public enum DiagnosticReport {
    public static func text(about: PortalAbout, isDemo: Bool, data: UserPortalData, host: HostFacts?,
                            context: PortalContext, now: Date) -> String {
        var lines: [String] = [
            "Company Portal diagnostic report",
            "Written:          \(context.dateTime(now))",
            "Portal version:   \(about.version)",
            "Store:            \(about.storeDescription(isDemo: isDemo))",
            "Schema version:   \(about.schemaVersion)",
        ] + (about.databaseSchemaVersion.map { ["Database schema:  \($0)"] } ?? []) + [
            "Organization:     \(data.organization.displayName)",
            "Signed in as:     \(data.user.displayName) (\(data.user.userPrincipalName))",
            "",
            "This device",
        ]
        lines += hostLines(host)
        let devices = data.devices
        lines += ["", "Your devices (\(devices.count))"]
        if devices.isEmpty { lines.append("  None enrolled.") }
        for device in devices {
            let state = data.evaluate(device, now: now).state
            lines.append("  \(device.deviceName)")
            lines.append("    OS:          \(FriendlyOSName.withVersion(device))")
            lines.append("    Compliance:  \(state.label)")
            lines.append("    Ownership:   \(device.managedDeviceOwnerType.label)")
            lines.append("    Enrolled:    \(context.dateTime(device.enrolledDateTime))")
            lines.append("    Last sync:   \(device.lastSyncDateTime.map(context.dateTime) ?? "never")")
        }
        lines += ["", "Recent activity"]
        lines += activityLines(data, context: context)
        lines += ["", "This report holds no password, password hash, secret key, code or machine id."]
        return lines.map(clean).joined(separator: "\n") + "\n"
    }

    private static func hostLines(_ host: HostFacts?) -> [String] {
        guard let host else { return ["  Not inspected: the portal inspects only the Linux machine it runs on."] }
        func fact(_ value: HostFact<String>) -> String { value.value ?? "unknown (\(value.unknownReason ?? ""))" }
        let encryption: String = switch host.everyFilesystemEncrypted {
        case .known(true): "every counted filesystem is encrypted"
        case .known(false): "not every filesystem is encrypted"
        case let .unknown(reason): "unknown (\(reason))"
        }
        return [
            "  Distribution: \(fact(host.prettyName)) (\(fact(host.distributionId)) \(fact(host.versionId)))",
            "  Host name:    \(fact(host.hostName))",
            "  Vendor:       \(fact(host.vendor))",
            "  Model:        \(fact(host.model))",
            "  Disk:         \(encryption)",
            // The raw id identifies the machine to any service: only whether it was read.
            "  Machine id:   \(host.machineId.value == nil ? "not read" : "read (not shown)")",
        ]
    }

    /// What the store records: check-ins, a password change, install states.
    private static func activityLines(_ data: UserPortalData, context: PortalContext) -> [String] {
        var events: [(Date, String)] = []
        for device in data.devices {
            if let sync = device.lastSyncDateTime { events.append((sync, "\(device.deviceName) checked in")) }
            events.append((device.enrolledDateTime, "\(device.deviceName) enrolled"))
        }
        if let changed = data.user.lastPasswordChangeDateTime { events.append((changed, "Password changed")) }
        var lines = events.sorted { $0.0 > $1.0 }.prefix(20).map { "  \(context.dateTime($0.0))  \($0.1)" }
        // Each install record, newest first, with what the help desk looks up: the error code and its meaning.
        let names = Dictionary(data.devices.map { ($0.id, $0.deviceName) }, uniquingKeysWith: { first, _ in first })
        let installs = data.installs.all.sorted { ($0.lastModifiedDateTime, $0.appId) > ($1.lastModifiedDateTime, $1.appId) }
            .prefix(50).map { record in
                let app = data.app(id: record.appId)?.displayName ?? record.appId
                var state = record.installState.label
                if let request = record.installRequest { state = request.action == .install ? "Installing" : "Uninstalling" }
                if record.installState == .failed { state += " (\(AppInstallError.sentence(record.errorCode)))" }
                return "  \(context.dateTime(record.lastModifiedDateTime))  \(app) on \(names[record.deviceId] ?? record.deviceId): \(state)"
            }
        if !installs.isEmpty { lines += ["", "App installs"] + installs }
        if lines.isEmpty { lines = ["  Nothing recorded yet."] }
        return lines
    }

    /// Names come from the store: a control character in one must not reach
    /// the terminal of whoever reads the report with cat.
    private static func clean(_ line: String) -> String {
        String(String.UnicodeScalarView(line.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
    }
}
