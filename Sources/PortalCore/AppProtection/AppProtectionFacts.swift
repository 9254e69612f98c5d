import Foundation

/// What the app protection walkthrough reads for one user, in one go: the
/// personal iOS and Android devices it can register, the policies that
/// target the user, and the user's registrations.
public struct AppProtectionFacts: Sendable, Equatable {
    public var user: User
    public var organization: Organization
    public var devices: [SimulatedDevice]
    public var policies: [ManagedAppProtection]
    public var registrations: [ManagedAppRegistration]

    public init(user: User, tenant: Tenant) {
        self.user = user
        organization = tenant.organization
        let groups = Set(user.groups)
        policies = tenant.managedAppProtections.filter { !groups.isDisjoint(with: $0.assignedGroups) }
        let platforms = Set(policies.map(\.platform))
        devices = tenant.simulatedDevices.filter { ManagedAppPlatform($0.operatingSystem).map(platforms.contains) ?? false }
        registrations = tenant.appRegistrations(of: user)
    }

    /// The protected apps a device can use, each with the policy that
    /// protects it for the user (the first in store order), without repeats.
    public func apps(on device: SimulatedDevice) -> [(app: ProtectedApp, policy: ManagedAppProtection)] {
        guard let platform = ManagedAppPlatform(device.operatingSystem) else { return [] }
        var seen = Set<String>()
        var apps: [(ProtectedApp, ManagedAppProtection)] = []
        for policy in policies where policy.platform == platform {
            for app in policy.apps where seen.insert(app.mobileAppIdentifier.value).inserted { apps.append((app, policy)) }
        }
        return apps
    }

    public func policy(id: String) -> ManagedAppProtection? { policies.first { $0.id == id } }

    public func registration(device: SimulatedDevice, app: ProtectedApp) -> ManagedAppRegistration? {
        registrations.first { $0.simulatedDeviceId == device.id && $0.appIdentifier.value == app.mobileAppIdentifier.value }
    }
}

extension Tenant {
    public func appProtectionFacts(userId: String) -> AppProtectionFacts? {
        user(id: userId).map { AppProtectionFacts(user: $0, tenant: self) }
    }
}
