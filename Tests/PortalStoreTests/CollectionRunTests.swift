import Foundation
import PortalCore
import Testing
@testable import PortalStore

/// Large collections are decoded a run of elements at a time: a problem in
/// a later run still names its element's place in the whole collection.
@Suite("Store collections decoded in runs")
struct CollectionRunTests {
    @Test func problemsPastTheFirstRunKeepTheirIndex() throws {
        let tenant = SyntheticOrganization.make(SyntheticOrganization.Size(users: 3, devices: 2_500, apps: 2),
                                                seed: 9, now: Date(timeIntervalSince1970: 1_795_000_000), iterations: 1)
        let data = try StoreCodec.encode(tenant)
        var document = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        var devices = try #require(document["managedDevices"] as? [[String: Any]])
        devices[999]["osVersion"] = 7
        devices[1_000]["deviceName"] = NSNull()
        devices[2_499]["enrolledDateTime"] = "2026-02-30T00:00:00Z"
        document["managedDevices"] = devices
        let mutated = try JSONSerialization.data(withJSONObject: document)
        #expect(throws: StoreError.self) { try StoreCodec.decode(mutated, path: "p.json") }
        do {
            _ = try StoreCodec.decode(mutated, path: "p.json")
        } catch let .invalid(_, problems) {
            let paths = problems.map(\.path)
            #expect(paths.contains("$.managedDevices[999].osVersion"))
            #expect(paths.contains("$.managedDevices[1000].deviceName"))
            #expect(paths.contains("$.managedDevices[2499].enrolledDateTime"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
