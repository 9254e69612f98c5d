import Foundation
import PortalCore
@testable import PortalStore
import PortalTestCluster
import Testing

/// `portal store copy|validate|init` on a database, through the built binary.
@Suite("Store commands on a database")
struct DatabaseStoreCommandTests {
    /// A snapshot of a database's store to tell whether a command changed it.
    static let snapshot = """
        SELECT (SELECT string_agg(version::text, ',' ORDER BY version) FROM "schemaMigrations"),
               (SELECT md5(string_agg(data::text, ',' ORDER BY position)) FROM "users"),
               (SELECT md5(string_agg(data::text, ',' ORDER BY position)) FROM "managedDevices"),
               (SELECT count(*) FROM "mobileApps")
        """

    @Test(arguments: ["demo", "synthetic"])
    func aFileCopiedIntoADatabaseAndBackIsCmpEqual(_ organization: String) throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let url = try cluster.createDatabase()
        let folder = try temporaryFolder()
        let first = folder.appendingPathComponent("first.json"), second = folder.appendingPathComponent("second.json")
        if organization == "demo" {
            try FileManager.default.copyItem(at: try commandDemoStore(), to: first)
        } else {
            let made = try portal("store", "init", "--synthetic", "users=20,devices=100,apps=50", "--seed", "5", first.path)
            #expect(made.status == 0, "\(made.error)")
        }
        let into = try portal("store", "copy", first.path, url)
        #expect(into.status == 0, "\(into.output)\(into.error)")
        #expect(into.output.hasPrefix("Copied ") && into.output.contains(" to \(url)"))
        let back = try portal("store", "copy", url, second.path)
        #expect(back.status == 0, "\(back.output)\(back.error)")
        let cmp = try run(URL(fileURLWithPath: "/usr/bin/env"), ["cmp", first.path, second.path])
        #expect(cmp.status == 0, "the files differ: \(cmp.output)")

        let valid = try portal("store", "validate", url)
        #expect(valid.status == 0, "\(valid.output)\(valid.error)")
        let tenant = try JSONStore(url: first).load()
        #expect(valid.output == "\(url): valid (database schema \(SchemaMigrations.latest); \(tenant.users.count) users, "
                + "\(tenant.managedDevices.count) devices, \(tenant.mobileApps.count) apps)\n")
    }

    @Test func initTwiceRefusesTheSecondTimeWithoutForce() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let url = try cluster.createDatabase()
        let first = try portal("store", "init", "--demo", url)
        #expect(first.status == 0, "\(first.output)\(first.error)")
        #expect(first.output == "Created the demo organization in \(url)\n")
        let before = try cluster.psql(url, Self.snapshot)
        let second = try portal("store", "init", "--demo", url)
        #expect(second.status == 1)
        #expect(second.error.contains("already holds a store") && second.error.contains("--force"), "\(second.error)")
        #expect(try cluster.psql(url, Self.snapshot) == before)
        // With --force it is replaced (new salts, so new rows).
        let forced = try portal("store", "init", "--demo", "--force", url)
        #expect(forced.status == 0, "\(forced.output)\(forced.error)")
        #expect(try cluster.psql(url, Self.snapshot) != before)
    }

    @Test func aDatabaseWithoutAStoreSaysHowToMakeOne() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let url = try cluster.createDatabase()
        let result = try portal("store", "validate", url)
        #expect(result.status == 1)
        #expect((result.output + result.error).contains("portal store init"), "\(result.output)\(result.error)")
        #expect(try cluster.psql(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0\n")
    }

    /// Nothing listens on port 1: the commands fail, and the password in the
    /// URL shows in none of their output. (No server needed.)
    @Test func aPasswordInTheURLNeverShows() throws {
        let url = "postgresql://user:SECRETPW@127.0.0.1:1/x"
        let file = try commandDemoStore().path
        let runs = [
            try portal("store", "validate", url),
            try portal("store", "copy", url, file + ".copy"),
            try portal("store", "copy", file, url),
            try portal("store", "init", "--demo", url),
            try portal("store", "validate", "--store", url),
        ]
        for result in runs {
            #expect(result.status == 1)
            #expect(!(result.output + result.error).contains("SECRETPW"), "\(result.output)\(result.error)")
            #expect((result.output + result.error).contains("postgresql://user@127.0.0.1:1/x"), "\(result.output)\(result.error)")
        }
    }
}
