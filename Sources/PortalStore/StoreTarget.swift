import Foundation
import PortalCore

/// Where an organization's store lives: a JSON file, or a PostgreSQL
/// database named by a `postgresql://` URL. Commands and the portal go
/// through this, so each works on either.
public enum StoreTarget: Sendable {
    case file(JSONStore)
    case database(PostgresStore)

    /// `--store`, then `PORTAL_STORE`, then the default file.
    public static func resolve(explicit: String?, environment: [String: String]) -> StoreTarget {
        let named = [explicit, environment["PORTAL_STORE"]].compactMap { $0 }.first { !$0.isEmpty }
        if let named, let address = DatabaseAddress(named) { return .database(PostgresStore(address: address)) }
        return .file(JSONStore(url: StoreLocation.resolve(explicit: explicit, environment: environment)))
    }

    /// A path or URL as given to `store copy`.
    public static func named(_ text: String) -> StoreTarget {
        if let address = DatabaseAddress(text) { return .database(PostgresStore(address: address)) }
        return .file(JSONStore(url: URL(fileURLWithPath: text)))
    }

    /// The path, or the URL without its password.
    public var location: String {
        switch self {
        case let .file(store): store.path
        case let .database(store): store.address.description
        }
    }

    /// The location made safe to print.
    public var shown: String { InertText.escaped(location) }

    /// Whether there is a store there to open.
    public func exists() throws -> Bool {
        switch self {
        case let .file(store): store.exists
        case let .database(store): try store.holdsStore()
        }
    }

    /// The whole store, validated.
    public func load() throws -> Tenant {
        switch self {
        case let .file(store): try store.load()
        case let .database(store): try store.load()
        }
    }

    /// Writes a whole store; one that is there already is refused unless `replace`.
    public func create(_ tenant: Tenant, replace: Bool) throws {
        switch self {
        case let .file(store): try store.create(tenant, force: replace)
        case let .database(store): try store.create(tenant, replace: replace)
        }
    }

    /// The portal's directory on it.
    public func directory() throws -> any PortalDirectory {
        switch self {
        case let .file(store): try JSONDirectory(store: store)
        case let .database(store): try PostgresDirectory(store: store)
        }
    }

    /// One user's part of the store by sign-in name (the file: all of it),
    /// with their whole catalog or only the apps of their install records;
    /// nil when there is no such account.
    public func userScope(principalName: String, catalog: Bool) throws -> (tenant: Tenant, user: User)? {
        switch self {
        case let .file(store):
            let tenant = try store.load()
            return tenant.user(principalName: principalName).map { (tenant, $0) }
        case let .database(store):
            let scope = try store.scope(.principalName(principalName), reach: .init(apps: catalog ? .catalog : .installed))
            return scope.user.map { (scope.tenant, $0) }
        }
    }

    /// One change for one user by sign-in name, atomically: the file under
    /// its lock, the database in one transaction over that user's part, with
    /// of the catalog only the apps named.
    public func update<R>(principalName: String, apps: [String] = [], _ body: (inout Tenant, User?) throws -> R) throws -> R {
        switch self {
        case let .file(store):
            return try store.change { tenant in try body(&tenant, tenant.user(principalName: principalName)) }.result
        case let .database(store):
            return try store.update(.principalName(principalName), reach: .init(apps: .only(apps)), body)
        }
    }

    /// One change that may touch the whole organization, atomically.
    public func updateAll<R>(_ body: (inout Tenant) throws -> R) throws -> R {
        switch self {
        case let .file(store):
            return try store.change(body).result
        case let .database(store):
            return try store.updateAll(body)
        }
    }
}
