import Foundation

/// Decides a device's compliance from its reported facts, the policies that
/// apply to it and the time. Pure: the same inputs always give the same answer.
/// Every number comes from a store, so no arithmetic here may trap on any value.
public struct ComplianceEvaluator: Sendable {
    /// Days without a check-in before a device is noncompliant (Intune's default is 30).
    public var validityPeriodDays: Int

    public init(validityPeriodDays: Int = 30) {
        self.validityPeriodDays = validityPeriodDays
    }

    public func evaluate(_ device: ManagedDevice, policies: [CompliancePolicy], now: Date) -> ComplianceEvaluation {
        let reported = device.complianceState
        guard let lastSync = device.lastSyncDateTime else {
            return ComplianceEvaluation(factsState: .unknown, reportedState: reported, graceDeadline: nil,
                                        results: [checkIn(device, outcome: .notReported, actual: "Never")], hasReported: false)
        }
        func outcome(_ state: ComplianceState, _ results: [SettingResult], deadline: Date? = nil) -> ComplianceEvaluation {
            ComplianceEvaluation(factsState: state, reportedState: reported, graceDeadline: deadline, results: results, hasReported: true)
        }
        var results: [SettingResult] = []
        var graces: [TimeInterval] = []
        for policy in policies where policy.platform.policyPlatform == device.operatingSystem.policyPlatform {
            let checked = SettingChecks(device: device, policy: policy).results()
            results += checked
            let failing = checked.filter { $0.outcome == .fail }
            if !failing.isEmpty { graces.append(grace(of: policy, failing: failing, on: device)) }
        }
        let stale = now.timeIntervalSince(lastSync) > Double(validityPeriodDays) * 86_400
        if stale {
            results.insert(checkIn(device, outcome: .fail, actual: Self.dayCount(since: lastSync, now: now)), at: 0)
            return outcome(.noncompliant, results)
        }
        if let shortest = graces.min() {
            let since = device.noncompliantSinceDateTime ?? now
            let deadline = since.addingTimeInterval(shortest)
            if now < deadline {
                return outcome(.inGracePeriod, results, deadline: deadline)
            }
            return outcome(.noncompliant, results)
        }
        if results.contains(where: { $0.outcome == .notReported }) {
            return outcome(.unknown, results)
        }
        return outcome(.compliant, results)
    }

    /// iOS itself gives a user 60 minutes to set a passcode the management
    /// profile requires, then insists; so a device failing only on its passcode
    /// has exactly that long, whatever the policy's grace.
    public static let applePasscodeGrace: TimeInterval = 3_600

    private func grace(of policy: CompliancePolicy, failing: [SettingResult], on device: ManagedDevice) -> TimeInterval {
        let mobileApple: Set<DevicePlatform> = [.iOS, .iPadOS]
        if mobileApple.contains(device.operatingSystem), failing.allSatisfy({ SettingChecks.passcodeSettings.contains($0.setting) }) {
            return Self.applePasscodeGrace
        }
        // Doubles cannot overflow where an Int product of hours would.
        return Double(max(0, policy.gracePeriodHours)) * 3_600
    }

    private func checkIn(_ device: ManagedDevice, outcome: SettingResult.Outcome, actual: String) -> SettingResult {
        let app = device.operatingSystem.managementApp
        let howTo = outcome == .notReported
            ? "This device has not reported to your organization yet. Open the \(app) on \(device.deviceName), sign in and choose Check status; if it still has not reported after an hour, contact IT support."
            : "Open the \(app) on \(device.deviceName) and choose Check status so the device reports its state."
        return SettingResult(
            policyId: "", setting: "lastSyncDateTime", title: "Device check-in",
            expected: "Within the last \(Plural.count(validityPeriodDays, "day"))", actual: actual, outcome: outcome,
            howToResolve: howTo)
    }

    private static func dayCount(since date: Date, now: Date) -> String {
        let days = now.timeIntervalSince(date) / 86_400
        // Int(_:) traps outside its range; a store can hold any date.
        let whole = days.isFinite && abs(days) < 1e15 ? Int(days) : Int.max
        return "\(Plural.count(whole, "day")) ago"
    }
}
