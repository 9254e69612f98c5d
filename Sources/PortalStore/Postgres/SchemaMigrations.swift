import Foundation

/// The database's schema as numbered SQL files kept in the project
/// (Sources/PortalStore/Migrations), each applied once, in order, in a
/// transaction, and recorded in "schemaMigrations".
enum SchemaMigrations {
    struct Migration {
        let version: Int
        let name: String
        let sql: String
    }

    /// SwiftPM names an embedded 0001_initial.sql `_001_initial_sql`.
    static let all: [Migration] = [
        Migration(version: 1, name: "initial", sql: text(PackageResources._001_initial_sql)),
        Migration(version: 2, name: "catalog search", sql: text(PackageResources._002_catalog_search_sql)),
        Migration(version: 3, name: "change notifications", sql: text(PackageResources._003_change_notifications_sql)),
    ]

    static var latest: Int { all.last?.version ?? 0 }

    private static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Serializes portals migrating one database at once.
    static let lockKey = "portal schema migrations"

    static let createTable = """
        CREATE TABLE IF NOT EXISTS "schemaMigrations" (
            version integer PRIMARY KEY,
            name text NOT NULL,
            "appliedDateTime" timestamptz NOT NULL DEFAULT now()
        )
        """

    /// Applies what is missing, up to `target`; the versions applied. A
    /// database newer than this portal is refused, never changed.
    static func apply(on connection: PostgresConnection, upTo target: Int = latest) throws -> [Int] {
        try connection.transaction {
            try connection.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [lockKey])
            try connection.execute(createTable)
            let applied = Set(try connection.execute(#"SELECT version FROM "schemaMigrations""#).values.compactMap { $0[0].flatMap(Int.init) })
            if let newest = applied.max(), newest > latest {
                throw DatabaseError.schema(address: connection.address.description,
                                           reason: "its schema is version \(newest); this portal knows up to \(latest). Use a newer portal.")
            }
            var done: [Int] = []
            for migration in all where migration.version <= target && !applied.contains(migration.version) {
                try connection.executeScript(migration.sql)
                try connection.execute(#"INSERT INTO "schemaMigrations" (version, name) VALUES ($1, $2)"#,
                                       [String(migration.version), migration.name])
                done.append(migration.version)
            }
            return done
        }
    }

    /// The newest version applied; nil when the database has no portal schema.
    static func current(on connection: PostgresConnection) throws(DatabaseError) -> Int? {
        let exists = try connection.execute(#"SELECT to_regclass('"schemaMigrations"') IS NOT NULL"#).text(0, 0) == "t"
        guard exists else { return nil }
        return try connection.execute(#"SELECT max(version) FROM "schemaMigrations""#).text(0, 0).flatMap(Int.init)
    }
}
