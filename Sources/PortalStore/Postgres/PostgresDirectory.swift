import Foundation
import PortalCore

/// The portal's directory on PostgreSQL: every answer is read from the
/// database now, and only the user's part of it; every change is one
/// transaction of the store.
public final class PostgresDirectory: PortalDirectory, @unchecked Sendable {
    public let store: PostgresStore

    /// Opens the store (bringing its schema up to date), so a database
    /// without a store is reported before the first screen.
    public init(store: PostgresStore) throws {
        self.store = store
        try store.open()
    }

    public func organization() throws -> Organization {
        let text = try store.read { try $0.execute(#"SELECT data::text FROM "organization" ORDER BY position LIMIT 1"#).text(0, 0) }
        guard let text else { throw DatabaseError.schema(address: store.address.description, reason: PostgresStore.noStore) }
        return try decode(Organization.self, text, table: "organization")
    }

    public func accountCount() throws -> Int {
        try store.read { try $0.execute(#"SELECT count(*) FROM "users""#).text(0, 0).flatMap(Int.init) ?? 0 }
    }

    public func users(principalNames: [String]) throws -> [User] {
        let wanted = principalNames.map { $0.lowercased() }
        let texts = try store.read {
            try $0.execute(#"SELECT data::text FROM "users" WHERE lower("userPrincipalName") = ANY($1::text[]) ORDER BY position"#,
                           [PostgresStore.arrayLiteral(wanted)]).values.compactMap { $0.first ?? nil }
        }
        let found = try texts.map { try decode(User.self, $0, table: "users") }
        var byName: [String: User] = [:]
        for user in found where byName[user.userPrincipalName.lowercased()] == nil { byName[user.userPrincipalName.lowercased()] = user }
        return wanted.compactMap { byName[$0] }
    }

    public func signInFacts(principalName: String) throws -> SignInFacts {
        let scope = try store.scope(.principalName(principalName), reach: .init(apps: .only([])))
        // What the most expensive account costs, asked of the index, not of every account.
        let decoy = try store.read {
            try $0.execute(#"SELECT max("passwordIterations") FROM "users" WHERE "passwordIterations" BETWEEN 1 AND 10000000"#).text(0, 0)
        }.flatMap(Int.init) ?? PasswordHash.recommendedIterations
        return SignInFacts(user: scope.user, lockout: scope.tenant.lockout(for: principalName), decoyIterations: decoy)
    }

    public func user(id: String) throws -> User? {
        try store.read { try $0.execute(#"SELECT data::text FROM "users" WHERE id = $1"#, [id]).text(0, 0) }
            .map { try decode(User.self, $0, table: "users") }
    }

    /// Without the catalog beyond the apps of the user's install records:
    /// signing in costs the same for a catalog of ten apps or twenty thousand.
    public func portalData(userId: String) throws -> UserPortalData? {
        let scope = try store.scope(.user(id: userId), reach: .init(apps: .installed))
        return scope.user.map { UserPortalData(user: $0, tenant: scope.tenant, catalogIsComplete: false) }
    }

    public func catalog(userId: String) throws -> [CatalogEntry]? {
        try store.scope(.user(id: userId), reach: .init(apps: .catalog)).tenant.catalog(userId: userId)
    }

    public func enrollmentFacts(userId: String) throws -> EnrollmentFacts? {
        try store.scope(.user(id: userId), reach: .init(apps: .only([]))).tenant.enrollmentFacts(userId: userId)
    }

    public func perform(_ change: AccountChange, now: Date) throws -> AccountChangeResult {
        let who: PostgresStore.Who = switch change {
        case let .signInFailed(name), let .signedIn(name): .principalName(name)
        case let .useCode(userId, _, _), let .addMethod(userId, _, _), let .activateToken(userId, _, _),
             let .renameMethod(userId, _, _), let .setPreferredMethod(userId, _), let .removeMethod(userId, _),
             let .setPassword(userId, _): .user(id: userId)
        }
        let result = try store.update(who, reach: .init(apps: .only([]))) { tenant, _ in try tenant.apply(change, now: now) }
        if case .signInFailed = change { try store.trimLockouts(now: now) }
        return result
    }

    public func perform(_ change: EnrollmentChange, now: Date) throws -> EnrollmentChangeResult {
        var serials: [String] = []
        if case let .enroll(session) = change, let host = session.hostFacts, let serial = HostEnrollment.stableId(host) {
            serials.append(serial)
        }
        return try store.update(.user(id: change.userId), reach: .init(serials: serials, apps: .only([]))) { tenant, _ in
            try tenant.apply(change, now: now)
        }
    }

    public func perform(_ change: NotificationChange, now: Date) throws -> NotificationChangeResult {
        try store.update(.user(id: change.userId), reach: .init(apps: .only([]))) { tenant, _ in try tenant.apply(change, now: now) }
    }

    public func appProtectionFacts(userId: String) throws -> AppProtectionFacts? {
        try store.scope(.user(id: userId), reach: .init(apps: .only([]))).tenant.appProtectionFacts(userId: userId)
    }

    public func perform(_ change: AppProtectionChange, now: Date) throws -> ManagedAppRegistration {
        try store.update(.user(id: change.userId), reach: .init(apps: .only([]))) { tenant, _ in try tenant.apply(change, now: now) }
    }

    public func perform(_ change: DeviceChange, now: Date) throws -> DeviceChangeResult {
        var serials: [String] = []
        if case let .checkStatus(_, _, host) = change, let host, let serial = HostEnrollment.stableId(host) { serials.append(serial) }
        return try store.update(.user(id: change.userId), reach: .init(serials: serials, apps: .only([]))) { tenant, _ in
            try tenant.apply(change, now: now)
        }
    }

    /// Reads only the apps the change names, not the user's whole catalog.
    public func perform(_ change: AppInstallChange, now: Date) throws -> AppInstallChangeResult {
        try store.update(.user(id: change.userId), reach: .init(apps: .only(change.appIds))) { tenant, _ in try tenant.apply(change, now: now) }
    }

    public func installStates(userId: String) throws -> [AppInstallState] {
        let text = try store.read {
            try $0.execute("SELECT " + StoreTable.named("appInstallStates").aggregated(where: StoreTable.ownRecords),
                           [userId]).text(0, 0)
        }
        return try decode([AppInstallState].self, text ?? "[]", table: "appInstallStates")
    }

    private func decode<T: Decodable>(_ type: T.Type, _ text: String, table: String) throws -> T {
        do {
            return try StoreCodec.makeDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw DatabaseError.invalidData(address: store.address.description, reason: "\(table): \(error)")
        }
    }
}
