import Foundation
import PortalTestCluster
import Testing

@Suite("Throwaway PostgreSQL cluster")
struct ThrowawayClusterTests {
    @Test func theSharedClusterAnswersQueries() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        #expect(cluster.host == "127.0.0.1")
        #expect(cluster.port > 0)
        #expect(cluster.url(database: "postgres") == "postgresql://\(cluster.user)@127.0.0.1:\(cluster.port)/postgres")
        #expect(try cluster.psql(cluster.url(database: "postgres"), "select 1") == "1\n")
    }

    @Test func createdDatabasesAreDistinctAndEmpty() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let first = try cluster.createDatabase()
        let second = try cluster.createDatabase()
        #expect(first != second)
        try cluster.psql(first, "create table marker (id int)")
        let tables = "select count(*) from pg_tables where schemaname = 'public'"
        #expect(try cluster.psql(first, tables) == "1\n")
        #expect(try cluster.psql(second, tables) == "0\n")
    }

    @Test func aRestartKeepsDataAndPort() throws {
        // A cluster of its own: restarting the shared one would cut off tests running beside this one.
        guard let cluster = try DatabaseTests.ownCluster() else { return }
        let database = try cluster.createDatabase()
        try cluster.psql(database, "create table kept (name text); insert into kept values ('still here')")
        let port = cluster.port
        try cluster.restart()
        #expect(cluster.port == port)
        #expect(try cluster.psql(database, "select name from kept") == "still here\n")
        try cluster.stop()
        #expect(throws: ClusterUnavailable.self) { try cluster.psql(database, "select 1") }
        try cluster.start()
        #expect(try cluster.psql(database, "select count(*) from kept") == "1\n")
    }

    @Test func withoutAServerTestsSkipUnlessRequired() {
        let missing = Result<ThrowawayCluster, ClusterUnavailable>.failure(ClusterUnavailable(reason: "no initdb"))
        guard case .skip(let reason) = DatabaseTests.decide(missing, environment: [:]) else {
            Issue.record("a missing server should skip when the tests are not required")
            return
        }
        #expect(reason == "no initdb")
        let required = DatabaseTests.decide(missing, environment: ["PORTAL_DATABASE_TESTS": "required"])
        guard case .fail(let error) = required else {
            Issue.record("a missing server should fail when the tests are required")
            return
        }
        #expect(error.reason.contains("no initdb"))
        #expect(error.reason.contains("PORTAL_DATABASE_TESTS=required"))
    }
}
