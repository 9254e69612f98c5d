import Foundation

/// The organization's conditional access policies and cloud apps, read once
/// with a user's portal data. `access` is the one function the device view,
/// Home and the enrollment result all answer from.
public struct AccessRules: Sendable, Equatable {
    public var policies: [ConditionalAccessPolicy]
    public var cloudApps: [CloudApp]

    public init(policies: [ConditionalAccessPolicy], cloudApps: [CloudApp]) {
        self.policies = policies
        self.cloudApps = cloudApps
    }

    public init(tenant: Tenant) {
        self.init(policies: tenant.conditionalAccessPolicies, cloudApps: tenant.cloudApps)
    }

    /// A store without cloud apps (older ones) has nothing to show.
    public var isEmpty: Bool { cloudApps.isEmpty }

    /// Each cloud app's verdict for this user on this device. `clientApps` is
    /// where app protection's facts come in; until then they are unknown.
    public func access(user: User, device: ManagedDevice, compliance: ComplianceEvaluation,
                       clientApps: ClientAppFacts = .unknown) -> DeviceAccess {
        AccessEvaluator(policies: policies, cloudApps: cloudApps)
            .evaluate(user: user, device: device, compliance: compliance, clientApps: clientApps)
    }
}
