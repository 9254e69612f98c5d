import Foundation

/// Decides a device's compliance from its reported facts, the policies that
/// apply to it and the time. Pure: the same inputs always give the same answer.
public struct ComplianceEvaluator: Sendable {
    /// Days without a check-in before a device is noncompliant (Intune's default is 30).
    public var validityPeriodDays: Int

    public init(validityPeriodDays: Int = 30) {
        self.validityPeriodDays = validityPeriodDays
    }

    public func evaluate(_ device: ManagedDevice, policies: [CompliancePolicy], now: Date) -> ComplianceEvaluation {
        guard let lastSync = device.lastSyncDateTime else {
            return ComplianceEvaluation(state: .unknown, graceDeadline: nil, results: [checkIn(device, outcome: .notReported, actual: "Never")])
        }
        var results: [SettingResult] = []
        var graceHours: [Int] = []
        for policy in policies where policy.platform.policyPlatform == device.operatingSystem.policyPlatform {
            let checked = SettingChecks(device: device, policy: policy).results()
            results += checked
            if checked.contains(where: { $0.outcome == .fail }) { graceHours.append(policy.gracePeriodHours) }
        }
        let stale = now.timeIntervalSince(lastSync) > Double(validityPeriodDays) * 86_400
        if stale {
            results.insert(checkIn(device, outcome: .fail, actual: Self.dayCount(since: lastSync, now: now)), at: 0)
            return ComplianceEvaluation(state: .noncompliant, graceDeadline: nil, results: results)
        }
        if let shortest = graceHours.min() {
            let since = device.noncompliantSinceDateTime ?? now
            let deadline = since.addingTimeInterval(Double(shortest) * 3_600)
            if now < deadline {
                return ComplianceEvaluation(state: .inGracePeriod, graceDeadline: deadline, results: results)
            }
            return ComplianceEvaluation(state: .noncompliant, graceDeadline: nil, results: results)
        }
        if results.contains(where: { $0.outcome == .notReported }) {
            return ComplianceEvaluation(state: .unknown, graceDeadline: nil, results: results)
        }
        return ComplianceEvaluation(state: .compliant, graceDeadline: nil, results: results)
    }

    private func checkIn(_ device: ManagedDevice, outcome: SettingResult.Outcome, actual: String) -> SettingResult {
        SettingResult(
            policyId: "", setting: "lastSyncDateTime", title: "Device check-in",
            expected: "Within the last \(validityPeriodDays) days", actual: actual, outcome: outcome,
            howToResolve: "Open the portal on \(device.deviceName) and choose Check status so the device reports its state.")
    }

    private static func dayCount(since date: Date, now: Date) -> String {
        let days = Int(now.timeIntervalSince(date) / 86_400)
        return days == 1 ? "1 day ago" : "\(days) days ago"
    }
}
