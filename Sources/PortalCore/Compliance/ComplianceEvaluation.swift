import Foundation

/// The outcome of checking one device against its compliance policies.
public struct ComplianceEvaluation: Sendable, Equatable {
    public var state: ComplianceState
    /// Set while the state is `inGracePeriod`: when the device becomes noncompliant.
    public var graceDeadline: Date?
    public var results: [SettingResult]

    public var failures: [SettingResult] { results.filter { $0.outcome == .fail } }
}

/// One checked setting: what the policy expects, what the device reported,
/// and how the user can fix it.
public struct SettingResult: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case pass, fail, notReported
    }

    public var policyId: String
    /// The Graph name of the setting, e.g. `passcodeMinimumLength`.
    public var setting: String
    public var title: String
    public var expected: String
    public var actual: String
    public var outcome: Outcome
    public var howToResolve: String
}

extension ComplianceState {
    /// The word shown beside the state's glyph.
    public var label: String {
        switch self {
        case .compliant: "Compliant"
        case .noncompliant: "Not compliant"
        case .inGracePeriod: "In grace period"
        case .unknown: "Unknown"
        case .conflict: "Conflict"
        case .error: "Error"
        case .configManager: "Managed by Configuration Manager"
        }
    }

    /// The Company Portal's sentence about access to company resources.
    public var accessSummary: String {
        switch self {
        case .compliant, .configManager: "Can access company resources"
        case .inGracePeriod: "Out of compliance - can still access company resources"
        case .noncompliant, .conflict, .error: "Cannot access company resources"
        case .unknown: "Checking access"
        }
    }
}
