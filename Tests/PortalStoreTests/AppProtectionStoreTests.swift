import Foundation
import PortalCore
import Testing
@testable import PortalStore

/// App protection in the store: changes applied atomically, the validator's
/// refusals, older stores without the collections.
@Suite("App protection in the store")
struct AppProtectionStoreTests {
    let outlook = "com.microsoft.office.outlook"

    @Test func registeringRunsTheHealthCheckAndInstallingThenRecheckingMakesItHealthy() throws {
        var tenant = demoFixture()
        let registered = try tenant.apply(.register(userId: "usr-megan", simulatedDeviceId: "sim-pixel-7", appIdentifier: outlook), now: fixtureNow)
        #expect(registered.healthState == .threatDefenseAppMissing)
        #expect(registered.policyId == "app-android-sales" && registered.appDisplayName == "Outlook")
        #expect(registered.deviceType == "Pixel 7" && registered.platformVersion == "14")
        let later = fixtureNow.addingTimeInterval(60)
        // Rechecking before installing changes nothing but the time.
        #expect(try tenant.apply(.recheck(userId: "usr-megan", registrationId: registered.id), now: later).healthState == .threatDefenseAppMissing)
        let installed = try tenant.apply(.installThreatDefenseApp(userId: "usr-megan", registrationId: registered.id), now: later)
        #expect(installed.mobileThreatDefenseAppInstalled && installed.healthState == .threatDefenseAppMissing)
        let rechecked = try tenant.apply(.recheck(userId: "usr-megan", registrationId: registered.id), now: later)
        #expect(rechecked.healthState == .healthy && rechecked.reportedThreatLevel == .secured)
        #expect(rechecked.createdDateTime == fixtureNow && rechecked.lastSyncDateTime == later)
        // Registering again updates the same registration and keeps the install.
        let again = try tenant.apply(.register(userId: "usr-megan", simulatedDeviceId: "sim-pixel-7", appIdentifier: outlook), now: later)
        #expect(again.id == registered.id && again.healthState == .healthy)
        #expect(tenant.managedAppRegistrations.count == 1)
        #expect(StoreValidator().problems(in: tenant).isEmpty)
    }

    @Test func aThreatAboveTheMaximumBlocksOrWipesAsThePolicySays() throws {
        var tenant = demoFixture()
        let blocked = try tenant.apply(.register(userId: "usr-megan", simulatedDeviceId: "sim-moto-g", appIdentifier: outlook), now: fixtureNow)
        #expect(blocked.healthState == .accessBlocked && blocked.reportedThreatLevel == .high && blocked.flaggedReasons == [.rootedDevice])
        let wiped = try tenant.apply(.register(userId: "usr-hanako", simulatedDeviceId: "sim-moto-g", appIdentifier: outlook), now: fixtureNow)
        #expect(wiped.healthState == .dataWiped && wiped.policyId == "app-android-personal")
        // The user says the threat is removed: nothing changes until a recheck, which restores access.
        let removed = try tenant.apply(.removeThreat(userId: "usr-megan", registrationId: blocked.id), now: fixtureNow)
        #expect(removed.threatRemoved == true && removed.healthState == .accessBlocked)
        #expect(try tenant.apply(.recheck(userId: "usr-megan", registrationId: blocked.id), now: fixtureNow).healthState == .healthy)
        // The store's facts edited (Defender reports the device secured): a recheck restores access too.
        let index = try #require(tenant.simulatedDevices.firstIndex { $0.id == "sim-moto-g" })
        tenant.simulatedDevices[index].partnerReportedThreatState = .secured
        #expect(try tenant.apply(.recheck(userId: "usr-hanako", registrationId: wiped.id), now: fixtureNow).healthState == .healthy)
    }

    @Test func aRefusedChangeLeavesTheStoreAsItWas() throws {
        var tenant = demoFixture()
        let before = tenant
        #expect(throws: AppProtectionChangeError.deviceNotFound) {
            try tenant.apply(.register(userId: "usr-megan", simulatedDeviceId: "sim-surface-pro", appIdentifier: outlook), now: fixtureNow)
        }
        #expect(throws: AppProtectionChangeError.self) {
            try tenant.apply(.register(userId: "usr-megan", simulatedDeviceId: "sim-pixel-7", appIdentifier: "com.example.unknown"), now: fixtureNow)
        }
        #expect(throws: AppProtectionChangeError.userNotFound) {
            try tenant.apply(.register(userId: "usr-nobody", simulatedDeviceId: "sim-pixel-7", appIdentifier: outlook), now: fixtureNow)
        }
        let registered = try tenant.apply(.register(userId: "usr-megan", simulatedDeviceId: "sim-pixel-7", appIdentifier: outlook), now: fixtureNow)
        // Another user cannot touch Megan's registration.
        #expect(throws: AppProtectionChangeError.registrationNotFound) {
            try tenant.apply(.recheck(userId: "usr-adele", registrationId: registered.id), now: fixtureNow)
        }
        #expect(tenant.managedAppRegistrations.count == 1)
        tenant.managedAppRegistrations = []
        #expect(tenant == before)
    }

    @Test func theFileStoreAppliesEachChangeUnderItsLock() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try store.create(demoFixture())
        let first = try JSONDirectory(store: store), second = try JSONDirectory(store: store)
        let registered = try first.perform(.register(userId: "usr-megan", simulatedDeviceId: "sim-pixel-7", appIdentifier: outlook), now: fixtureNow)
        // A second portal on the same file sees the registration and changes it.
        _ = try second.perform(.installThreatDefenseApp(userId: "usr-megan", registrationId: registered.id), now: fixtureNow)
        let rechecked = try first.perform(.recheck(userId: "usr-megan", registrationId: registered.id), now: fixtureNow)
        #expect(rechecked.healthState == .healthy)
        #expect(try JSONDirectory(store: store).appProtectionFacts(userId: "usr-megan")?.registrations == [rechecked])
        // A refused change writes nothing.
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        #expect(throws: AppProtectionChangeError.self) {
            try first.perform(.recheck(userId: "usr-megan", registrationId: "mar-gone"), now: fixtureNow)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)) == before)
    }

    @Test func aStoreWithoutTheAppProtectionCollectionsLoadsAndSavesUnchanged() throws {
        var object = try demoJSONObject()
        #expect(object.removeValue(forKey: "managedAppProtections") != nil)
        #expect(object.removeValue(forKey: "managedAppRegistrations") != nil)
        var devices = try #require(object["simulatedDevices"] as? [[String: Any]])
        for index in devices.indices { devices[index].removeValue(forKey: "mobileThreatDefenseAppInstalled") }
        object["simulatedDevices"] = devices
        let tenant = try StoreCodec.decode(try jsonData(object), path: "portal.json")
        #expect(tenant.managedAppProtections.isEmpty && tenant.managedAppRegistrations.isEmpty)
        #expect(tenant.simulatedDevices.allSatisfy { $0.mobileThreatDefenseAppInstalled == nil })
        // Saved and read again, everything it held is as it was.
        let saved = try StoreCodec.encode(tenant)
        #expect(try StoreCodec.decode(saved, path: "portal.json") == tenant)
        var savedObject = try #require(try JSONSerialization.jsonObject(with: saved) as? [String: Any])
        #expect((savedObject.removeValue(forKey: "managedAppProtections") as? [Any])?.isEmpty == true)
        #expect((savedObject.removeValue(forKey: "managedAppRegistrations") as? [Any])?.isEmpty == true)
        #expect(NSDictionary(dictionary: savedObject).isEqual(to: object))
    }

    @Test func theValidatorRefusesBadPoliciesAndRegistrations() throws {
        var tenant = demoFixture()
        var registration = try tenant.apply(.register(userId: "usr-megan", simulatedDeviceId: "sim-pixel-7", appIdentifier: outlook), now: fixtureNow)
        tenant.managedAppProtections[0].displayName = ""
        tenant.managedAppProtections[0].apps.append(tenant.managedAppProtections[0].apps[0])
        tenant.managedAppProtections[1].apps[0].mobileAppIdentifier = .ios("com.microsoft.Office.Outlook")
        tenant.managedAppProtections[1].assignedGroups.append("grp-gone")
        tenant.managedAppProtections[2].apps = []
        tenant.managedAppProtections[2].threatDefenseApp.storeName = ""
        tenant.managedAppProtections.append(tenant.managedAppProtections[0])
        registration.userId = "usr-nobody"
        registration.simulatedDeviceId = "sim-gone"
        registration.lastSyncDateTime = fixtureNow.addingTimeInterval(-1)
        registration.deviceName = String(repeating: "x", count: ManagedAppRegistration.deviceNameLimit + 1)
        var orphan = registration
        orphan.id = "mar-orphan"
        orphan.policyId = "app-gone"
        tenant.managedAppRegistrations = [registration, orphan, registration]
        let paths = Set(StoreValidator().problems(in: tenant).map(\.path))
        #expect(paths.isSuperset(of: [
            "$.managedAppProtections[0].displayName", "$.managedAppProtections[0].apps[3].mobileAppIdentifier",
            "$.managedAppProtections[1].apps[0].mobileAppIdentifier", "$.managedAppProtections[1].apps[0].mobileAppIdentifier.packageId",
            "$.managedAppProtections[1].assignedGroups[1]", "$.managedAppProtections[2].apps",
            "$.managedAppProtections[2].threatDefenseApp.storeName", "$.managedAppProtections[3].id",
            "$.managedAppRegistrations[0].userId", "$.managedAppRegistrations[0].simulatedDeviceId",
            "$.managedAppRegistrations[0].lastSyncDateTime", "$.managedAppRegistrations[0].deviceName",
            "$.managedAppRegistrations[1].policyId", "$.managedAppRegistrations[2].id", "$.managedAppRegistrations[2]",
        ]))
    }

    @Test func theDemoShowsEveryEnding() throws {
        var tenant = demoFixture()
        func outcome(_ user: String, _ device: String) throws -> AppProtectionHealthState {
            try tenant.apply(.register(userId: user, simulatedDeviceId: device, appIdentifier: outlook), now: fixtureNow).healthState
        }
        #expect(try tenant.apply(.register(userId: "usr-megan", simulatedDeviceId: "sim-iphone-15", appIdentifier: "com.microsoft.Office.Outlook"),
                                 now: fixtureNow).healthState == .healthy)
        #expect(try outcome("usr-megan", "sim-pixel-7") == .threatDefenseAppMissing)
        #expect(try outcome("usr-megan", "sim-moto-g") == .accessBlocked)
        #expect(try outcome("usr-hanako", "sim-moto-g") == .dataWiped)
        #expect(Set(tenant.managedAppProtections.map(\.platform)) == [.iOS, .android])
    }
}
