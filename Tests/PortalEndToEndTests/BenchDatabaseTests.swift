import Foundation
import PortalTestCluster
import Testing

/// `portal bench --store URL` on the throwaway cluster: a database holding
/// another organization is left alone, and a small bench with a short load
/// test reports every figure and every operation. No timing is asserted.
@Suite("Bench on a database")
struct BenchDatabaseTests {
    @Test func aDatabaseHoldingAnotherOrganizationIsRefusedAndKept() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let url = try cluster.createDatabase()
        let created = try portal("store", "init", "--demo", url)
        #expect(created.status == 0, "\(created.error)")
        let result = try portal("bench", "--store", url, "--scale", "small", "--runs", "1", "--no-load-test")
        #expect(result.status == 1)
        #expect(result.error.contains("holds the organization"))
        #expect(result.error.contains("would overwrite it"))
        #expect(result.output.isEmpty)
        // Still the demo organization, not the synthetic one.
        #expect(try cluster.psql(url, #"SELECT id FROM "organization""#) != "org-fabrikam-synthetic\n")
        #expect(try cluster.psql(url, #"SELECT count(*) FROM "users" WHERE id = 'usr-00000'"#) == "0\n")
    }

    @Test func aSmallBenchWithALoadTestReportsEveryFigure() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let url = try cluster.createDatabase()
        // Twice: the second run replaces the synthetic organization the first left.
        for _ in 0..<2 {
            let result = try portal("bench", "--store", url, "--scale", "small", "--runs", "1", "--sessions", "1,2",
                                    "--load-seconds", "1", "--json")
            #expect(result.status == 0, "\(result.error)")
            let object = try jsonObject(result.output)
            #expect(object["store"] as? String == "postgresql")
            #expect(object["failure"] == nil)
            let figures = try #require(object["figures"] as? [[String: Any]])
            for figure in figures where figure["unit"] as? String == "ms" && figure["key"] as? String != "storeSaveMs" {
                #expect(figure["value"] is Double, "\(figure)")
            }
            let load = try #require(object["loadTest"] as? [String: Any])
            let runs = try #require(load["runs"] as? [[String: Any]])
            #expect(runs.compactMap { $0["sessions"] as? Int } == [1, 2])
            for run in runs {
                let names = (run["operations"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                #expect(names == ["signIn", "listDevices", "checkStatus", "installApp", "all"])
            }
        }
        // The cheap hash is in the database, for every account.
        #expect(try cluster.psql(url, #"SELECT DISTINCT "passwordIterations" FROM "users""#) == "100000\n")
    }
}
