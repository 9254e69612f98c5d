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

    /// Decodes and validates a document. Every problem is reported in one
    /// pass: what decodes is validated (references, ranges) even while other
    /// parts have type problems.
    public static func decode(_ data: Data, path: String) throws(StoreError) -> Tenant {
        let (syntax, content) = JSONSyntaxCheck.problems(in: data)
        guard syntax.isEmpty else { throw .invalid(path: path, problems: syntax) }
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom(decodeDate)
        // One parse: the document reads its schemaVersion first and is
        // lenient about the rest, so a wrong version is reported as such.
        guard let raw = try? decoder.decode(LenientDocument.self, from: body) else {
            throw .invalid(path: path, problems: [StoreProblem(path: "$", message: "expected an object holding schemaVersion, organization, users and the other collections")])
        }
        try checkVersion(raw.schemaVersion, path: path)
        let (tenant, partial, decodeProblems) = raw.assemble()
        // Foundation's error for such a number names no field; the check above named it.
        let located = decodeProblems.filter { problem in
            problem.message != StoreProblem.unlocatedNumber || !content.contains { $0.path.hasPrefix(problem.path) }
        }
        let problems = content + located + StoreValidator(partial: partial).problems(in: tenant)
        guard problems.isEmpty else { throw .invalid(path: path, problems: problems) }
        return tenant
    }

    private static func checkVersion(_ value: SchemaVersionValue?, path: String) throws(StoreError) {
        let version: Int
        switch value {
        case nil:
            throw .invalid(path: path, problems: [StoreProblem(path: "$.schemaVersion", message: "missing required field \"schemaVersion\" (this portal writes \(schemaVersion))")])
        case let .whole(number):
            version = number
        case let .other(shown):
            throw .invalid(path: path, problems: [StoreProblem(path: "$.schemaVersion", message: "\(shown) is not a schema version; expected a whole number from 1 to \(schemaVersion)")])
        }
        if version > schemaVersion { throw .newerSchema(path: path, found: version, supported: schemaVersion) }
        if version < 1 {
            throw .invalid(path: path, problems: [StoreProblem(path: "$.schemaVersion", message: "unsupported version \(version); expected 1 to \(schemaVersion)")])
        }
    }

    @Sendable private static func decodeDate(_ decoder: Decoder) throws -> Date {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        if let date = StoreDate.parse(text) { return date }
        throw DecodingError.dataCorruptedError(
            in: container, debugDescription: "\"\(text)\" is not an ISO-8601 date between \(StoreDate.years.lowerBound) and \(StoreDate.years.upperBound); write it like 2026-11-22T09:30:00Z")
    }
}

/// `schemaVersion` whatever it holds, so a wrong version is reported as such
/// rather than as "not valid JSON".
private enum SchemaVersionValue: Decodable {
    case whole(Int)
    case other(String)

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .whole(number)
        } else if let number = try? container.decode(Double.self) {
            self = .other(number.isFinite ? "\(number)" : "a number out of range")
        } else if container.decodeNil() {
            self = .other("null")
        } else if (try? container.decode(Bool.self)) != nil {
            self = .other("true or false")
        } else if (try? container.decode(String.self)) != nil {
            self = .other("a string")
        } else {
            self = .other("an object or array")
        }
    }
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
/// problems of the next; keeps the id of an element that failed, so
/// references to it are not reported as dangling too.
private struct Lenient<Value: Decodable>: Decodable {
    var result: Result<Value, Error>
    var id: String?

    private struct IdProbe: Decodable { var id: String? }

    init(from decoder: Decoder) throws {
        result = Result { try Value(from: decoder) }
        if case let .failure(error) = result {
            id = (try? IdProbe(from: decoder))?.id
            if !(error is DecodingError) { result = .failure(StoreProblem.UnlocatedNumber(codingPath: decoder.codingPath)) }
        }
    }
}

private struct LenientDocument: Decodable {
    var schemaVersion: SchemaVersionValue?
    var organization: Result<Organization, Error>
    var groups: [Lenient<Group>] = []
    var users: [Lenient<User>] = []
    var managedDevices: [Lenient<ManagedDevice>] = []
    var compliancePolicies: [Lenient<CompliancePolicy>] = []
    var mobileAppCategories: [Lenient<MobileAppCategory>] = []
    var mobileApps: [Lenient<MobileApp>] = []
    var mobileAppAssignments: [Lenient<MobileAppAssignment>] = []
    var appInstallStates: [Lenient<AppInstallState>] = []
    /// Written since accounts lock; older stores have none.
    var signInLockouts: [Lenient<SignInLockout>] = []
    /// A collection that is missing or not an array.
    var shapeProblems: [StoreProblem] = []

    private enum Key: String, CodingKey {
        case schemaVersion, organization, groups, users, managedDevices, compliancePolicies, mobileAppCategories, mobileApps,
             mobileAppAssignments, appInstallStates, signInLockouts
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        // decodeIfPresent would read null as absent; null is a wrong value, not a missing one.
        schemaVersion = container.contains(.schemaVersion) ? try container.decode(SchemaVersionValue.self, forKey: .schemaVersion) : nil
        organization = Result { try container.decode(Organization.self, forKey: .organization) }
            .mapError { $0 is DecodingError ? $0 : StoreProblem.UnlocatedNumber(codingPath: [Key.organization]) }
        func collection<T>(_ key: Key) -> [Lenient<T>] {
            do {
                return try container.decode([Lenient<T>].self, forKey: key)
            } catch {
                shapeProblems.append(StoreProblem(error))
                return []
            }
        }
        groups = collection(.groups)
        users = collection(.users)
        managedDevices = collection(.managedDevices)
        compliancePolicies = collection(.compliancePolicies)
        mobileAppCategories = collection(.mobileAppCategories)
        mobileApps = collection(.mobileApps)
        mobileAppAssignments = collection(.mobileAppAssignments)
        appInstallStates = collection(.appInstallStates)
        if container.contains(.signInLockouts) { signInLockouts = collection(.signInLockouts) }
    }

    func assemble() -> (Tenant, StoreValidator.Partial, [StoreProblem]) {
        var problems: [StoreProblem] = []
        var partial = StoreValidator.Partial()
        func unwrap<T>(_ items: [Lenient<T>], _ name: String) -> [T] {
            var values: [T] = []
            var positions: [Int] = []
            for (index, item) in items.enumerated() {
                switch item.result {
                case let .success(value):
                    values.append(value)
                    positions.append(index)
                case let .failure(error):
                    problems.append(StoreProblem(error))
                    if let id = item.id { partial.undecodedIds[name, default: []].insert(id) }
                }
            }
            partial.positions[name] = positions
            return values
        }
        let organizationValue: Organization
        switch organization {
        case let .success(value): organizationValue = value
        case let .failure(error):
            problems.append(StoreProblem(error))
            partial.organizationDecoded = false
            organizationValue = EmptyOrganization.make().organization
        }
        problems += shapeProblems
        let tenant = Tenant(
            organization: organizationValue, groups: unwrap(groups, "groups"), users: unwrap(users, "users"),
            managedDevices: unwrap(managedDevices, "managedDevices"),
            compliancePolicies: unwrap(compliancePolicies, "compliancePolicies"),
            mobileAppCategories: unwrap(mobileAppCategories, "mobileAppCategories"),
            mobileApps: unwrap(mobileApps, "mobileApps"),
            mobileAppAssignments: unwrap(mobileAppAssignments, "mobileAppAssignments"),
            appInstallStates: unwrap(appInstallStates, "appInstallStates"),
            signInLockouts: unwrap(signInLockouts, "signInLockouts"))
        return (tenant, partial, problems)
    }
}
