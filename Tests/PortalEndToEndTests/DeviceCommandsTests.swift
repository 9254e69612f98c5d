import Foundation
import PortalCore
import PortalStore
import Testing

/// `portal devices` and `portal device show` on a real store file: the
/// user's devices only, JSON that parses back with Graph names, exit codes.
@Suite("portal devices and portal device show")
struct DeviceCommandsTests {
    func demoStore() throws -> URL { try commandDemoStore() }

    func object(_ text: String) throws -> [String: Any] { try jsonObject(text) }

    @Test func listsTheUsersDevicesAsJSON() throws {
        let store = try demoStore()
        let result = try portal("devices", "--user", "Adele.Vance@contoso.com", "--json", "--store", store.path)
        #expect(result.status == 0, "\(result.error)")
        let listing = try object(result.output)
        let user = try #require(listing["user"] as? [String: Any])
        #expect(user["userPrincipalName"] as? String == "adele.vance@contoso.com")
        #expect(Set(user.keys) == ["id", "userPrincipalName", "displayName"])
        let devices = try #require(listing["devices"] as? [[String: Any]])
        #expect(devices.map { $0["deviceName"] as? String } == ["ADELE-SURFACE", "Adele's iPhone", "Adele's MacBook Air", "Pixel 8"])
        #expect(devices.allSatisfy { $0["userId"] as? String == "usr-adele" })
        let surface = try #require(devices.first)
        #expect(surface["operatingSystem"] as? String == "Windows")
        #expect(surface["osVersion"] as? String == "10.0.22631")
        #expect(surface["osDisplayName"] as? String == "Windows 11 23H2")
        #expect(surface["isThisDevice"] as? Bool == false)
        let compliance = try #require(surface["compliance"] as? [String: Any])
        #expect(compliance["state"] as? String == "noncompliant")
        #expect(compliance["summary"] as? String == "Cannot access company resources")
        #expect((compliance["failingSettings"] as? [String])?.contains("storageRequireEncryption") == true)
        #expect(compliance["settings"] == nil)
        let mac = try #require(devices.first { $0["id"] as? String == "dev-adele-mac" })
        #expect((mac["compliance"] as? [String: Any])?["gracePeriodDeadline"] is String)
        // Never a secret: no password hash, no method, no other user.
        for secret in ["passwordHash", "salt", "mfaMethods", "secret", "usr-megan", "MEGAN-LATITUDE"] {
            #expect(!result.output.contains(secret), "\(secret) in the output")
        }
    }

    @Test func listsTheUsersDevicesAsTheScreenDoes() throws {
        let store = try demoStore()
        let result = try portal("devices", "--user", "adele.vance@contoso.com", "--store", store.path)
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("Name "))
        #expect(lines[0].contains("Operating system") && lines[0].contains("Compliance") && lines[0].contains("Ownership"))
        #expect(lines[1].hasPrefix("ADELE-SURFACE") && lines[1].contains("Windows 11 23H2") && lines[1].contains("✗ Not compliant"))
        #expect(lines[1].contains("Microsoft Surface Laptop 6") && lines[1].contains("Corporate"))
        #expect(!result.output.contains("MEGAN"))
    }

    @Test func showsOneDeviceWithEverySettingAndHowToResolveIt() throws {
        let store = try demoStore()
        let result = try portal("device", "show", "dev-adele-surface", "--user", "adele.vance@contoso.com", "--json", "--store", store.path)
        #expect(result.status == 0, "\(result.error)")
        let device = try object(result.output)
        #expect(device["deviceName"] as? String == "ADELE-SURFACE")
        let compliance = try #require(device["compliance"] as? [String: Any])
        let settings = try #require(compliance["settings"] as? [[String: Any]])
        let encryption = try #require(settings.first { $0["setting"] as? String == "storageRequireEncryption" })
        #expect(encryption["outcome"] as? String == "fail")
        #expect((encryption["howToResolve"] as? String)?.contains("BitLocker") == true)
        #expect(settings.allSatisfy { ["pass", "fail", "notReported"].contains($0["outcome"] as? String ?? "") })

        let text = try portal("device", "show", "dev-adele-surface", "--user", "adele.vance@contoso.com", "--store", store.path)
        #expect(text.status == 0, "\(text.error)")
        #expect(text.output.hasPrefix("ADELE-SURFACE\n"))
        #expect(text.output.contains("Windows 11 23H2"))
        #expect(text.output.contains("✗ Fail          Storage encryption"))
        #expect(text.output.contains("How to resolve this: Turn on BitLocker"))
    }

    @Test func someoneElsesDeviceIsAnsweredAsAnUnknownOne() throws {
        let store = try demoStore()
        let others = try portal("device", "show", "dev-megan-dell", "--user", "adele.vance@contoso.com", "--json", "--store", store.path)
        let unknown = try portal("device", "show", "dev-nothing", "--user", "adele.vance@contoso.com", "--json", "--store", store.path)
        #expect(others.status == 2 && unknown.status == 2)
        #expect(others.output.isEmpty && !others.output.contains("MEGAN"))
        #expect(others.error.contains("adele.vance@contoso.com has no device dev-megan-dell"))
        #expect(others.error.contains("portal devices --user adele.vance@contoso.com"))
        #expect(others.error.replacingOccurrences(of: "dev-megan-dell", with: "X") == unknown.error.replacingOccurrences(of: "dev-nothing", with: "X"))
    }

    @Test func unknownUsersAndBadOptionsExit2AndAnUnreadableStore1() throws {
        let store = try demoStore()
        let unknown = try portal("devices", "--user", "nobody@contoso.com", "--store", store.path)
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("no user nobody@contoso.com"))
        #expect(try portal("devices", "--store", store.path).status == 2)
        #expect(try portal("device", "show", "--user", "adele.vance@contoso.com", "--store", store.path).status == 2)
        let missing = try portal("devices", "--user", "adele.vance@contoso.com", "--store", store.path + ".missing")
        #expect(missing.status == 1)
    }
}
