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

    // MARK: - portal app install

    @Test func installRecordsTheRequestOnce() throws {
        let store = try demoStore()
        let args = ["app", "install", "app-zoom-workplace", "--user", "adele.vance@contoso.com", "--device", "dev-adele-mac", "--store", store.path]
        let first = try run(PortalBinary.url, args)
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("Install of Zoom Workplace on Adele's MacBook Air recorded."))
        let listed = try portal("apps", "--user", "adele.vance@contoso.com", "--device", "dev-adele-mac", "--search", "zoom", "--json", "--store", store.path)
        let apps = try #require(try object(listed.output)["apps"] as? [[String: Any]])
        #expect(apps.first?["installState"] as? String == "pendingInstall")
        let stored = try StoreCodec.decode(Data(contentsOf: store), path: store.path)
        let record = try #require(stored.appInstallStates.first { $0.appId == "app-zoom-workplace" && $0.deviceId == "dev-adele-mac" })
        #expect(record.installRequest?.action == .install)
        #expect(record.installRequest?.progressInSeconds == 0)
        let bytes = try Data(contentsOf: store)
        let again = try run(PortalBinary.url, args)
        #expect(again.status == 0)
        #expect(again.output.contains("already; nothing was changed"))
        #expect(try Data(contentsOf: store) == bytes, "asking again changed the store")
    }

    @Test(arguments: [
        (["app-microsoft-whiteboard", "--device", "dev-adele-mac"], Int32(1), "Microsoft Whiteboard is not available for macOS"),
        (["app-docker-desktop", "--device", "dev-adele-mac"], 1, "Docker Desktop is not assigned to adele.vance@contoso.com. Ask IT support if they need it."),
        (["app-nothing", "--device", "dev-adele-mac"], 2, "there is no app app-nothing"),
        (["app-zoom-workplace", "--device", "dev-alex-linux"], 2, "has no device dev-alex-linux"),
    ])
    func installRefusals(arguments: [String], status: Int32, message: String) throws {
        let store = try demoStore()
        let before = try Data(contentsOf: store)
        let result = try run(PortalBinary.url, ["app", "install"] + arguments + ["--user", "adele.vance@contoso.com", "--store", store.path])
        #expect(result.status == status)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(try Data(contentsOf: store) == before, "a refused install changed the store")
    }

    @Test func installUsageErrorsExitTwo() throws {
        let store = try demoStore()
        #expect(try portal("app", "install", "app-zoom-workplace", "--store", store.path).status == 2)
        let unknown = try portal("app", "install", "app-zoom-workplace", "--user", "nobody@contoso.com", "--device", "dev-adele-mac", "--store", store.path)
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("no user nobody@contoso.com"))
    }
}
