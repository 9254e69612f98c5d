import Foundation
import PortalCore
import PortalStore
import Testing

/// `portal device check` on a real store file: exit codes, text and JSON.
@Suite("portal device check")
struct DeviceCheckCommandTests {
    func demoStore() throws -> URL { try commandDemoStore() }

    @Test func aDeviceThatReportsAgainIsCompliantAndStoredSo() throws {
        let store = try demoStore()
        let result = try portal("device", "check", "dev-megan-iphone", "--user", "Megan.Bowen@contoso.com", "--store", store.path)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("Megan's iPhone (dev-megan-iphone): Compliant (was not compliant)\nCan access company resources\n  Device check-in: now passes\n"))
        let device = try #require(try JSONStore(url: store).load().managedDevices.first { $0.id == "dev-megan-iphone" })
        #expect(device.complianceState == .compliant)
        #expect(abs(device.lastSyncDateTime?.timeIntervalSinceNow ?? -1_000) < 600)
    }

    @Test func jsonUsesGraphNamesAndHoldsNoSecret() throws {
        let store = try demoStore()
        let result = try portal("device", "check", "dev-adele-mac", "--user", "adele.vance@contoso.com", "--json", "--store", store.path)
        #expect(result.status == 0, "in grace: \(result.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["managedDevice", "previousComplianceState", "changes"])
        let device = try #require(object["managedDevice"] as? [String: Any])
        #expect(device["id"] as? String == "dev-adele-mac")
        #expect(device["complianceState"] as? String == "inGracePeriod")
        #expect(device["complianceGracePeriodExpirationDateTime"] is String)
        #expect(device["operatingSystem"] as? String == "macOS")
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.contains { $0["setting"] as? String == "passwordMinimumLength" && $0["after"] as? String == "fail" && $0["before"] as? String == "fail" })
        for secret in ["password\"", "secretKey", "passwordHash", "Contoso-Adele-1"] { #expect(!result.output.contains(secret)) }
    }

    @Test func noncompliantExitsOne() throws {
        let store = try demoStore()
        let result = try portal("device", "check", "dev-adele-surface", "--user", "adele.vance@contoso.com", "--store", store.path)
        #expect(result.status == 1)
        #expect(result.output.contains("ADELE-SURFACE (dev-adele-surface): Still not compliant\nCannot access company resources"))
        #expect(result.output.contains("  Storage encryption: still fails"))
    }

    @Test func someoneElsesOrAnUnknownDeviceOrUserExitsTwoAndChangesNothing() throws {
        let store = try demoStore()
        let before = try Data(contentsOf: store)
        let other = try portal("device", "check", "dev-adele-surface", "--user", "megan.bowen@contoso.com", "--store", store.path)
        #expect(other.status == 2 && other.output.isEmpty)
        #expect(other.error == "portal device check: dev-adele-surface is not one of megan.bowen@contoso.com's devices\n")
        let unknown = try portal("device", "check", "dev-nowhere", "--user", "megan.bowen@contoso.com", "--store", store.path)
        #expect(unknown.status == 2)
        #expect(unknown.error == "portal device check: dev-nowhere is not one of megan.bowen@contoso.com's devices\n")
        let nobody = try portal("device", "check", "dev-megan-iphone", "--user", "nobody@contoso.com", "--store", store.path)
        #expect(nobody.status == 2 && nobody.error.contains("no account nobody@contoso.com"))
        let usage = try portal("device", "check", "dev-megan-iphone", "--store", store.path)
        #expect(usage.status == 2)
        #expect(try Data(contentsOf: store) == before)
    }
}
