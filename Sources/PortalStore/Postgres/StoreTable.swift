import Foundation
import PortalCore

/// One collection of the store as a table: how its rows are keyed, which of
/// them one user's portal reads, and how a tenant's array goes in and out.
struct StoreTable: @unchecked Sendable {
    let name: String
    /// The rows one user's portal reads, as a WHERE clause over the scope's
    /// parameters ($1 user id, $2 the user's group ids, $3 the lockout key,
    /// $4 serial numbers a change looks up); nil when every row is read.
    let scope: String?
    /// Sets the tenant's collection from a JSON array of rows.
    let decode: (Data, JSONDecoder, inout Tenant) throws -> Void
    /// Each row's key and entity, in the collection's order.
    let rows: (Tenant) -> [(key: String, row: any Encodable)]
    /// What a change did to the collection: rows to write, keys to delete,
    /// and rows it moved to a later place (in their new order).
    let changes: (Tenant, Tenant) -> Changes

    struct Changes {
        var written: [(key: String, row: any Encodable)] = []
        var deleted: [String] = []
        var moved: [String] = []
    }

    var quotedName: String { PostgresConnection.quoted(name) }

    static func named(_ name: String) -> StoreTable {
        guard let table = all.first(where: { $0.name == name }) else { preconditionFailure("no table \(name)") }
        return table
    }

    /// The rows (those the clause keeps) as one JSON array, in the document's order.
    func aggregated(where clause: String? = nil) -> String {
        "(SELECT coalesce(json_agg(data ORDER BY position), '[]')::text FROM \(quotedName)" + (clause.map { " WHERE \($0)" } ?? "") + ")"
    }

    static func collection<Row: Codable & Equatable>(_ name: String, _ path: WritableKeyPath<Tenant, [Row]>,
                                                     scope: String?, key: @escaping (Row) -> String) -> StoreTable {
        StoreTable(
            name: name, scope: scope,
            decode: { data, decoder, tenant in tenant[keyPath: path] = try decoder.decode([Row].self, from: data) },
            rows: { tenant in tenant[keyPath: path].map { (key($0), $0 as any Encodable) } },
            changes: { before, after in
                var old: [String: (index: Int, row: Row)] = [:]
                for (index, row) in before[keyPath: path].enumerated() { old[key(row)] = (index, row) }
                var changes = Changes()
                // A row that now comes after one that used to follow it was
                // moved (taken out and appended, say): it gets a later place.
                var latest = -1
                for row in after[keyPath: path] {
                    let rowKey = key(row)
                    guard let was = old.removeValue(forKey: rowKey) else {
                        changes.written.append((rowKey, row))
                        continue
                    }
                    if was.row != row { changes.written.append((rowKey, row)) }
                    if was.index < latest { changes.moved.append(rowKey) } else { latest = was.index }
                }
                changes.deleted = Array(old.keys)
                return changes
            })
    }

    /// The organization: one row.
    static let organization = StoreTable(
        name: "organization", scope: nil,
        decode: { data, decoder, tenant in
            let rows = try decoder.decode([Organization].self, from: data)
            guard let first = rows.first else { throw MissingOrganization() }
            tenant.organization = first
        },
        rows: { [($0.organization.id, $0.organization as any Encodable)] },
        changes: { before, after in
            guard before.organization != after.organization else { return Changes() }
            return Changes(written: [(after.organization.id, after.organization)],
                           deleted: before.organization.id == after.organization.id ? [] : [before.organization.id])
        })

    struct MissingOrganization: Error {}

    /// The user's records, as one array: the deviceId index is used however
    /// many devices the user has (a join of a thousand scanned every record).
    static let ownRecords = #""deviceId" = ANY(ARRAY(SELECT id FROM "managedDevices" WHERE "userId" = $1))"#
    private static let installedApps = #"SELECT "appId" FROM "appInstallStates" WHERE \#(ownRecords)"#

    /// Which of the catalog's rows a request reads.
    enum Apps: Sendable, Equatable {
        /// Everything assigned to the user's groups, and whatever their devices have records of.
        case catalog
        /// Only the apps the user's devices have install records of (names for the records).
        case installed
        /// Only these apps ($5).
        case only([String])
    }

    /// The WHERE clauses of mobileApps and mobileAppAssignments for a request.
    static func appsScope(_ apps: Apps) -> (apps: String, assignments: String) {
        switch apps {
        case .catalog:
            (#"id = ANY(ARRAY(SELECT "appId" FROM "mobileAppAssignments" WHERE "groupId" = ANY($2::text[])) || ARRAY(\#(installedApps)))"#,
             #""groupId" = ANY($2::text[])"#)
        case .installed:
            (#"id = ANY(ARRAY(\#(installedApps)))"#, #""groupId" = ANY($2::text[]) AND "appId" = ANY(ARRAY(\#(installedApps)))"#)
        case .only:
            ("id = ANY($5::text[])", #""groupId" = ANY($2::text[]) AND "appId" = ANY($5::text[])"#)
        }
    }

    /// Every collection of the document, in the document's order of keys.
    static let all: [StoreTable] = [
        organization,
        collection("groups", \.groups, scope: nil, key: \.id),
        collection("users", \.users, scope: "id = $1", key: \.id),
        // A change may look up a serial number enrolled by someone else.
        // (As one array, so both halves use their index.)
        collection("managedDevices", \.managedDevices,
                   scope: #""userId" = $1 OR "serialNumber" = ANY(ARRAY(SELECT "serialNumber" FROM "simulatedDevices") || $4::text[])"#,
                   key: \.id),
        collection("compliancePolicies", \.compliancePolicies, scope: nil, key: \.id),
        collection("mobileAppCategories", \.mobileAppCategories, scope: nil, key: \.id),
        // Which apps depends on the request: see `appsScope`.
        collection("mobileApps", \.mobileApps, scope: nil, key: \.id),
        collection("mobileAppAssignments", \.mobileAppAssignments, scope: nil, key: \.id),
        collection("appInstallStates", \.appInstallStates, scope: ownRecords,
                   key: { "\($0.deviceId)/\($0.appId)" }),
        collection("signInLockouts", \.signInLockouts, scope: "id = $3", key: \.account),
        collection("deviceCategories", \.deviceCategories, scope: nil, key: \.id),
        collection("simulatedDevices", \.simulatedDevices, scope: nil, key: \.id),
        collection("enrollmentSessions", \.enrollmentSessions, scope: #""userId" = $1"#, key: \.userId),
        collection("termsAcceptances", \.termsAcceptances, scope: #""userId" = $1"#, key: { "\($0.userId)/\($0.version)" }),
        collection("notificationReads", \.notificationReads, scope: #""userId" = $1"#, key: { "\($0.userId)/\($0.notificationId)" }),
        collection("managedAppProtections", \.managedAppProtections, scope: nil, key: \.id),
        collection("managedAppRegistrations", \.managedAppRegistrations, scope: #""userId" = $1"#, key: \.id),
        collection("conditionalAccessPolicies", \.conditionalAccessPolicies, scope: nil, key: \.id),
        collection("cloudApps", \.cloudApps, scope: nil, key: \.id),
    ]
}
