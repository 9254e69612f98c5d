import Foundation

/// Everything the signed-in portal shows of one user, read in one go:
/// their devices with the policies that apply to each, their catalog and
/// install states, and the organization's name, support and notifications.
public struct UserPortalData: Sendable, Equatable {
    public var user: User
    public var organization: Organization
    public private(set) var installs: InstallStateIndex
    public private(set) var catalog: [CatalogEntry]
    /// App id to its place in the catalog.
    private var appIndex: [String: Int]
    /// False while the catalog holds only the apps of the user's install
    /// records: a database reads the rest after sign-in (`completeCatalog`),
    /// so signing in costs the same however large the catalog is.
    public private(set) var catalogIsComplete: Bool
    /// The user's protected apps on devices the organization does not manage.
    public let appRegistrations: [ManagedAppRegistration]
    /// Conditional access policies and cloud apps.
    public let accessRules: AccessRules
    /// Device id to the policies that target the user on its platform.
    private let policiesByDevice: [String: [CompliancePolicy]]
    /// Install records and read state the notifications are made from.
    public private(set) var notificationSources: NotificationSources

    public init(user: User, tenant: Tenant, catalogIsComplete: Bool = true) {
        self.user = user
        organization = tenant.organization
        installs = InstallStateIndex(tenant: tenant, user: user)
        catalog = tenant.catalog(for: user)
        appIndex = Self.index(catalog)
        self.catalogIsComplete = catalogIsComplete
        appRegistrations = tenant.appRegistrations(of: user)
        accessRules = AccessRules(tenant: tenant)
        var policies: [String: [CompliancePolicy]] = [:]
        for device in installs.devices { policies[device.id] = tenant.policies(for: device, user: user) }
        policiesByDevice = policies
        notificationSources = NotificationSources(tenant: tenant, user: user, devices: installs.devices)
    }

    public var devices: [ManagedDevice] { installs.devices }

    /// This data with the catalog of `older` when this one came without its
    /// catalog (a database's) and the older one had it.
    public func keepingCatalog(of older: UserPortalData) -> UserPortalData {
        guard !catalogIsComplete, older.catalogIsComplete else { return self }
        var kept = self
        kept.completeCatalog(older.catalog)
        return kept
    }

    /// The whole catalog, read after sign-in.
    public mutating func completeCatalog(_ entries: [CatalogEntry]) {
        catalog = entries
        appIndex = Self.index(entries)
        catalogIsComplete = true
    }

    private static func index(_ catalog: [CatalogEntry]) -> [String: Int] {
        Dictionary(catalog.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    /// One app of the user's catalog by id.
    public func app(id: String) -> MobileApp? { entry(id: id)?.app }

    public func entry(id: String) -> CatalogEntry? { appIndex[id].map { catalog[$0] } }

    /// Install records as the store returned them after a change: the
    /// catalog's states and the notifications made from them follow.
    public mutating func merge(_ changed: [AppInstallState]) {
        installs.merge(changed)
        let names = Dictionary(catalog.map { ($0.id, $0.app.displayName) }, uniquingKeysWith: { first, _ in first })
        for record in changed {
            notificationSources.installs.removeAll { $0.appId == record.appId && $0.deviceId == record.deviceId }
            guard record.installState == .failed || record.installState == .installed, let name = names[record.appId] else { continue }
            notificationSources.installs.append(.init(appId: record.appId, appName: name, deviceId: record.deviceId, state: record.installState,
                                                      errorCode: record.errorCode, date: record.lastModifiedDateTime))
        }
    }

    public func evaluate(_ device: ManagedDevice, now: Date) -> ComplianceEvaluation {
        ComplianceEvaluator(validityPeriodDays: organization.complianceValidityPeriodDays)
            .evaluate(device, policies: policiesByDevice[device.id] ?? [], now: now)
    }

    /// Which cloud apps the user reaches from the device, from its compliance now.
    public func access(_ device: ManagedDevice, compliance: ComplianceEvaluation) -> DeviceAccess {
        accessRules.access(user: user, device: device, compliance: compliance)
    }
}
