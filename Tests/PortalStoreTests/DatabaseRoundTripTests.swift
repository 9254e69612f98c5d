import Foundation
import PortalCore
import PortalTestCluster
import Testing
@testable import PortalStore

/// A JSON store copied into a database and back is the same file, byte for byte.
@Suite("Round trip JSON -> database -> JSON")
struct DatabaseRoundTripTests {
    @Test(arguments: ["demo", "synthetic"])
    func aFileCopiedIntoADatabaseAndBackIsTheSameFile(_ name: String) throws {
        let tenant = try #require(DatabaseScopeTests.organizations.first { $0.0 == name }).1()
        guard let cluster = try DatabaseTests.cluster() else { return }
        let url = try cluster.createDatabase()
        let folder = try temporaryFolder()
        let first = folder.appendingPathComponent("first.json"), second = folder.appendingPathComponent("second.json")
        try JSONStore(url: first).create(tenant)
        let database = StoreTarget.named(url)
        try database.create(try StoreTarget.named(first.path).load(), replace: false)
        try StoreTarget.named(second.path).create(try database.load(), replace: false)
        let before = try Data(contentsOf: first), after = try Data(contentsOf: second)
        #expect(before == after, "the file changed on its way through the database")
        #expect(before.count > 1_000)
    }
}
