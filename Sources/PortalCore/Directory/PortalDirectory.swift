import Foundation

/// What the portal asks of an organization's store. Screens ask for what they
/// show (the organization, one account, one user's devices and catalog) and
/// change it one domain operation at a time, so a database can answer as well
/// as the JSON file. Reads see what is stored now: a change made elsewhere (a
/// second terminal, an administrator editing the file) shows from the next read.
public protocol PortalDirectory: AnyObject, Sendable {
    func organization() throws -> Organization
    func accountCount() throws -> Int
    /// The accounts with these names that exist (the demo list on the sign-in screen).
    func users(principalNames: [String]) throws -> [User]
    /// What signing in with this name needs: the account (if any), its
    /// lockout, and the cost an unknown name must pay to look like a known one.
    func signInFacts(principalName: String) throws -> SignInFacts
    func user(id: String) throws -> User?
    /// One user's devices, their policies and catalog; nil if the user is gone.
    /// The catalog may come incomplete (`catalogIsComplete`): then `catalog(userId:)` reads it.
    func portalData(userId: String) throws -> UserPortalData?
    /// The user's whole catalog; nil if the user is gone.
    func catalog(userId: String) throws -> [CatalogEntry]?
    /// Applies one change atomically; on failure nothing was written.
    func perform(_ change: AccountChange, now: Date) throws -> AccountChangeResult
    /// What the enrollment walkthrough reads for one user; nil if the user is gone.
    func enrollmentFacts(userId: String) throws -> EnrollmentFacts?
    /// Applies one enrollment change atomically; on failure nothing was written.
    func perform(_ change: EnrollmentChange, now: Date) throws -> EnrollmentChangeResult
    /// Applies one change to a user's read notifications atomically.
    func perform(_ change: NotificationChange, now: Date) throws -> NotificationChangeResult
    /// What the app protection walkthrough reads for one user; nil if the user is gone.
    func appProtectionFacts(userId: String) throws -> AppProtectionFacts?
    /// Applies one app protection change atomically; on failure nothing was written.
    func perform(_ change: AppProtectionChange, now: Date) throws -> ManagedAppRegistration
    /// Applies one change to a device atomically; on failure nothing was written.
    func perform(_ change: DeviceChange, now: Date) throws -> DeviceChangeResult
    /// Applies one install change atomically; on failure nothing was written.
    func perform(_ change: AppInstallChange, now: Date) throws -> AppInstallChangeResult
    /// The install records of the user's devices as stored now (another
    /// portal's or a script's requests and progress); empty if the user is gone.
    func installStates(userId: String) throws -> [AppInstallState]
}

public struct SignInFacts: Sendable, Equatable {
    public var user: User?
    public var lockout: SignInLockout?
    public var decoyIterations: Int

    public init(user: User?, lockout: SignInLockout?, decoyIterations: Int) {
        self.user = user
        self.lockout = lockout
        self.decoyIterations = decoyIterations
    }
}

extension Tenant {
    public func signInFacts(principalName: String) -> SignInFacts {
        SignInFacts(user: user(principalName: principalName), lockout: lockout(for: principalName),
                    decoyIterations: Authenticator.decoyIterations(in: self))
    }

    public func users(principalNames: [String]) -> [User] {
        var byName: [String: User] = [:]
        for user in users where byName[user.userPrincipalName.lowercased()] == nil { byName[user.userPrincipalName.lowercased()] = user }
        return principalNames.compactMap { byName[$0.lowercased()] }
    }

    public func portalData(userId: String) -> UserPortalData? {
        user(id: userId).map { UserPortalData(user: $0, tenant: self) }
    }

    public func catalog(userId: String) -> [CatalogEntry]? {
        user(id: userId).map { catalog(for: $0) }
    }

    public func enrollmentFacts(userId: String) -> EnrollmentFacts? {
        user(id: userId).map { EnrollmentFacts(user: $0, tenant: self) }
    }
}

/// A directory over a tenant held in memory: screen scripts, tests, the
/// bench and kiosks use it; the JSON file store keeps one as its cache.
public final class InMemoryDirectory: PortalDirectory, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Tenant

    public init(_ tenant: Tenant) { stored = tenant }

    public var tenant: Tenant { lock.withLock { stored } }

    /// What an administrator changes (the organization and its notifications,
    /// the catalog, the policies), taken from a fresher copy of the store;
    /// the users' own records here stay as they are (a kiosk visitor's).
    public func takeOrganizationWide(from fresh: Tenant) {
        lock.withLock {
            stored.organization = fresh.organization
            stored.groups = fresh.groups
            stored.compliancePolicies = fresh.compliancePolicies
            stored.mobileAppCategories = fresh.mobileAppCategories
            stored.mobileApps = fresh.mobileApps
            stored.mobileAppAssignments = fresh.mobileAppAssignments
            stored.deviceCategories = fresh.deviceCategories
            stored.simulatedDevices = fresh.simulatedDevices
            stored.managedAppProtections = fresh.managedAppProtections
            stored.conditionalAccessPolicies = fresh.conditionalAccessPolicies
            stored.cloudApps = fresh.cloudApps
        }
    }

    public func organization() -> Organization { tenant.organization }
    public func accountCount() -> Int { tenant.users.count }
    public func users(principalNames: [String]) -> [User] { tenant.users(principalNames: principalNames) }
    public func signInFacts(principalName: String) -> SignInFacts { tenant.signInFacts(principalName: principalName) }
    public func user(id: String) -> User? { tenant.user(id: id) }

    public func portalData(userId: String) -> UserPortalData? { tenant.portalData(userId: userId) }
    public func catalog(userId: String) -> [CatalogEntry]? { tenant.catalog(userId: userId) }

    public func enrollmentFacts(userId: String) -> EnrollmentFacts? { tenant.enrollmentFacts(userId: userId) }

    public func perform(_ change: EnrollmentChange, now: Date) throws -> EnrollmentChangeResult {
        try write { try $0.apply(change, now: now) }
    }

    public func perform(_ change: AccountChange, now: Date) throws -> AccountChangeResult {
        try write { try $0.apply(change, now: now) }
    }

    public func perform(_ change: NotificationChange, now: Date) throws -> NotificationChangeResult {
        try write { try $0.apply(change, now: now) }
    }

    public func appProtectionFacts(userId: String) -> AppProtectionFacts? { tenant.appProtectionFacts(userId: userId) }

    public func perform(_ change: AppProtectionChange, now: Date) throws -> ManagedAppRegistration {
        try write { try $0.apply(change, now: now) }
    }

    public func perform(_ change: DeviceChange, now: Date) throws -> DeviceChangeResult {
        try write { try $0.apply(change, now: now) }
    }

    public func perform(_ change: AppInstallChange, now: Date) throws -> AppInstallChangeResult {
        try write { try $0.apply(change, now: now) }
    }

    public func installStates(userId: String) -> [AppInstallState] { tenant.installStates(userId: userId) }

    /// Applies a change to a copy, kept only when the change did not throw.
    private func write<Result>(_ apply: (inout Tenant) throws -> Result) throws -> Result {
        try lock.withLock {
            var changed = stored
            let result = try apply(&changed)
            stored = changed
            return result
        }
    }
}
