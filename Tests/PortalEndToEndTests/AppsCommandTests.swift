import Foundation
import PortalCore
import PortalStore
import Testing

/// `portal apps` on a real store file: the user's catalog for a device,
/// search, JSON with Graph's names, exit codes.
@Suite("portal apps")
struct AppsCommandTests {
    func demoStore() throws -> URL { try commandDemoStore() }

    func object(_ text: String) throws -> [String: Any] { try jsonObject(text) }

    @Test func listsTheCatalogForADeviceAsJSON() throws {
        let store = try demoStore()
        let result = try portal("apps", "--user", "Alex.Wilber@contoso.com", "--device", "dev-alex-linux", "--json", "--store", store.path)
        #expect(result.status == 0, "\(result.error)")
        let listing = try object(result.output)
        #expect((listing["device"] as? [String: Any])?["operatingSystem"] as? String == "Linux")
        let apps = try #require(listing["apps"] as? [[String: Any]])
        #expect(!apps.isEmpty)
        #expect(apps.allSatisfy { ($0["platforms"] as? [String])?.contains("Linux") == true })
        let code = try #require(apps.first { $0["displayName"] as? String == "Visual Studio Code" })
        #expect(code["intent"] as? String == "available")
        #expect(code["installState"] as? String == "installed")
        #expect(code["publisher"] as? String == "Microsoft Corporation")
        #expect(code["sizeInBytes"] is Int)
        #expect(code["createdDateTime"] is String)
        let defender = try #require(apps.first { $0["displayName"] as? String == "Microsoft Defender" })
        #expect(defender["intent"] as? String == "required")
        let names = apps.compactMap { $0["displayName"] as? String }
        #expect(names == names.sorted { $0.lowercased() < $1.lowercased() })
        for secret in ["passwordHash", "salt", "mfaMethods"] { #expect(!result.output.contains(secret)) }
    }

    @Test func anOlderOSHidesTheAppsThatNeedANewerOne() throws {
        let store = try demoStore()
        let ipad = try portal("apps", "--user", "alex.wilber@contoso.com", "--device", "dev-alex-ipad", "--store", store.path)
        #expect(ipad.status == 0, "\(ipad.error)")
        #expect(!ipad.output.contains("Microsoft Whiteboard"))
        #expect(!ipad.output.contains("7-Zip"))
        let all = try portal("apps", "--user", "alex.wilber@contoso.com", "--store", store.path)
        #expect(all.output.contains("Microsoft Whiteboard"))
    }

    @Test func searchesByNameOrPublisherIgnoringCaseAndAccents() throws {
        let store = try demoStore()
        let result = try portal("apps", "--user", "alex.wilber@contoso.com", "--search", "ÁDOBE", "--json", "--store", store.path)
        #expect(result.status == 0, "\(result.error)")
        let apps = try #require(try object(result.output)["apps"] as? [[String: Any]])
        #expect(apps.compactMap { $0["displayName"] as? String } == ["Adobe Acrobat Reader", "Adobe Photoshop Express"])
        #expect(apps.allSatisfy { $0["installState"] == nil })
        let none = try portal("apps", "--user", "alex.wilber@contoso.com", "--search", "xyz", "--store", store.path)
        #expect(none.status == 0)
        #expect(none.output == "Nothing matches \"xyz\".\n")
    }

    @Test func exitsTwoForUsageAnUnknownUserAndSomeoneElsesDevice() throws {
        let store = try demoStore()
        #expect(try portal("apps", "--store", store.path).status == 2)
        #expect(try portal("apps", "--user", "nobody@contoso.com", "--store", store.path).status == 2)
        let unknown = try portal("apps", "--user", "alex.wilber@contoso.com", "--device", "dev-nothing", "--store", store.path)
        let theirs = try portal("apps", "--user", "alex.wilber@contoso.com", "--device", "dev-adele-iphone", "--store", store.path)
        #expect(unknown.status == 2)
        #expect(theirs.status == 2)
        // Someone else's device is answered exactly as an unknown one.
        #expect(theirs.error.replacingOccurrences(of: "dev-adele-iphone", with: "X") == unknown.error.replacingOccurrences(of: "dev-nothing", with: "X"))
        #expect(theirs.output.isEmpty)
    }
}
