import Foundation
import PortalCore
import PortalTestCluster
import Testing
@testable import PortalStore
#if canImport(Glibc)
import Glibc
#endif

/// The schema's migrations: from an empty database, from the previous
/// version with data in it, refusing a newer one, and two portals at once.
@Suite("Schema migrations")
struct SchemaMigrationTests {
    /// The names the migration files create with CREATE <kind> "name".
    static func created(_ kind: String) -> Set<String> {
        var names = Set<String>()
        for migration in SchemaMigrations.all {
            for line in migration.sql.split(separator: "\n") where line.hasPrefix("CREATE \(kind) \"") {
                names.insert(String(line.dropFirst("CREATE \(kind) \"".count).prefix { $0 != "\"" }))
            }
        }
        return names
    }

    func lines(_ text: String) -> Set<String> { Set(text.split(separator: "\n").map(String.init)) }

    @Test func anEmptyDatabaseGetsEveryMigration() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let url = try cluster.createDatabase()
        let store = PostgresStore(address: try #require(DatabaseAddress(url)))
        #expect(try store.schemaVersion() == nil)
        #expect(try store.migrate() == [1, 2, 3])
        #expect(try store.schemaVersion() == SchemaMigrations.latest)
        #expect(try cluster.psql(url, #"SELECT version FROM "schemaMigrations" ORDER BY version"#) == "1\n2\n3\n")
        let tables = lines(try cluster.psql(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        #expect(tables == Set(StoreTable.all.map(\.name) + ["schemaMigrations"]))
        #expect(Self.created("TABLE").isSubset(of: tables))
        let indexes = lines(try cluster.psql(url, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"))
        let expected = Self.created("INDEX")
        #expect(expected.isSuperset(of: ["users_userPrincipalName", "managedDevices_userId", "appInstallStates_deviceId",
                                         "mobileAppAssignments_groupId", "mobileApps_displayName", "mobileApps_publisher"]))
        #expect(expected.isSubset(of: indexes), "missing: \(expected.subtracting(indexes).sorted())")
        // Every table's key.
        for table in StoreTable.all { #expect(indexes.contains("\(table.name)_pkey")) }
        let triggers = lines(try cluster.psql(url, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
        #expect(triggers == Self.created("TRIGGER"))
        #expect(triggers.count == 2 * StoreTable.all.count)
        // Applying again does nothing.
        #expect(try store.migrate() == [])
    }

    @Test func aDatabaseOfThePreviousVersionIsBroughtUpToDateWithItsData() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let url = try cluster.createDatabase()
        let address = try #require(DatabaseAddress(url))
        let tenant = demoFixture()
        let connection = try PostgresConnection(address)
        #expect(try SchemaMigrations.apply(on: connection, upTo: 2) == [1, 2])
        try Self.insert(tenant, on: connection)
        #expect(try cluster.psql(url, #"SELECT count(*) FROM pg_trigger WHERE tgname = 'users_changed'"#) == "0\n")

        let store = PostgresStore(address: address)
        try store.open()
        #expect(try store.schemaVersion() == 3)
        #expect(try cluster.psql(url, #"SELECT version FROM "schemaMigrations" ORDER BY version"#) == "1\n2\n3\n")
        #expect(try store.load() == tenant)

        // Migration 3's trigger announces a change.
        let listener = try PostgresConnection(address)
        try listener.listen(PostgresStore.changesChannel)
        let directory = try PostgresDirectory(store: store)
        _ = try directory.perform(.markRead(userId: "usr-megan", notificationId: "ntf-after-migration"), now: fixtureNow)
        let heard = try Self.waitForNotices(on: listener)
        #expect(heard.contains("usr-megan"))
    }

    @Test func aNewerSchemaIsRefusedAndLeftAsItWas() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let url = try cluster.createDatabase()
        let store = PostgresStore(address: try #require(DatabaseAddress(url)))
        try store.create(demoFixture())
        let newer = SchemaMigrations.latest + 1
        try cluster.psql(url, #"INSERT INTO "schemaMigrations" (version, name) VALUES (\#(newer), 'from the future')"#)
        let snapshot = """
            SELECT (SELECT string_agg(version || ' ' || name, ',' ORDER BY version) FROM "schemaMigrations"),
                   (SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'),
                   (SELECT md5(string_agg(data::text, ',' ORDER BY position)) FROM "users"),
                   (SELECT count(*) FROM "managedDevices")
            """
        let before = try cluster.psql(url, snapshot)
        for attempt in [{ _ = try store.migrate() }, { try store.open() }, { _ = try PostgresDirectory(store: store) }] as [() throws -> Void] {
            do {
                try attempt()
                Issue.record("a database of schema \(newer) was opened")
            } catch let error as DatabaseError {
                guard case .schema = error else { Issue.record("\(error)"); continue }
                #expect(error.description.contains("version \(newer)"))
                #expect(error.description.contains("up to \(SchemaMigrations.latest)"))
            }
        }
        #expect(try cluster.psql(url, snapshot) == before)
    }

    @Test func twoPortalsMigratingOneEmptyDatabaseAtOnceBothSucceed() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let address = try #require(DatabaseAddress(try cluster.createDatabase()))
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            results.add(Result { try PostgresStore(address: address).migrate() })
        }
        let applied = try results.all.map { try $0.get() }
        #expect(applied.count == 2)
        #expect(applied.flatMap { $0 }.sorted() == [1, 2, 3])
        #expect(try cluster.psql(address.connectionString, #"SELECT count(*) FROM "schemaMigrations""#) == "3\n")
    }

    /// Rows as a store of the given version holds them, written in SQL
    /// rather than by `create`, which migrates first.
    static func insert(_ tenant: Tenant, on connection: PostgresConnection) throws {
        let encoder = PostgresStore.compactEncoder()
        var position = 0
        try connection.execute("BEGIN")
        for table in StoreTable.all {
            let rows = table.rows(tenant)
            guard !rows.isEmpty else { continue }
            var elements: [String] = []
            for item in rows {
                let entity: any Encodable = item.row
                elements.append("[" + String(decoding: try encoder.encode(item.key), as: UTF8.self) + ","
                                + String(decoding: try encoder.encode(entity), as: UTF8.self) + "]")
            }
            try connection.execute("INSERT INTO \(table.quotedName) (id, position, data) SELECT e->>0, $2::bigint + n, e->1 "
                                   + "FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n)",
                                   ["[" + elements.joined(separator: ",") + "]", String(position)])
            position += rows.count
        }
        try connection.execute(#"SELECT setval('"storePositions"', $1)"#, [String(position)])
        try connection.execute("COMMIT")
    }

    /// The payloads that arrive on a listening connection, waiting up to a
    /// generous deadline for the first (a deadline for a hang, not a timing).
    static func waitForNotices(on connection: PostgresConnection) throws -> [String] {
        var heard: [String] = []
        for _ in 0..<300 where heard.isEmpty {
            var descriptor = pollfd(fd: connection.socket, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 100)
            heard += try connection.notifications().map(\.payload)
        }
        return heard
    }
}

/// Results gathered from several threads.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Result<[Int], any Error>] = []

    func add(_ result: Result<[Int], any Error>) { lock.withLock { stored.append(result) } }
    var all: [Result<[Int], any Error>] { lock.withLock { stored } }
}
