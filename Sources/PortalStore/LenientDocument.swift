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
    /// Written since guided enrollment; older stores have none.
    private let deviceCategories = CollectionTask<DeviceCategory>(name: "deviceCategories", optional: true)
    private let simulatedDevices = CollectionTask<SimulatedDevice>(name: "simulatedDevices", optional: true)
    private let enrollmentSessions = CollectionTask<EnrollmentSession>(name: "enrollmentSessions", optional: true)
    private let termsAcceptances = CollectionTask<TermsAcceptance>(name: "termsAcceptances", optional: true)
    /// Written since notifications are marked read.
    private let notificationReads = CollectionTask<NotificationRead>(name: "notificationReads", optional: true)
    /// Written since app protection without enrollment; older stores have none.
    private let managedAppProtections = CollectionTask<ManagedAppProtection>(name: "managedAppProtections", optional: true)
    private let managedAppRegistrations = CollectionTask<ManagedAppRegistration>(name: "managedAppRegistrations", optional: true)
    /// Written since conditional access; older stores have none.
    private let conditionalAccessPolicies = CollectionTask<ConditionalAccessPolicy>(name: "conditionalAccessPolicies", optional: true)
    private let cloudApps = CollectionTask<CloudApp>(name: "cloudApps", optional: true)

    init(_ document: DocumentBytes) {
        let collections: [any CollectionResult] = [groups, users, managedDevices, compliancePolicies, mobileAppCategories,
                                                   mobileApps, mobileAppAssignments, appInstallStates, signInLockouts,
                                                   deviceCategories, simulatedDevices, enrollmentSessions, termsAcceptances,
                                                   notificationReads, managedAppProtections, managedAppRegistrations,
                                                   conditionalAccessPolicies, cloudApps]
        // Each collection in runs of elements: small decoder maps, and work
        // the cores share evenly. Largest first, so they finish together.
        let tasks: [any DecodeTask] = [organization] + collections.flatMap { $0.prepare(document) }
        let ordered = tasks.sorted { $0.size > $1.size }
        DispatchQueue.concurrentPerform(iterations: ordered.count) { ordered[$0].run(document) }
        for collection in collections { collection.gather() }
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
                                                   mobileApps, mobileAppAssignments, appInstallStates, signInLockouts,
                                                   deviceCategories, simulatedDevices, enrollmentSessions, termsAcceptances,
                                                   notificationReads, managedAppProtections, managedAppRegistrations,
                                                   conditionalAccessPolicies, cloudApps]
        problems += collections.compactMap(\.shapeProblem)
        for collection in collections {
            problems += collection.problems
            partial.positions[collection.name] = collection.positions
            if !collection.undecodedIds.isEmpty { partial.undecodedIds[collection.name] = collection.undecodedIds }
        }
        var tenant = Tenant(
            organization: organizationValue, groups: groups.values, users: users.values,
            managedDevices: managedDevices.values, compliancePolicies: compliancePolicies.values,
            mobileAppCategories: mobileAppCategories.values, mobileApps: mobileApps.values,
            mobileAppAssignments: mobileAppAssignments.values, appInstallStates: appInstallStates.values,
            signInLockouts: signInLockouts.values, deviceCategories: deviceCategories.values,
            simulatedDevices: simulatedDevices.values, enrollmentSessions: enrollmentSessions.values,
            termsAcceptances: termsAcceptances.values, managedAppProtections: managedAppProtections.values,
            managedAppRegistrations: managedAppRegistrations.values,
            conditionalAccessPolicies: conditionalAccessPolicies.values, cloudApps: cloudApps.values)
        tenant.notificationReads = notificationReads.values
        return (tenant, partial, problems)
    }
}

/// One top-level member to decode; each task writes only its own fields,
/// and they are read only after every task has run.
protocol DecodeTask: AnyObject, Sendable {
    /// Bytes to decode, to schedule the largest first.
    var size: Int { get }
    func run(_ document: DocumentBytes)
}

private protocol CollectionResult {
    var name: String { get }
    /// The tasks that decode this collection.
    func prepare(_ document: DocumentBytes) -> [any DecodeTask]
    /// Puts the runs' results together, in file order.
    func gather()
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
    private(set) var size = 0

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

/// A collection decoded element by element, a run at a time; the elements
/// that decode are kept with their places in the file.
private final class CollectionTask<Value: Decodable>: CollectionResult, @unchecked Sendable {
    let name: String
    /// An optional collection may be missing; a required one that is, or
    /// one that is not an array, is a problem of its own.
    let optional: Bool
    private(set) var values: [Value] = []
    private(set) var positions: [Int] = []
    private(set) var undecodedIds: Set<String> = []
    private(set) var shapeProblem: StoreProblem?
    private(set) var problems: [StoreProblem] = []
    private var runs: [RunTask<Value>] = []

    init(name: String, optional: Bool = false) {
        self.name = name
        self.optional = optional
    }

    func prepare(_ document: DocumentBytes) -> [any DecodeTask] {
        guard let range = document.range(of: name) else {
            if !optional { shapeProblem = StoreProblem(path: "$.\(name)", message: "missing required field \"\(name)\"") }
            return []
        }
        if let found = document.runs(of: name) {
            runs = found.enumerated().map { index, run in
                RunTask(name: name, bytes: run, wrap: true, firstIndex: index * JSONSyntaxCheck.elementsPerRun)
            }
        } else {
            // Not an array: decoding it whole says what it is instead.
            runs = [RunTask(name: name, bytes: range, wrap: false, firstIndex: 0)]
        }
        return runs
    }

    func gather() {
        let count = runs.reduce(0) { $0 + $1.values.count }
        values.reserveCapacity(count)
        positions.reserveCapacity(count)
        for run in runs {
            values += run.values
            positions += run.positions
            undecodedIds.formUnion(run.undecodedIds)
            problems += run.problems
            if shapeProblem == nil { shapeProblem = run.shapeProblem }
            run.release()
        }
        runs = []
    }
}

/// Some of a collection's elements, decoded on their own.
private final class RunTask<Value: Decodable>: DecodeTask, @unchecked Sendable {
    let name: String
    let bytes: Range<Int>
    /// The run is elements only, to be put in brackets; otherwise the member's whole value.
    let wrap: Bool
    /// The index in the collection of the run's first element.
    let firstIndex: Int
    private(set) var values: [Value] = []
    private(set) var positions: [Int] = []
    private(set) var undecodedIds: Set<String> = []
    private(set) var shapeProblem: StoreProblem?
    private(set) var problems: [StoreProblem] = []

    var size: Int { bytes.count }

    init(name: String, bytes: Range<Int>, wrap: Bool, firstIndex: Int) {
        self.name = name
        self.bytes = bytes
        self.wrap = wrap
        self.firstIndex = firstIndex
    }

    func release() { values = [] }

    func run(_ document: DocumentBytes) {
        let data = wrap ? document.array(bytes) : document.data(bytes)
        let decoder = StoreCodec.makeDecoder()
        // A valid run (almost every load) decodes straight into its values;
        // only one with a problem is read again element by element.
        if let decoded = try? decoder.decode([Value].self, from: data) {
            values = decoded
            positions = Array(firstIndex..<(firstIndex + decoded.count))
            return
        }
        let items: [Lenient<Value>]
        do {
            items = try decoder.decode([Lenient<Value>].self, from: data)
        } catch {
            shapeProblem = StoreProblem(error).within(name)
            return
        }
        for (index, item) in items.enumerated() {
            switch item.result {
            case let .success(value):
                values.append(value)
                positions.append(firstIndex + index)
            case let .failure(error):
                problems.append(StoreProblem(error).within(name, shiftingIndexBy: firstIndex))
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
    /// A problem found in a member decoded on its own, placed in the document;
    /// for a run of elements, `$[3]` is element `shift + 3` of the collection.
    func within(_ member: String, shiftingIndexBy shift: Int = 0) -> StoreProblem {
        var rest = path.dropFirst()
        if shift != 0, rest.hasPrefix("["), let close = rest.firstIndex(of: "]"),
           let index = Int(rest[rest.index(after: rest.startIndex)..<close]) {
            rest = "[\(index + shift)]" + rest[rest.index(after: close)...]
        }
        return StoreProblem(path: "$.\(member)" + rest, message: message)
    }
}
