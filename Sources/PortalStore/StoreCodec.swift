import Foundation
import PortalCore

/// Turns a tenant into the store's JSON document and back: pretty-printed,
/// sorted keys, ISO-8601 dates, with `schemaVersion` beside the data.
public enum StoreCodec {
    public static let schemaVersion = 1

    public static func encode(_ tenant: Tenant) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var data = try encoder.encode(Envelope(schemaVersion: schemaVersion, tenant: tenant))
        data.append(0x0A)
        return data
    }

    /// Decodes and validates a document; every problem found is reported, not
    /// just the first.
    public static func decode(_ data: Data, path: String) throws(StoreError) -> Tenant {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom(decodeDate)
        let probe: VersionProbe
        do {
            probe = try decoder.decode(VersionProbe.self, from: data)
        } catch {
            throw .invalid(path: path, problems: [syntaxProblem(data) ?? StoreProblem(error)])
        }
        guard let version = probe.schemaVersion else {
            throw .invalid(path: path, problems: [StoreProblem(path: "$.schemaVersion", message: "missing required field \"schemaVersion\" (this portal writes \(schemaVersion))")])
        }
        if version > schemaVersion { throw .newerSchema(path: path, found: version, supported: schemaVersion) }
        if version < 1 {
            throw .invalid(path: path, problems: [StoreProblem(path: "$.schemaVersion", message: "unsupported version \(version); expected 1 to \(schemaVersion)")])
        }
        let raw: LenientDocument
        do {
            raw = try decoder.decode(LenientDocument.self, from: data)
        } catch {
            throw .invalid(path: path, problems: [StoreProblem(error)])
        }
        let (tenant, decodeProblems) = raw.assemble()
        guard let tenant, decodeProblems.isEmpty else { throw .invalid(path: path, problems: decodeProblems) }
        let problems = StoreValidator().problems(in: tenant)
        guard problems.isEmpty else { throw .invalid(path: path, problems: problems) }
        return tenant
    }

    /// Where the JSON syntax breaks ("around line 3, column 7"), when it does.
    private static func syntaxProblem(_ data: Data) -> StoreProblem? {
        if data.isEmpty { return StoreProblem(path: "$", message: "not valid JSON: the file is empty") }
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
            return StoreProblem(path: "$", message: "not valid JSON: \(detail)")
        }
    }

    @Sendable private static func decodeDate(_ decoder: Decoder) throws -> Date {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        throw DecodingError.dataCorruptedError(
            in: container, debugDescription: "\"\(text)\" is not an ISO-8601 date; write it like 2026-11-22T09:30:00Z")
    }
}

private struct VersionProbe: Decodable {
    var schemaVersion: Int?
}

private struct Envelope: Encodable {
    var schemaVersion: Int
    var tenant: Tenant

    private enum CodingKeys: String, CodingKey { case schemaVersion }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try tenant.encode(to: encoder)
    }
}

/// Decodes each element on its own so one bad device does not hide the
/// problems of the next.
private struct Lenient<Value: Decodable>: Decodable {
    var result: Result<Value, Error>

    init(from decoder: Decoder) throws {
        result = Result { try Value(from: decoder) }
    }
}

private struct LenientDocument: Decodable {
    var organization: Lenient<Organization>
    var groups: [Lenient<Group>]
    var users: [Lenient<User>]
    var managedDevices: [Lenient<ManagedDevice>]
    var compliancePolicies: [Lenient<CompliancePolicy>]
    var mobileAppCategories: [Lenient<MobileAppCategory>]
    var mobileApps: [Lenient<MobileApp>]
    var mobileAppAssignments: [Lenient<MobileAppAssignment>]
    var appInstallStates: [Lenient<AppInstallState>]

    func assemble() -> (Tenant?, [StoreProblem]) {
        var problems: [StoreProblem] = []
        func unwrap<T>(_ items: [Lenient<T>]) -> [T] {
            items.compactMap { item in
                switch item.result {
                case let .success(value): return value
                case let .failure(error): problems.append(StoreProblem(error)); return nil
                }
            }
        }
        let organizationValue: Organization?
        switch organization.result {
        case let .success(value): organizationValue = value
        case let .failure(error): problems.append(StoreProblem(error)); organizationValue = nil
        }
        // Unwrap every collection, even without an organization, to report all problems.
        let groups = unwrap(groups), users = unwrap(users), devices = unwrap(managedDevices)
        let policies = unwrap(compliancePolicies), categories = unwrap(mobileAppCategories)
        let apps = unwrap(mobileApps), assignments = unwrap(mobileAppAssignments), states = unwrap(appInstallStates)
        let tenant = organizationValue.map {
            Tenant(organization: $0, groups: groups, users: users, managedDevices: devices,
                   compliancePolicies: policies, mobileAppCategories: categories, mobileApps: apps,
                   mobileAppAssignments: assignments, appInstallStates: states)
        }
        return (tenant, problems)
    }
}
