import Foundation

/// What Check status found for one device: the device as stored after it,
/// its compliance now, and what changed per setting since the last check.
public struct DeviceCheck: Equatable, Sendable {
    public var device: ManagedDevice
    public var evaluation: ComplianceEvaluation
    /// The compliance state stored before this check.
    public var previousState: ComplianceState
    public var changes: [SettingChange]
    /// Where the facts came from: this machine inspected again, the store's
    /// simulated device, or the facts last reported.
    public var source: Source

    public enum Source: String, Equatable, Sendable {
        case inspectedHost, simulatedDevice, storedFacts
    }

    public init(device: ManagedDevice, evaluation: ComplianceEvaluation, previousState: ComplianceState,
                changes: [SettingChange], source: Source) {
        self.device = device
        self.evaluation = evaluation
        self.previousState = previousState
        self.changes = changes
        self.source = source
    }

    /// "Compliant (was Not compliant)" or "Still in grace period".
    public var stateSummary: String {
        let now = evaluation.state
        return now == previousState ? "Still \(now.label.lowercased())" : "\(now.label) (was \(previousState.label.lowercased()))"
    }
}

/// One setting's outcome before and after a check.
public struct SettingChange: Equatable, Sendable {
    public var setting: String
    public var title: String
    /// Nil when the setting was not checked before (a new policy).
    public var before: SettingResult.Outcome?
    public var after: SettingResult.Outcome

    public init(setting: String, title: String, before: SettingResult.Outcome?, after: SettingResult.Outcome) {
        self.setting = setting
        self.title = title
        self.before = before
        self.after = after
    }

    public var changed: Bool { before != after }

    /// "Encryption: now passes", "Minimum OS version: still fails".
    public var sentence: String { "\(title): \(changed ? "now" : "still") \(after.verb)" }
}

extension SettingResult.Outcome {
    var verb: String {
        switch self {
        case .pass: "passes"
        case .fail: "fails"
        case .notReported: "not reported"
        }
    }
}

extension Tenant {
    /// Check status for one stored device: its facts read again where they
    /// come from, evaluated at `now`, and lastSyncDateTime, complianceState and
    /// the grace fields written as the compliance service would.
    mutating func checkStatus(at index: Int, of owner: User, host: HostFacts?, now: Date) -> DeviceCheck {
        let before = managedDevices[index]
        let beforeEvaluation = evaluate(before, for: owner, now: now)
        var device = before
        var source = DeviceCheck.Source.storedFacts
        if let host, let id = HostEnrollment.stableId(host), before.serialNumber == id, before.operatingSystem == .linux {
            let name = device.deviceName
            device = HostDeviceFacts(host).applied(to: device)
            // The user's name for the machine is theirs, not the host's.
            device.deviceName = name
            source = .inspectedHost
        } else if let simulated = simulatedDevices.first(where: { $0.serialNumber == before.serialNumber && $0.operatingSystem == before.operatingSystem }) {
            device.reread(simulated)
            source = .simulatedDevice
        }
        device.lastSyncDateTime = now
        let evaluation = evaluate(device, for: owner, now: now)
        device.complianceState = evaluation.state
        device.complianceGracePeriodExpirationDateTime = evaluation.graceDeadline
        // Grace runs from the first failure of what still fails, so a check
        // never restarts it.
        device.noncompliantSinceDateTime = evaluation.failures.isEmpty ? nil : (before.noncompliantSinceDateTime ?? now)
        managedDevices[index] = device
        return DeviceCheck(device: device, evaluation: evaluation, previousState: before.complianceState,
                           changes: Self.changes(from: beforeEvaluation, to: evaluation), source: source)
    }

    /// Every setting after the check, what changed first.
    static func changes(from before: ComplianceEvaluation, to after: ComplianceEvaluation) -> [SettingChange] {
        var earlier: [String: SettingResult.Outcome] = [:]
        for result in before.results { earlier[result.policyId + "/" + result.setting] = result.outcome }
        var seen = Set<String>()
        let all = after.results.compactMap { result -> SettingChange? in
            let key = result.policyId + "/" + result.setting
            guard seen.insert(key).inserted else { return nil }
            return SettingChange(setting: result.setting, title: result.title, before: earlier[key], after: result.outcome)
        }
        // A check-in that went stale is a result only while it fails: once
        // the device reports again it passes, and says so.
        let reported = before.results.filter { $0.setting == "lastSyncDateTime" && !seen.contains($0.policyId + "/" + $0.setting) }
            .map { SettingChange(setting: $0.setting, title: $0.title, before: $0.outcome, after: .pass) }
        let every = reported + all
        return every.filter(\.changed) + every.filter { !$0.changed }
    }
}

extension ManagedDevice {
    /// A simulated device's facts as the store holds them now. What the
    /// enrollment walkthrough set on the device (a passcode, encryption)
    /// stays unless the store's facts say as much.
    mutating func reread(_ simulated: SimulatedDevice) {
        osVersion = simulated.osVersion
        jailBroken = simulated.jailBroken
        partnerReportedThreatState = simulated.partnerReportedThreatState
        manufacturer = simulated.manufacturer
        model = simulated.model
        if simulated.passcode?.isSet == true || passcode == nil { passcode = simulated.passcode }
        if simulated.isEncrypted == true || isEncrypted == nil { isEncrypted = simulated.isEncrypted }
    }
}
