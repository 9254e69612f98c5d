import Foundation
import Testing

/// `portal bench` runs end to end and names every figure; no timing is asserted.
@Suite("Bench command")
struct BenchCommandTests {
    @Test func smallJSONHasEveryFigure() throws {
        let result = try portal("bench", "--scale", "small", "--runs", "1", "--json")
        #expect(result.status == 0, "\(result.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let figures = try #require(object["figures"] as? [[String: Any]])
        let keys = Set(figures.compactMap { $0["key"] as? String })
        #expect(keys == ["storeLoadMs", "storeSaveMs", "firstFrameMs", "coldStartMs", "signInToHomeMs", "signInToHomeFrameMs", "homeKeyMs",
                         "devicesOpenMs", "devicesKeyMs", "devicesSortMs", "devicesFilterMs", "deviceDetailKeyMs", "appsKeyMs", "appDetailKeyMs", "searchKeyMs",
                         "appsOpenMs", "searchNarrowKeyMs",
                         "installTickMs", "cursorMoveBytes", "appsCursorMoveBytes", "peakMemoryMB"])
        // Every timed figure was measured: none was skipped by a failed step.
        #expect(object["failure"] == nil)
        for figure in figures where figure["unit"] as? String == "ms" {
            #expect(figure["value"] is Double, "\(figure)")
        }
    }

    @Test func syntheticStoreInitPrintsThePasswordAndRefusesABadSpec() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("synthetic.json").path
        let created = try portal("store", "init", "--synthetic", "users=3,devices=9,apps=12", path)
        #expect(created.status == 0)
        #expect(created.output.contains("Every user's password is "))
        #expect(try portal("store", "validate", path).output.contains("3 users, 9 devices, 12 apps"))
        let bad = try portal("store", "init", "--synthetic", "users=3,devices=lots,apps=12", path + ".bad")
        #expect(bad.status == 2)
        #expect(bad.error.contains("users=U,devices=D,apps=A"))
        #expect(!FileManager.default.fileExists(atPath: path + ".bad"))
    }
}
