import Foundation
import PortalCore

/// An organization's store in a PostgreSQL database. A portal reads only
/// what its user needs (one user's scope: their account, devices, catalog
/// and records, with the organization's small collections) and applies each
/// change in one serializable transaction, retried when another portal won
/// a race; the database's triggers announce it on `changesChannel`.
public final class PostgresStore: @unchecked Sendable {
    public let address: DatabaseAddress
    private let lock = NSLock()
    private var connection: PostgresConnection?
    /// The server process of `connection`, read by the change watcher's
    /// thread: notices this portal's own changes caused are not news to it.
    private let ownSender = LockedValue<Int32>(0)

    /// NOTIFY channel: the payload is the id of the user whose data changed
    /// ("*" for the whole organization).
    public static let changesChannel = "portal_changes"
    static let organizationLock = "organization"
    /// How often a change is tried when other portals keep winning races.
    static let attempts = 30

    public init(address: DatabaseAddress) {
        self.address = address
    }

    // MARK: Connection

    /// Runs on the store's one connection, made (again) when needed; a
    /// connection that broke is dropped so the next request makes a new one.
    func withConnection<R>(_ body: (PostgresConnection) throws -> R) throws -> R {
        try lock.withLock {
            if connection?.isConnected != true {
                connection = try PostgresConnection(address)
                ownSender.value = connection!.backendPID
            }
            do {
                return try body(connection!)
            } catch let error as DatabaseError where error.isConnectionProblem {
                connection = nil
                throw error
            }
        }
    }

    /// A read is tried once more on a fresh connection: a server restarted
    /// since the last request loses nothing a read needs.
    func read<R>(_ body: (PostgresConnection) throws -> R) throws -> R {
        do {
            return try withConnection(body)
        } catch let error as DatabaseError where error.isConnectionProblem {
            return try withConnection(body)
        }
    }

    /// The server process writing this portal's changes (0 before the first).
    var ownBackendPID: Int32 { ownSender.value }

    // MARK: Schema

    /// Brings the schema up to date; the migrations applied.
    @discardableResult
    public func migrate() throws -> [Int] {
        try withConnection { try SchemaMigrations.apply(on: $0) }
    }

    public func schemaVersion() throws -> Int? {
        try read { try SchemaMigrations.current(on: $0) }
    }

    /// Checks that the database holds a store this portal can open, applying
    /// newer migrations first. Throws with what to do when it holds none.
    public func open() throws {
        guard let version = try schemaVersion() else { throw DatabaseError.schema(address: address.description, reason: Self.noStore) }
        // Only a database behind this portal is changed (a portal's role may not create tables).
        if version != SchemaMigrations.latest { try migrate() }
        guard try read(Self.holdsOrganization) else { throw DatabaseError.schema(address: address.description, reason: Self.noStore) }
    }

    /// The schema a database has once this portal opened it (its newest migration).
    public static var schemaVersion: Int { SchemaMigrations.latest }

    static let noStore = "it holds no portal store yet. Create one with `portal store init --demo URL` or copy a file in with `portal store copy FILE URL`"

    private static func holdsOrganization(_ connection: PostgresConnection) throws -> Bool {
        try connection.execute(#"SELECT count(*) FROM "organization""#).text(0, 0) != "0"
    }

    // MARK: The whole store

    /// Every row, as the JSON document holds them, validated as a file is.
    public func load() throws -> Tenant {
        let tenant = try read { connection in
            guard try SchemaMigrations.current(on: connection) != nil else {
                throw DatabaseError.schema(address: address.description, reason: Self.noStore)
            }
            return try everyRow(on: connection)
        }
        let problems = StoreValidator().problems(in: tenant)
        guard problems.isEmpty else { throw StoreError.invalid(path: address.description, problems: Self.located(problems, in: tenant)) }
        return tenant
    }

    /// Every table's rows, in one statement.
    private func everyRow(on connection: PostgresConnection) throws -> Tenant {
        let texts = try connection.execute("SELECT " + StoreTable.all.map { $0.aggregated() }.joined(separator: ", ")).values.first ?? []
        var tenant = EmptyOrganization.make()
        try decode(texts, tables: StoreTable.all, into: &tenant)
        return tenant
    }

    /// Whether the database holds an organization already.
    public func holdsStore() throws -> Bool {
        try read { connection in try SchemaMigrations.current(on: connection) != nil && Self.holdsOrganization(connection) }
    }

    /// Writes a whole tenant in one transaction (store init, store copy):
    /// the schema first; a database holding a store is refused unless `replace`.
    public func create(_ tenant: Tenant, replace: Bool = false) throws {
        try migrate()
        try withConnection { connection in
            try connection.transaction {
                try connection.execute("LOCK TABLE \(StoreTable.organization.quotedName) IN EXCLUSIVE MODE")
                if try Self.holdsOrganization(connection), !replace {
                    throw DatabaseError.schema(address: address.description,
                                               reason: "it already holds a store; give --force to replace it")
                }
                try connection.execute("TRUNCATE " + StoreTable.all.map(\.quotedName).joined(separator: ", "))
                var position = 0
                for table in StoreTable.all {
                    try Self.insertAll(table.rows(tenant), into: table, startingAt: &position, on: connection, address: address)
                }
                try connection.execute(#"SELECT setval('"storePositions"', $1)"#, [String(max(position, 1))])
            }
        }
    }

    /// Rows in batches of one JSON array each: [[key, position, entity], ...].
    private static func insertAll(_ rows: [(key: String, row: any Encodable)], into table: StoreTable, startingAt position: inout Int,
                                  on connection: PostgresConnection, address: DatabaseAddress) throws {
        var seen = Set<String>()
        if let repeated = rows.first(where: { !seen.insert($0.key).inserted }) {
            throw DatabaseError.invalidData(address: address.description,
                                            reason: "two entries of \(table.name) share the key \(InertText.escaped(repeated.key))")
        }
        for start in stride(from: 0, to: rows.count, by: 2_000) {
            let batch = try jsonRows(rows[start..<min(start + 2_000, rows.count)], firstPosition: position + 1)
            position += min(2_000, rows.count - start)
            try connection.execute("INSERT INTO \(table.quotedName) (id, position, data) SELECT e->>0, (e->>2)::bigint, e->1 FROM jsonb_array_elements($1::jsonb) e",
                                   [batch])
        }
    }

    /// Rows as one JSON array of [key, entity] (and position, when given),
    /// the parameter the inserts take apart.
    private static func jsonRows(_ rows: some Collection<(key: String, row: any Encodable)>, firstPosition: Int? = nil) throws -> String {
        let encoder = compactEncoder()
        var batch = "["
        for (offset, item) in rows.enumerated() {
            if offset > 0 { batch += "," }
            batch += "[" + String(decoding: try encoder.encode(item.key), as: UTF8.self) + ","
            batch += String(decoding: try encoder.encode(item.row), as: UTF8.self)
            if let firstPosition { batch += ",\(firstPosition + offset)" }
            batch += "]"
        }
        return batch + "]"
    }

    /// Sorted keys, ISO-8601 dates: the JSON file's encoding, on one line.
    static func compactEncoder() -> JSONEncoder {
        let encoder = StoreCodec.makeEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    func decode(_ texts: [String?], tables: [StoreTable], into tenant: inout Tenant) throws {
        let decoder = StoreCodec.makeDecoder()
        for (index, table) in tables.enumerated() {
            do {
                try table.decode(Data((index < texts.count ? texts[index] : nil).map { $0.utf8 } ?? "[]".utf8), decoder, &tenant)
            } catch is StoreTable.MissingOrganization {
                throw DatabaseError.schema(address: address.description, reason: Self.noStore)
            } catch {
                let text = index < texts.count ? texts[index] ?? "[]" : "[]"
                throw DatabaseError.invalidData(address: address.description, reason: Self.reason(error, table: table.name, rows: text))
            }
        }
    }

    /// Where a row that does not decode is, by its id (what an administrator
    /// finds it by in SQL), and what is wrong with it.
    private static func reason(_ error: Error, table: String, rows: String) -> String {
        switch error {
        case let DecodingError.dataCorrupted(context), let DecodingError.typeMismatch(_, context),
             let DecodingError.valueNotFound(_, context), let DecodingError.keyNotFound(_, context):
            var path = context.codingPath
            var row = "\"\(table)\""
            if let index = path.first?.intValue {
                path.removeFirst()
                row = Self.rowId(in: rows, at: index).map { "the row of \"\(table)\" with id \"\(InertText.escaped($0))\"" } ?? row
            }
            let field = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return "\(row)\(field.isEmpty ? "" : ", field \(field.dropFirst(field.hasPrefix(".") ? 1 : 0))"): \(context.debugDescription)"
        default:
            return "\"\(table)\": \(error)"
        }
    }

    private static func rowId(in rows: String, at index: Int) -> String? {
        guard let array = try? JSONSerialization.jsonObject(with: Data(rows.utf8)) as? [Any], index < array.count,
              let object = array[index] as? [String: Any] else { return nil }
        return (object["id"] ?? object["account"] ?? object["userId"]) as? String
    }

    /// A part's problems with each row named by its id rather than by its
    /// place in the part (which no administrator can see).
    static func located(_ problems: [StoreProblem], in tenant: Tenant) -> [StoreProblem] {
        problems.map { problem in
            var problem = problem
            for table in StoreTable.all where problem.path.hasPrefix("$.\(table.name)[") {
                let rest = problem.path.dropFirst("$.\(table.name)[".count)
                guard let close = rest.firstIndex(of: "]"), let index = Int(rest[..<close]) else { break }
                let rows = table.rows(tenant)
                guard index < rows.count else { break }
                problem.path = "$.\(table.name)[id=\(rows[index].key)]" + rest[rest.index(after: close)...]
                break
            }
            return problem
        }
    }
}

// MARK: One user's scope

extension PostgresStore {
    /// Whose data a request reads or changes.
    public enum Who: Sendable, Equatable {
        case user(id: String)
        /// By sign-in name: the account may not exist (a failed sign-in).
        case principalName(String)
    }

    /// One user's part of the store as a tenant: everything the portal's
    /// domain needs to answer for or change that user.
    struct Scope {
        var tenant: Tenant
        var user: User?
    }

    /// What a request reads beyond the user's own rows.
    struct Reach: Sendable {
        /// Serial numbers to look up among everyone's devices (enrolling this machine).
        var serials: [String] = []
        /// How much of the catalog.
        var apps: StoreTable.Apps = .catalog
    }

    func scope(_ who: Who, reach: Reach = Reach(), on connection: PostgresConnection) throws -> Scope {
        let userClause = switch who {
        case .user: "id = $1"
        case .principalName: #"lower("userPrincipalName") = lower($1)"#
        }
        let key = switch who {
        case let .user(id): id
        case let .principalName(name): name.trimmingCharacters(in: .whitespaces)
        }
        let first = try connection.execute(
            #"SELECT (SELECT data::text FROM "organization" ORDER BY position LIMIT 1), (SELECT data::text FROM "users" WHERE \#(userClause) ORDER BY position LIMIT 1)"#,
            [key])
        let decoder = StoreCodec.makeDecoder()
        guard let organizationText = first.text(0, 0) else {
            throw DatabaseError.schema(address: address.description, reason: Self.noStore)
        }
        var tenant = EmptyOrganization.make()
        let user: User?
        do {
            tenant.organization = try decoder.decode(Organization.self, from: Data(organizationText.utf8))
        } catch {
            throw DatabaseError.invalidData(address: address.description, reason: Self.reason(error, table: "organization", rows: "[]"))
        }
        do {
            user = try first.text(0, 1).map { try decoder.decode(User.self, from: Data($0.utf8)) }
        } catch {
            throw DatabaseError.invalidData(address: address.description,
                                            reason: Self.reason(error, table: "users", rows: "[" + (first.text(0, 1) ?? "") + "]"))
        }
        let principalName = switch who {
        case let .principalName(name): name
        case .user: user?.userPrincipalName ?? ""
        }
        let tables = Array(StoreTable.all.dropFirst())
        var parameters: [String?] = [user?.id ?? "", Self.arrayLiteral(user?.groups ?? []),
                                     SignInLockout.key(for: principalName, organization: tenant.organization.id),
                                     Self.arrayLiteral(reach.serials)]
        if case let .only(apps) = reach.apps { parameters.append(Self.arrayLiteral(apps)) }
        let appsScope = StoreTable.appsScope(reach.apps)
        let columns = tables.map { table in
            let clause = switch table.name {
            case "mobileApps": appsScope.apps
            case "mobileAppAssignments": appsScope.assignments
            default: table.scope
            }
            return table.aggregated(where: clause)
        }
        let texts = try connection.execute("SELECT " + columns.joined(separator: ", "), parameters).values.first ?? []
        try decode(texts, tables: tables, into: &tenant)
        // The same checks as a file's (but references outside the part read):
        // rows written by hand in SQL reach the screens only when valid.
        let problems = StoreValidator.part.problems(in: tenant)
        guard problems.isEmpty else { throw StoreError.invalid(path: address.description, problems: Self.located(problems, in: tenant)) }
        return Scope(tenant: tenant, user: user)
    }

    /// Reads one user's scope.
    func scope(_ who: Who, reach: Reach = Reach()) throws -> Scope {
        try read { try scope(who, reach: reach, on: $0) }
    }

    /// Applies a change to one user's scope in one serializable transaction:
    /// what the change wrote is written back row by row and announced. Changes
    /// for one user queue on an advisory lock; a race lost to another user's
    /// change is run again from a fresh read. The body's own errors end it
    /// with nothing written.
    func update<R>(_ who: Who, reach: Reach = Reach(), _ body: (inout Tenant, User?) throws -> R) throws -> R {
        try withConnection { connection in
            // The lock is per account (or per unknown name), taken before the
            // transaction so its snapshot sees the change that held it.
            let lockKey = switch who {
            case let .user(id): "user:\(id)"
            case let .principalName(name):
                try connection.execute(#"SELECT id FROM "users" WHERE lower("userPrincipalName") = lower($1) ORDER BY position LIMIT 1"#,
                                       [name.trimmingCharacters(in: .whitespaces)]).text(0, 0).map { "user:\($0)" }
                    ?? "name:\(name.trimmingCharacters(in: .whitespaces).lowercased())"
            }
            return try connection.holding(lockKey) {
                try serializable(on: connection) {
                    let before = try scope(who, reach: reach, on: connection)
                    var after = before.tenant
                    let result = try body(&after, before.user)
                    _ = try write(before.tenant, after, on: connection)
                    return result
                }
            }
        }
    }

    /// Runs `body` in a serializable transaction, again from the start when
    /// another transaction won a race; the body's own errors roll it back.
    func serializable<R>(on connection: PostgresConnection, _ body: () throws -> R) throws -> R {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try connection.transaction("BEGIN ISOLATION LEVEL SERIALIZABLE", body)
            } catch let error as DatabaseError where error.isRetryable && attempt < Self.attempts {
                // Spread the retries so racing portals do not meet again.
                usleep(UInt32.random(in: 1_000...(5_000 * UInt32(min(attempt, 10)))))
            }
        }
    }

    /// Writes what differs between two versions of a scope; whether anything did.
    func write(_ before: Tenant, _ after: Tenant, on connection: PostgresConnection) throws -> Bool {
        var wrote = false
        for table in StoreTable.all {
            let changes = table.changes(before, after)
            if !changes.deleted.isEmpty {
                try connection.execute("DELETE FROM \(table.quotedName) WHERE id = ANY($1::text[])", [Self.arrayLiteral(changes.deleted)])
                wrote = true
            }
            if !changes.written.isEmpty {
                let batch = try Self.jsonRows(changes.written)
                try connection.execute("INSERT INTO \(table.quotedName) (id, data) SELECT e->>0, e->1 FROM jsonb_array_elements($1::jsonb) e "
                                       + "ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data", [batch])
                wrote = true
            }
            // In their new order, after the rows just written.
            for key in changes.moved {
                try connection.execute(#"UPDATE \#(table.quotedName) SET position = nextval('"storePositions"') WHERE id = $1"#, [key])
                wrote = true
            }
        }
        return wrote
    }

    /// Keeps failed sign-ins within the file store's capacity, as the file
    /// does: names sprayed at the sign-in form cannot grow the table without
    /// end. The oldest records not locked now go first.
    func trimLockouts(now: Date) throws {
        _ = try withConnection { connection in
            try connection.execute(#"""
                DELETE FROM "signInLockouts" WHERE id IN (
                    SELECT id FROM "signInLockouts"
                    WHERE coalesce(data->>'lockedUntilDateTime', '') <= $2
                    ORDER BY data->>'lastFailedDateTime', position
                    LIMIT greatest(0, (SELECT count(*) FROM "signInLockouts") - $1::bigint))
                """#, [String(SignInLockout.capacity), ISO8601DateFormatter().string(from: now)])
        }
    }

    /// A text[] literal: every element quoted, quotes and backslashes escaped.
    static func arrayLiteral(_ items: [String]) -> String {
        "{" + items.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }
}

// MARK: Changes to the whole organization

extension PostgresStore {
    /// Applies a change that may touch any user (importing tokens, say) in one
    /// serializable transaction over the whole store; only what changed is written.
    public func updateAll<R>(_ body: (inout Tenant) throws -> R) throws -> R {
        try withConnection { connection in
            // Whole-organization changes queue behind each other rather than
            // racing: each reads everything, so each would conflict with all.
            try connection.holding(Self.organizationLock) {
                try serializable(on: connection) {
                    let before = try everyRow(on: connection)
                    var after = before
                    let result = try body(&after)
                    _ = try write(before, after, on: connection)
                    return result
                }
            }
        }
    }
}
