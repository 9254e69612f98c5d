import Foundation

extension ComplianceEvaluation {
    /// The failed check-in when the device has not reported within the
    /// validity period: the reason it is noncompliant whatever its settings.
    public var staleCheckIn: SettingResult? {
        results.first { $0.setting == "lastSyncDateTime" && $0.outcome == .fail }
    }
}
