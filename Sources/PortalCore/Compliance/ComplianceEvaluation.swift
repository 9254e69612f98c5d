import Foundation

/// The outcome of checking one device against its compliance policies.
///
/// Which state is the truth: a device carries two. `factsState` is what the
/// portal computes now from the device's last reported facts, its policies and
/// the time; `reportedState` is the stored `complianceState`, what the
/// compliance service last reported. The portal shows the facts, because they
/// also see what happened since that report (a grace period that ran out, a
/// check-in that went stale), except when the service reported a state facts
/// cannot produce (`error`, `conflict`, `configManager`): only the service knows
/// those, so they win. When the two differ the detail view shows both and says why.
public struct ComplianceEvaluation: Sendable, Equatable {
    /// The state the portal shows (see above).
    public var state: ComplianceState
    /// The state the reported facts give now.
    public var factsState: ComplianceState
    /// The stored `complianceState`: what the compliance service last reported.
    public var reportedState: ComplianceState
    /// Set while the state is `inGracePeriod`: when the device becomes noncompliant.
    public var graceDeadline: Date?
    public var results: [SettingResult]
    /// False until the device first checks in.
    public var hasReported: Bool

    public init(factsState: ComplianceState, reportedState: ComplianceState, graceDeadline: Date?,
                results: [SettingResult], hasReported: Bool) {
        let serviceOnly: Set<ComplianceState> = [.error, .conflict, .configManager]
        state = serviceOnly.contains(reportedState) ? reportedState : factsState
        self.factsState = factsState
        self.reportedState = reportedState
        self.graceDeadline = state == .inGracePeriod ? graceDeadline : nil
        self.results = results
        self.hasReported = hasReported
    }

    public var failures: [SettingResult] { results.filter { $0.outcome == .fail } }

    /// The access sentence for this device; a device that never checked in
    /// says so instead of "Checking access".
    public var accessSummary: String {
        state == .unknown && !hasReported ? "Has not reported to your organization yet" : state.accessSummary
    }

    /// Why the shown state and the service's last report differ, or nil when
    /// they agree.
    public var disagreement: String? {
        guard factsState != reportedState else { return nil }
        switch reportedState {
        case .error:
            return "The compliance service reported an error for this device, so it cannot vouch for it. The settings below are checked from what the device last reported; contact IT support."
        case .conflict:
            return "Two policies assigned to this device set conflicting values, so the compliance service reports a conflict. The settings below are checked from what the device last reported; contact IT support."
        case .configManager:
            return "Configuration Manager decides this device's compliance. The settings below are checked from what the device last reported."
        default:
            return "The compliance service last reported \(reportedState.label); checked now, the settings below say \(factsState.label). Choose Check status on the device to update the service."
        }
    }
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

    /// How urgently the user must act: lower comes first in "Needs your attention".
    public var urgency: Int {
        switch self {
        case .noncompliant, .error, .conflict: 0
        case .inGracePeriod: 1
        case .unknown: 2
        case .configManager: 3
        case .compliant: 4
        }
    }
}
