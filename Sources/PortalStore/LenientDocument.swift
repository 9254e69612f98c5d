import Foundation
import PortalCore

/// The document decoded leniently, collection by collection, each from its
/// own bytes and side by side on the machine's cores: one bad element or
/// collection never hides the problems of the next.
struct LenientDocument {
    private let organization = MemberTask<Organization>(name: "organization")
    private let groups = CollectionTask<Group>(name: "groups")
    private let users = CollectionTask<User>(name: "users")
    private let managedDevices = CollectionTask<ManagedDevice>(name: "managedDevices")
    private let compliancePolicies = CollectionTask<CompliancePolicy>(name: "compliancePolicies")
    private let mobileAppCategories = CollectionTask<MobileAppCategory>(name: "mobileAppCategories")
    private let mobileApps = CollectionTask<MobileApp>(name: "mobileApps")
    private let mobileAppAssignments = CollectionTask<MobileAppAssignment>(name: "mobileAppAssignments")
    private let appInstallStates = CollectionTask<AppInstallState>(name: "appInstallStates")
    /// Written since accounts lock; older stores have none.
    private let signInLockouts = CollectionTask<SignInLockout>(name: "signInLockouts", optional: true)

    init(_ document: DocumentBytes) {
        let tasks: [any DecodeTask] = [organization, groups, users, managedDevices, compliancePolicies, mobileAppCategories,
                                       mobileApps, mobileAppAssignments, appInstallStates, signInLockouts]
        // Largest first, so the cores finish together.
        let ordered = tasks.sorted { (document.range(of: $0.name)?.count ?? 0) > (document.range(of: $1.name)?.count ?? 0) }
        DispatchQueue.concurrentPerform(iterations: ordered.count) { ordered[$0].run(document) }
    }

    func assemble() -> (Tenant, StoreValidator.Partial, [StoreProblem]) {
        var problems: [StoreProblem] = []
        var partial = StoreValidator.Partial()
        let organizationValue: Organization
        if let value = organization.value {
            organizationValue = value
        } else {
            problems += organization.problem.map { [$0] } ?? []
            partial.organizationDecoded = false
            organizationValue = EmptyOrganization.make().organization
        }
        let collections: [any CollectionResult] = [groups, users, managedDevices, compliancePolicies, mobileAppCategories,
                                                   mobileApps, mobileAppAssignments, appInstallStates, signInLockouts]
        problems += collections.compactMap(\.shapeProblem)
        for collection in collections {
            problems += collection.problems
            partial.positions[collection.name] = collection.positions
            if !collection.undecodedIds.isEmpty { partial.undecodedIds[collection.name] = collection.undecodedIds }
        }
        let tenant = Tenant(
            organization: organizationValue, groups: groups.values, users: users.values,
            managedDevices: managedDevices.values, compliancePolicies: compliancePolicies.values,
            mobileAppCategories: mobileAppCategories.values, mobileApps: mobileApps.values,
            mobileAppAssignments: mobileAppAssignments.values, appInstallStates: appInstallStates.values,
            signInLockouts: signInLockouts.values)
        return (tenant, partial, problems)
    }
}

/// One top-level member to decode; each task writes only its own fields,
/// and they are read only after every task has run.
protocol DecodeTask: AnyObject, Sendable {
    var name: String { get }
    func run(_ document: DocumentBytes)
}

private protocol CollectionResult {
    var name: String { get }
    var shapeProblem: StoreProblem? { get }
    var problems: [StoreProblem] { get }
    var positions: [Int] { get }
    var undecodedIds: Set<String> { get }
}

/// A single value such as the organization.
private final class MemberTask<Value: Decodable>: DecodeTask, @unchecked Sendable {
    let name: String
    private(set) var value: Value?
    private(set) var problem: StoreProblem?

    init(name: String) { self.name = name }

    func run(_ document: DocumentBytes) {
        guard let range = document.range(of: name) else {
            problem = StoreProblem(path: "$.\(name)", message: "missing required field \"\(name)\"")
            return
        }
        do {
            value = try StoreCodec.makeDecoder().decode(Value.self, from: document.data(range))
        } catch let error as DecodingError {
            problem = StoreProblem(error).within(name)
        } catch {
            problem = StoreProblem(path: "$.\(name)", message: StoreProblem.unlocatedNumber)
        }
    }
}

/// A collection decoded element by element; the elements that decode are
/// kept with their places in the file.
private final class CollectionTask<Value: Decodable>: DecodeTask, CollectionResult, @unchecked Sendable {
    let name: String
    /// An optional collection may be missing; a required one that is, or
    /// one that is not an array, is a problem of its own.
    let optional: Bool
    private(set) var values: [Value] = []
    private(set) var positions: [Int] = []
    private(set) var undecodedIds: Set<String> = []
    private(set) var shapeProblem: StoreProblem?
    private(set) var problems: [StoreProblem] = []

    init(name: String, optional: Bool = false) {
        self.name = name
        self.optional = optional
    }

    func run(_ document: DocumentBytes) {
        guard let range = document.range(of: name) else {
            if !optional { shapeProblem = StoreProblem(path: "$.\(name)", message: "missing required field \"\(name)\"") }
            return
        }
        let decoder = StoreCodec.makeDecoder()
        // A valid collection (almost every load) decodes straight into its
        // values; only one with a problem is read again element by element.
        if let decoded = try? decoder.decode([Value].self, from: document.data(range)) {
            values = decoded
            positions = Array(decoded.indices)
            return
        }
        let items: [Lenient<Value>]
        do {
            items = try decoder.decode([Lenient<Value>].self, from: document.data(range))
        } catch {
            shapeProblem = StoreProblem(error).within(name)
            return
        }
        values.reserveCapacity(items.count)
        positions.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            switch item.result {
            case let .success(value):
                values.append(value)
                positions.append(index)
            case let .failure(error):
                problems.append(StoreProblem(error).within(name))
                if let id = item.id { undecodedIds.insert(id) }
            }
        }
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

private extension StoreProblem {
    /// A problem found in a member decoded on its own, placed in the document.
    func within(_ member: String) -> StoreProblem {
        StoreProblem(path: "$.\(member)" + path.dropFirst(), message: message)
    }
}
