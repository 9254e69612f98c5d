import Foundation
import PortalCore
import PortalTestCluster
import Testing
@testable import PortalStore

/// The two stores the portal runs on, as the store contract tests make them.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case file, database

    var testDescription: String { rawValue }
}

/// One store made for a test: its directory, and how to read the whole of
/// it back (to see that a refused change wrote nothing).
struct ContractStore {
    let backend: StoreBackend
    let directory: any PortalDirectory
    let loadAll: () throws -> Tenant

    /// The tenant in a fresh store of the backend: a file of its own, or a
    /// fresh database of the shared test cluster; nil when database tests
    /// are skipped (no server and not required).
    static func make(_ backend: StoreBackend, _ tenant: Tenant) throws -> ContractStore? {
        switch backend {
        case .file:
            let store = JSONStore(url: try temporaryFolder().appendingPathComponent("portal.json"))
            try store.create(tenant)
            return ContractStore(backend: backend, directory: try JSONDirectory(store: store), loadAll: { try store.load() })
        case .database:
            guard let store = try freshDatabase() else { return nil }
            try store.create(tenant)
            return ContractStore(backend: backend, directory: try PostgresDirectory(store: store), loadAll: { try store.load() })
        }
    }
}

/// A store on a fresh, empty database of the shared test cluster; nil when skipped.
func freshDatabase() throws -> PostgresStore? {
    guard let cluster = try DatabaseTests.cluster() else { return nil }
    return PostgresStore(address: try #require(DatabaseAddress(try cluster.createDatabase())))
}

/// The demo tenant the contract runs on: everyone accepted the current terms,
/// so enrolling reaches the device limit rather than the terms step.
func contractDemo() throws -> Tenant {
    var tenant = demoFixture()
    for user in tenant.users {
        _ = try tenant.apply(.acceptTerms(userId: user.id, version: tenant.organization.termsAndConditions.version), now: fixtureNow)
    }
    return tenant
}

/// What a request gave: a value or an error, compared by type and value, so
/// two stores are seen to answer alike.
struct Outcome: Equatable, CustomStringConvertible {
    let value: any Equatable
    let failed: Bool

    static func of(_ body: () throws -> any Equatable) -> Outcome {
        do {
            return Outcome(value: try body(), failed: false)
        } catch let error as any Equatable {
            return Outcome(value: error, failed: true)
        } catch {
            return Outcome(value: "\(type(of: error)): \(error)", failed: true)
        }
    }

    static func == (lhs: Outcome, rhs: Outcome) -> Bool {
        lhs.failed == rhs.failed && equal(lhs.value, rhs.value)
    }

    private static func equal(_ lhs: any Equatable, _ rhs: any Equatable) -> Bool {
        func open<T: Equatable>(_ lhs: T) -> Bool { (rhs as? T) == lhs }
        return open(lhs)
    }

    var description: String { "\(failed ? "error " : "")\(value)" }
}

/// Everything the portal reads of a store, for every user (and one unknown):
/// two stores holding the same organization read alike.
struct ContractReads: Equatable {
    struct PerUser: Equatable {
        var user: User?
        var signIn: SignInFacts
        var signInUpperCase: SignInFacts
        /// With the catalog completed from `catalog(userId:)`, as the portal does after sign-in.
        var portal: PortalView?
        var catalog: [CatalogEntry]?
        var enrollment: EnrollmentFacts?
        var appProtection: AppProtectionFacts?
        var installs: [AppInstallState]
    }

    var organization: Organization
    var accountCount: Int
    var users: [User]
    var perUser: [String: PerUser]

    static func read(_ directory: any PortalDirectory, userIds: [String], principalNames: [String]) throws -> ContractReads {
        var perUser: [String: PerUser] = [:]
        for (id, name) in zip(userIds, principalNames) {
            var portal = try directory.portalData(userId: id)
            let catalog = try directory.catalog(userId: id)
            if let entries = catalog, portal?.catalogIsComplete == false { portal?.completeCatalog(entries) }
            perUser[id] = PerUser(
                user: try directory.user(id: id), signIn: try directory.signInFacts(principalName: name),
                signInUpperCase: try directory.signInFacts(principalName: name.uppercased()), portal: portal.map(PortalView.init), catalog: catalog,
                enrollment: try directory.enrollmentFacts(userId: id), appProtection: try directory.appProtectionFacts(userId: id),
                installs: try directory.installStates(userId: id))
        }
        return ContractReads(organization: try directory.organization(), accountCount: try directory.accountCount(),
                             users: try directory.users(principalNames: principalNames + ["nobody@contoso.com"]), perUser: perUser)
    }
}

/// What the portal shows of a user's data: UserPortalData without its
/// bookkeeping (install records' places in the store's array, which differ
/// between the whole file and one user's part of a database, in the same order).
struct PortalView: Equatable {
    var user: User
    var organization: Organization
    var devices: [ManagedDevice]
    var catalog: [CatalogEntry]
    var catalogIsComplete: Bool
    var records: [AppInstallState]
    var underWay: [AppInstallState]
    var appRegistrations: [ManagedAppRegistration]
    var accessRules: AccessRules
    var notificationSources: NotificationSources
    var compliance: [ComplianceEvaluation]
    var access: [DeviceAccess]

    init(_ data: UserPortalData) {
        user = data.user
        organization = data.organization
        devices = data.devices
        catalog = data.catalog
        catalogIsComplete = data.catalogIsComplete
        records = data.installs.all.sorted { ($0.appId, $0.deviceId) < ($1.appId, $1.deviceId) }
        underWay = data.installs.underWay
        appRegistrations = data.appRegistrations
        accessRules = data.accessRules
        notificationSources = data.notificationSources
        compliance = data.devices.map { data.evaluate($0, now: fixtureNow) }
        access = zip(data.devices, compliance).map { data.access($0, compliance: $1) }
    }
}

/// A one-time code of an OATH secret at a moment.
func oathCode(secret: String, at date: Date) -> String {
    let settings = OneTimeCode()
    return settings.code(secret: Base32.decode(secret)!, step: settings.step(at: date))
}

/// Where two values differ, as paths of their fields (a few levels deep), for a failure's message.
func differences(_ lhs: Any, _ rhs: Any, path: String = "", depth: Int = 6) -> [String] {
    let left = Mirror(reflecting: lhs), right = Mirror(reflecting: rhs)
    if left.displayStyle == .dictionary || left.displayStyle == .set {
        let describe = { (mirror: Mirror) in mirror.children.map { String(describing: $0.value) }.sorted() }
        return describe(left) == describe(right) ? [] : [path.isEmpty ? "value" : path]
    }
    if depth == 0 || left.children.isEmpty {
        return String(describing: lhs) == String(describing: rhs) ? [] : [path.isEmpty ? "value" : path]
    }
    let leftChildren = Array(left.children), rightChildren = Array(right.children)
    guard leftChildren.count == rightChildren.count else { return ["\(path) (\(leftChildren.count) vs \(rightChildren.count) items)"] }
    return zip(leftChildren, rightChildren).enumerated().flatMap { index, pair in
        differences(pair.0.value, pair.1.value, path: path + "." + (pair.0.label ?? "[\(index)]"), depth: depth - 1)
    }
}
