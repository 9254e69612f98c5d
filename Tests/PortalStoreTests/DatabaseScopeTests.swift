import Foundation
import PortalCore
import PortalTestCluster
import Testing
@testable import PortalStore

/// Every user's part of a store, read from the database as a portal reads
/// it, passes the file's validation (but for references outside the part).
@Suite("Each user's part of the database")
struct DatabaseScopeTests {
    static let organizations: [(String, @Sendable () -> Tenant)] = [
        ("demo", { demoFixture() }),
        ("synthetic", {
            SyntheticOrganization.make(.init(users: 20, devices: 100, apps: 50), seed: 7, now: fixtureNow,
                                       iterations: PasswordHash.allowedIterations.lowerBound)
        }),
    ]

    @Test(arguments: ["demo", "synthetic"])
    func everyUsersPartReadsWithoutProblems(_ name: String) throws {
        let tenant = try #require(Self.organizations.first { $0.0 == name }).1()
        guard let store = try freshDatabase() else { return }
        try store.create(tenant)
        let reaches: [PostgresStore.Reach] = [.init(apps: .catalog), .init(apps: .installed), .init(apps: .only([]))]
        for user in tenant.users {
            for reach in reaches {
                // scope(...) throws StoreError.invalid when the part has problems.
                let part = try store.scope(.user(id: user.id), reach: reach)
                #expect(part.user == user)
                #expect(StoreValidator.part.problems(in: part.tenant).isEmpty)
            }
            let byName = try store.scope(.principalName(user.userPrincipalName.uppercased()), reach: .init(apps: .only([])))
            #expect(byName.user == user)
            // The part holds all of the user's own rows.
            let part = try store.scope(.user(id: user.id))
            #expect(part.tenant.managedDevices.filter { $0.userId == user.id } == tenant.managedDevices.filter { $0.userId == user.id })
            #expect(part.tenant.installStates(userId: user.id) == tenant.installStates(userId: user.id))
            #expect(part.tenant.catalog(userId: user.id) == tenant.catalog(userId: user.id))
        }
    }
}
