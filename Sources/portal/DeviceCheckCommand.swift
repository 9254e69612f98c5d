import ArgumentParser
import Foundation
import PortalCore
import PortalProbe
import PortalStore

/// `portal device check ID --user UPN [--json]`: Check status for scripts.
struct DeviceCheckCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: "Check status of one of a user's devices: it is evaluated again and the result stored.",
            discussion: """
            This Linux machine is inspected again when it is the device; a simulated device is read again from the store; \
            any other device is evaluated again from the facts it last reported, at the current time (a grace period that ran \
            out makes it noncompliant). Exit 0 compliant or in grace, 1 not compliant (or not known to be), 2 for a bad \
            option, an unknown user or a device that is not the user's.
            """)
    }

    @OptionGroup var storeOption: StoreOption

    @Argument(help: ArgumentHelp("The device's id, as `portal devices` lists it.", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("The device's user: their user principal name.", valueName: "upn"))
    var user: String

    @Flag(help: "Print the result as JSON with Microsoft Graph's names and sorted keys.")
    var json = false

    @Option(name: .customLong("probe-root"), help: .hidden)
    var probeRoot: String?

    func run() throws {
        let store = StoreTarget.resolve(explicit: storeOption.store, environment: ProcessInfo.processInfo.environment)
        let probe = HostProbe(root: URL(fileURLWithPath: probeRoot ?? "/"))
        var checked: DeviceCheck?
        do {
            // One locked read-modify-write: the store is read once and written once.
            try store.update(principalName: user) { tenant, owner in
                guard let owner else { throw NoAccount() }
                let device = tenant.devices(of: owner).first { $0.id == id }
                // Inspected only when the device could be this machine; a device
                // that is not the user's never gets that far.
                let host = device?.operatingSystem == .linux ? probe.inspect() : nil
                if case let .checked(checks) = try tenant.apply(.checkStatus(userId: owner.id, deviceId: id, host: host), now: SystemClock().now()) {
                    checked = checks.first
                }
            }
        } catch is NoAccount {
            printError("portal device check: no account \(InertText.escaped(user)) in \(store.shown)")
            throw ExitCode(2)
        } catch let refusal as DeviceChangeError {
            let reason = refusal == .notYours ? "\(InertText.escaped(id)) is not one of \(InertText.escaped(user))'s devices" : refusal.message
            printError("portal device check: \(reason)")
            throw ExitCode(2)
        } catch where error is StoreError || error is DatabaseError {
            printError("portal device check: \(error)")
            throw ExitCode(2)
        }
        guard let check = checked else { throw ExitCode(2) }
        print(json ? try Self.json(check) : Self.text(check))
        if !Self.mayAccess(check.evaluation.state) { throw ExitCode(1) }
    }

    private struct NoAccount: Error {}

    /// Exit 0 for the states that keep access to company resources.
    static func mayAccess(_ state: ComplianceState) -> Bool {
        [.compliant, .inGracePeriod, .configManager].contains(state)
    }

    static func text(_ check: DeviceCheck) -> String {
        let device = check.device
        var lines = ["\(InertText.escaped(device.deviceName)) (\(InertText.escaped(device.id))): \(check.stateSummary)",
                     check.evaluation.accessSummary + (check.evaluation.graceDeadline.map { " until \(ISO8601DateFormatter().string(from: $0))" } ?? "")]
        if let managed = device.managementState, managed != .managed { lines.append(managed.label) }
        lines += check.changes.map { "  \($0.sentence)" }
        return lines.joined(separator: "\n")
    }

    /// The result with the store's Graph names: the device as stored after
    /// the check (it holds no secret: a passcode's shape, never the passcode).
    struct Output: Encodable {
        var managedDevice: ManagedDevice
        var previousComplianceState: ComplianceState
        var changes: [Change]

        struct Change: Encodable {
            var setting: String
            var title: String
            var before: String?
            var after: String
        }
    }

    static func json(_ check: DeviceCheck) throws -> String {
        let output = Output(managedDevice: check.device, previousComplianceState: check.previousState,
                            changes: check.changes.map { .init(setting: $0.setting, title: $0.title, before: $0.before?.rawValue, after: $0.after.rawValue) })
        return try CommandJSON.text(output)
    }
}
