import Foundation
import PortalCore
import Testing
@testable import PortalStore

@Suite("JSON file store")
struct JSONStoreTests {
    @Test func roundTripKeepsEverything() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        let tenant = demoFixture()
        try store.create(tenant)
        #expect(try store.load() == tenant)
    }

    @Test func documentIsPrettySortedWithSchemaVersionAndISODates() throws {
        let data = try StoreCodec.encode(demoFixture())
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"schemaVersion\" : 1"))
        #expect(text.contains("\"enrolledDateTime\" : \"2026-"))
        #expect(text.contains("\n  \"appInstallStates\" : ["))
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keys == keys.sorted())
    }

    @Test func newFilesAreOwnerOnly() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("nested/portal.json"))
        try store.create(demoFixture())
        let attributes = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func atomicReplaceLeavesNoTemporaryFiles() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try store.create(demoFixture())
        let before = try FileManager.default.attributesOfItem(atPath: store.path)[.systemFileNumber] as? NSNumber
        try store.update { $0.organization.displayName = "Fabrikam" }
        let after = try FileManager.default.attributesOfItem(atPath: store.path)[.systemFileNumber] as? NSNumber
        // A rename, not an overwrite in place: the file is a new inode.
        #expect(before != after)
        #expect(try store.load().organization.displayName == "Fabrikam")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func createRefusesToOverwriteWithoutForce() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("portal.json")
        try Data("keep me".utf8).write(to: url)
        let store = JSONStore(url: url)
        #expect(throws: StoreError.alreadyExists(path: url.path)) { try store.create(demoFixture()) }
        #expect(try Data(contentsOf: url) == Data("keep me".utf8))
        try store.create(demoFixture(), force: true)
        #expect(try store.load().users.count == 8)
    }

    @Test(arguments: ["", "{", "not json at all", "[1, 2]", "{\"schemaVersion\": 1}"])
    func aBadFileIsReportedAndNeverOverwritten(_ content: String) throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("portal.json")
        try Data(content.utf8).write(to: url)
        let store = JSONStore(url: url)
        #expect(throws: StoreError.self) { _ = try store.loadOrCreate { demoFixture() } }
        #expect(throws: StoreError.self) { try store.update { $0.organization.displayName = "X" } }
        #expect(try Data(contentsOf: url) == Data(content.utf8))
    }

    @Test func aNewerSchemaIsRefused() throws {
        var object = try demoJSONObject()
        object["schemaVersion"] = 99
        #expect(throws: StoreError.newerSchema(path: "p.json", found: 99, supported: 1)) {
            _ = try StoreCodec.decode(try jsonData(object), path: "p.json")
        }
    }

    @Test func loadOrCreateMakesTheDefaultOnlyWhenMissing() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("a/b/portal.json"))
        var made = 0
        _ = try store.loadOrCreate { made += 1; return demoFixture() }
        _ = try store.loadOrCreate { made += 1; return demoFixture() }
        #expect(made == 1)
    }

    @Test func unreadableFileNamesThePath() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder)
        do {
            _ = try store.load()
            Issue.record("a folder loaded as a store")
        } catch {
            #expect(error.description.hasPrefix(folder.path))
        }
    }

    @Test func defaultLocation() {
        #expect(StoreLocation.resolve(explicit: "/x/p.json", environment: ["PORTAL_STORE": "/y.json"]).path == "/x/p.json")
        #expect(StoreLocation.resolve(explicit: nil, environment: ["PORTAL_STORE": "/y.json"]).path == "/y.json")
        #expect(StoreLocation.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/a"]).path == "/data/company-portal/portal.json")
        #expect(StoreLocation.resolve(explicit: nil, environment: ["HOME": "/home/a"]).path == "/home/a/.local/share/company-portal/portal.json")
    }
}

@Suite("Store locking between processes")
struct StoreLockTests {
    /// Another process takes the lock, announces it, and replaces the
    /// document while holding it. An update started meanwhile must wait and
    /// re-read, so both changes survive.
    @Test func updatesWaitForAnotherProcessAndKeepItsChange() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try store.create(demoFixture())
        var theirs = try store.load()
        theirs.organization.notifications.append(OrganizationNotification(id: "theirs", title: "Theirs", body: "", createdDateTime: fixtureNow))
        let theirFile = folder.appendingPathComponent("theirs.json")
        try StoreCodec.encode(theirs).write(to: theirFile)
        let ready = folder.appendingPathComponent("ready")

        let other = Process()
        other.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        other.arguments = [store.lockURL.path, "sh", "-c", "touch '\(ready.path)'; sleep 0.5; cp '\(theirFile.path)' '\(store.path)'"]
        try other.run()
        while !FileManager.default.fileExists(atPath: ready.path) { usleep(5_000) }

        try store.update {
            $0.organization.notifications.append(OrganizationNotification(id: "ours", title: "Ours", body: "", createdDateTime: fixtureNow))
        }
        other.waitUntilExit()
        #expect(other.terminationStatus == 0)
        let ids = try store.load().organization.notifications.map(\.id)
        #expect(ids.contains("theirs"))
        #expect(ids.contains("ours"))
    }
}
