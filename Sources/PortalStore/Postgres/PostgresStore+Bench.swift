import Foundation
import PortalCore

/// What `portal bench --store URL` asks of a database beyond what a portal
/// does: whose store it is, its size, every account's name, and cheap
/// password hashes, so the bench measures the store rather than PBKDF2.
extension PostgresStore {
    /// The id of the organization the database holds; nil when it holds no store.
    /// Reads without migrating, so a database that is not the bench's is left as it was.
    public func organizationId() throws -> String? {
        try read { connection in
            guard try SchemaMigrations.current(on: connection) != nil else { return nil }
            return try connection.execute(#"SELECT id FROM "organization" ORDER BY position LIMIT 1"#).text(0, 0)
        }
    }

    /// The database's size on disk, in bytes.
    public func databaseBytes() throws -> Int {
        try read { try $0.execute("SELECT pg_database_size(current_database())").text(0, 0).flatMap(Int.init) ?? 0 }
    }

    /// Every account's id and sign-in name, in the store's order.
    public func accountNames() throws -> [(id: String, principalName: String)] {
        try read { connection in
            try connection.execute(#"SELECT id, "userPrincipalName" FROM "users" ORDER BY position"#).values.compactMap { row in
                guard row.count == 2, let id = row[0], let name = row[1] else { return nil }
                return (id, name)
            }
        }
    }

    /// Gives these accounts (nil: every account) this password hash in one
    /// UPDATE; how many accounts changed.
    @discardableResult
    public func setPasswordHash(_ hash: PasswordHash, userIds: [String]?) throws -> Int {
        let json = String(decoding: try Self.compactEncoder().encode(hash), as: UTF8.self)
        return try withConnection { connection in
            try connection.execute(#"UPDATE "users" SET data = jsonb_set(data, '{password}', $1::jsonb) WHERE $2::text[] IS NULL OR id = ANY($2::text[])"#,
                                   [json, userIds.map(Self.arrayLiteral)]).affected
        }
    }
}
