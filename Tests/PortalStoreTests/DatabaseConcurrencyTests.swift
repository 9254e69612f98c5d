import Foundation
import PortalCore
import PortalTestCluster
import Testing
@testable import PortalStore

/// Twenty processes writing one database at once, as twenty portals would:
/// the database's equivalents of the file store's two-writer tests.
@Suite("Database store under concurrent processes", .serialized)
struct DatabaseConcurrencyTests {
    static let writers = 20
    static let updatesEach = 100

    private func emptyDatabase(on cluster: ThrowawayCluster, _ change: (inout Tenant) -> Void = { _ in }) throws -> (String, PostgresStore) {
        let url = try cluster.createDatabase()
        let store = PostgresStore(address: try #require(DatabaseAddress(url)))
        var tenant = EmptyOrganization.make()
        change(&tenant)
        try store.create(tenant)
        return (url, store)
    }

    /// Each writer appends its own groups, each in a transaction of its own
    /// over the whole organization; none is lost.
    @Test func twentyProcessesLoseNoUpdate() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let (url, store) = try emptyDatabase(on: cluster)
        let before = try store.load().groups.count
        let children = try (0..<Self.writers).map { try Child(StoreWriter.url, [url, "w\($0)", String(Self.updatesEach)]) }
        let statuses = children.map { $0.wait() }
        #expect(statuses.allSatisfy { $0 == 0 }, "exit statuses: \(statuses)")

        let groups = try store.load().groups
        #expect(groups.count == before + Self.writers * Self.updatesEach)
        let expected = Set((0..<Self.writers).flatMap { writer in (0..<Self.updatesEach).map { "w\(writer)-\($0)" } })
        #expect(Set(groups.map(\.id)).isSuperset(of: expected))
        // Each writer's own updates landed in the order it made them.
        for writer in 0..<Self.writers {
            let own = groups.map(\.id).filter { $0.hasPrefix("w\(writer)-") }
            #expect(own == (0..<Self.updatesEach).map { "w\(writer)-\($0)" }, "writer \(writer)")
        }
    }

    /// Failed sign-ins of one name (typed differently) from twenty processes
    /// all count: the threshold is set so that no lockout caps the count
    /// (lockouts in a row stop at SignInLockout.allowedLockouts).
    @Test func failedSignInsFromTwentyProcessesAllCount() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let threshold = SignInPolicy.allowedThresholds.upperBound
        let total = Self.writers * Self.updatesEach
        #expect(total / threshold < SignInLockout.allowedLockouts.upperBound)
        let (url, _) = try emptyDatabase(on: cluster) { $0.organization.signInPolicy = SignInPolicy(lockoutThreshold: threshold) }
        let names = ["megan@contoso.com", "Megan@contoso.com", " megan@contoso.com ", "MEGAN@CONTOSO.COM"]
        let children = try (0..<Self.writers).map {
            try Child(StoreWriter.url, [url, "--fail-sign-in", names[$0 % names.count], String(Self.updatesEach)])
        }
        let statuses = children.map { $0.wait() }
        #expect(statuses.allSatisfy { $0 == 0 }, "exit statuses: \(statuses)")

        let lockout = try #require(try postgresDirectory(url).signInFacts(principalName: "megan@contoso.com").lockout)
        #expect(lockout.lockoutCount * threshold + lockout.failedAttempts == total,
                "\(lockout.lockoutCount) lockouts of \(threshold) and \(lockout.failedAttempts) failures")
        #expect(lockout.lockoutCount == total / threshold)
        // One record for the name however it was typed.
        #expect(try cluster.psql(url, #"SELECT count(*) FROM "signInLockouts""#) == "1\n")
    }
}
