import Foundation
import PortalCore
import Testing
@testable import PortalStore

/// Device changes in the JSON store: each one persists, and a second portal
/// on the same file sees it from its next read.
@Suite("Device changes in the store")
struct DeviceChangeStoreTests {
    func twoPortals() throws -> (JSONStore, JSONDirectory, JSONDirectory) {
        let store = JSONStore(url: try temporaryFolder().appendingPathComponent("portal.json"))
        try store.create(demoFixture())
        return (store, try JSONDirectory(store: store), try JSONDirectory(store: store))
    }

    func devices(_ directory: JSONDirectory, _ userId: String) throws -> [ManagedDevice] {
        try #require(try directory.portalData(userId: userId)).devices
    }

    @Test func eachActionIsSeenByASecondPortalOnTheSameStore() throws {
        let (store, first, second) = try twoPortals()
        // Both have read the file once before any change.
        #expect(try devices(second, "usr-adele").count == 4)

        _ = try first.perform(.rename(userId: "usr-adele", deviceId: "dev-adele-iphone", name: "Adele's work phone"), now: fixtureNow)
        #expect(try devices(second, "usr-adele").contains { $0.deviceName == "Adele's work phone" })

        _ = try first.perform(.remove(userId: "usr-adele", deviceId: "dev-adele-pixel"), now: fixtureNow)
        #expect(try !devices(second, "usr-adele").contains { $0.id == "dev-adele-pixel" })

        _ = try second.perform(.reset(userId: "usr-adele", deviceId: "dev-adele-mac", typedName: "Adele's MacBook Air"), now: fixtureNow)
        #expect(try devices(first, "usr-adele").first { $0.id == "dev-adele-mac" }?.managementState == .wipePending)

        let later = fixtureNow.addingTimeInterval(3_600)
        _ = try second.perform(.checkStatus(userId: "usr-megan", deviceId: "dev-megan-iphone", host: nil), now: later)
        let iphone = try #require(try devices(first, "usr-megan").first { $0.id == "dev-megan-iphone" })
        #expect(iphone.lastSyncDateTime == later && iphone.complianceState == .compliant)

        // And a restart: the file holds it all, and is valid.
        let reloaded = try store.load()
        #expect(reloaded.managedDevices.first { $0.id == "dev-adele-mac" }?.managementState == .wipePending)
        #expect(reloaded.managedDevices.first { $0.id == "dev-adele-iphone" }?.deviceName == "Adele's work phone")
        #expect(!reloaded.managedDevices.contains { $0.id == "dev-adele-pixel" })
    }

    @Test func aRefusedChangeWritesNothing() throws {
        let (store, first, _) = try twoPortals()
        let before = try Data(contentsOf: store.url)
        #expect(throws: DeviceChangeError.self) {
            try first.perform(.remove(userId: "usr-adele", deviceId: "dev-adele-surface"), now: fixtureNow)
        }
        #expect(try Data(contentsOf: store.url) == before)
    }

    @Test func managementStateIsOptionalInTheStoreAndValidated() throws {
        var object = try demoJSONObject()
        var devices = try #require(object["managedDevices"] as? [[String: Any]])
        #expect(devices.contains { $0["managementState"] as? String == "retirePending" })
        for index in devices.indices { devices[index].removeValue(forKey: "managementState") }
        object["managedDevices"] = devices
        let tenant = try StoreCodec.decode(try jsonData(object), path: "portal.json")
        #expect(tenant.managedDevices.allSatisfy { $0.managementState == nil && $0.shownManagementState == .managed })
        devices[0]["managementState"] = "retiring"
        object["managedDevices"] = devices
        #expect(throws: StoreError.self) { try StoreCodec.decode(try jsonData(object), path: "portal.json") }
    }
}
