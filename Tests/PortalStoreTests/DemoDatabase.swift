import Foundation
import PortalCore
import PortalStore
import PortalTestCluster
import Testing

/// A fresh database of the test's own holding the demo organization, with
/// the cheapest password hashes a store accepts.
func demoDatabase(on cluster: ThrowawayCluster) throws -> String {
    let url = try cluster.createDatabase()
    let tenant = DemoOrganization.make(now: Date(), random: SeededRandomSource(seed: 3), iterations: PasswordHash.allowedIterations.lowerBound)
    try PostgresStore(address: try #require(DatabaseAddress(url))).create(tenant)
    return url
}

/// A portal's directory on the database, with a connection of its own.
func postgresDirectory(_ url: String) throws -> PostgresDirectory {
    try PostgresDirectory(store: PostgresStore(address: try #require(DatabaseAddress(url))))
}
