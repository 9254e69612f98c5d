import Foundation

/// What one device may do with one cloud app, in the Company Portal's words.
public enum AccessVerdict: Sendable, Equatable {
    case canAccess
    /// Access holds only because the device's compliance grace period runs.
    case inGrace(until: Date)
    case cannotAccess

    /// The portal's status words (Company Portal web).
    public var label: String {
        switch self {
        case .canAccess: "Can access"
        case .inGrace: "Out of compliance - can still access company resources"
        case .cannotAccess: "Cannot access company resources"
        }
    }

    /// Worst first, for the device's overall answer.
    var severity: Int {
        switch self {
        case .canAccess: 0
        case .inGrace: 1
        case .cannotAccess: 2
        }
    }
}

/// A grant control a device or user does not meet, and what to do about it.
public struct UnmetControl: Sendable, Equatable {
    public var control: ConditionalAccessGrantControl
    public var remedy: String

    public init(control: ConditionalAccessGrantControl, remedy: String) {
        self.control = control
        self.remedy = remedy
    }
}

/// One enforced policy that denies access (or will, when grace ends): with
/// `AND` every control listed must be met, with `OR` any one of them.
public struct UnmetPolicy: Sendable, Equatable {
    public var policyId: String
    public var displayName: String
    public var `operator`: GrantOperator
    public var unmet: [UnmetControl]
}

/// One cloud app's verdict for one device.
public struct AppAccess: Sendable, Equatable {
    public var app: CloudApp
    public var verdict: AccessVerdict
    /// The policies that deny access now, or that will when grace ends.
    public var unmet: [UnmetPolicy]
}

/// Every cloud app's verdict for one device: what the device view lists, the
/// enrollment result shows and Home sums up.
public struct DeviceAccess: Sendable, Equatable {
    public var apps: [AppAccess]

    public init(apps: [AppAccess]) { self.apps = apps }

    public var blocked: [CloudApp] { apps.filter { $0.verdict == .cannotAccess }.map(\.app) }
    public var inGrace: [CloudApp] { apps.filter { if case .inGrace = $0.verdict { true } else { false } }.map(\.app) }

    /// The worst verdict over the apps; `canAccess` when there are none.
    public var overall: AccessVerdict {
        apps.map(\.verdict).max { $0.severity < $1.severity } ?? .canAccess
    }
}

extension ConditionalAccessGrantControl {
    /// What the control asks for, to follow "Needs".
    public var requirement: String {
        switch self {
        case .block: "no access at all"
        case .mfa: "multifactor authentication"
        case .compliantDevice: "a compliant device"
        case .domainJoinedDevice: "a hybrid joined device"
        case .approvedApplication: "an approved client app"
        case .compliantApplication: "an app protection policy"
        case .passwordChange: "a password change"
        }
    }
}
