import Foundation
import PortalCore
import Testing
@testable import PortalStore

/// Read state: one atomic change, kept per user in the store, bounded,
/// validated, and absent from older stores.
@Suite("Notification read state in the store")
struct NotificationReadStoreTests {
    @Test func markReadAndMarkAllRead() throws {
        var tenant = demoFixture()
        let ids = try #require(tenant.portalData(userId: "usr-adele")).notifications(now: fixtureNow).map(\.id)
        let one = try tenant.apply(.markRead(userId: "usr-adele", notificationId: ids[0]), now: fixtureNow)
        #expect(one.readIds == [ids[0]])
        let all = try tenant.apply(.markAllRead(userId: "usr-adele", notificationIds: ids), now: fixtureNow)
        #expect(all.readIds == Set(ids))
        // Marking again adds nothing; another user's state is their own.
        _ = try tenant.apply(.markAllRead(userId: "usr-adele", notificationIds: ids), now: fixtureNow)
        #expect(tenant.notificationReads.count == ids.count)
        #expect(tenant.readNotificationIds(userId: "usr-alex").isEmpty)
        #expect(try #require(tenant.portalData(userId: "usr-adele")).notifications(now: fixtureNow).allSatisfy(\.isRead))
        #expect(StoreValidator().problems(in: tenant).isEmpty)
    }

    @Test func refusalsChangeNothing() {
        var tenant = demoFixture()
        #expect(throws: NotificationChangeError.userNotFound) {
            try tenant.apply(.markRead(userId: "usr-nobody", notificationId: "org/x"), now: fixtureNow)
        }
        #expect(throws: NotificationChangeError.self) {
            try tenant.apply(.markAllRead(userId: "usr-adele", notificationIds: ["org/x", ""]), now: fixtureNow)
        }
        #expect(tenant.notificationReads.isEmpty)
    }

    @Test func eachUserKeepsTheNewestRecordsUpToTheLimit() throws {
        var tenant = demoFixture()
        _ = try tenant.apply(.markRead(userId: "usr-alex", notificationId: "org/alex"), now: fixtureNow)
        let limit = NotificationRead.perUserLimit
        for index in 0..<(limit + 25) {
            _ = try tenant.apply(.markRead(userId: "usr-adele", notificationId: "org/\(index)"),
                                 now: fixtureNow.addingTimeInterval(Double(index)))
        }
        let adele = tenant.readNotificationIds(userId: "usr-adele")
        #expect(adele.count == limit)
        #expect(!adele.contains("org/0") && !adele.contains("org/24"))
        #expect(adele.contains("org/25") && adele.contains("org/\(limit + 24)"))
        #expect(tenant.readNotificationIds(userId: "usr-alex") == ["org/alex"])
        // All at once, with one timestamp: the ones marked last are kept.
        let many = (0..<(limit + 5)).map { "org/many-\($0)" }
        let result = try tenant.apply(.markAllRead(userId: "usr-megan", notificationIds: many), now: fixtureNow)
        #expect(result.readIds == Set(many.suffix(limit)))
        #expect(StoreValidator().problems(in: tenant).isEmpty)
    }

    @Test func readStateSurvivesTheFileAndIsSeenByASecondPortal() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try store.create(demoFixture())
        let first = try JSONDirectory(store: store)
        let second = try JSONDirectory(store: store)
        let ids = try #require(try first.portalData(userId: "usr-adele")).notifications(now: fixtureNow).map(\.id)
        _ = try first.perform(.markRead(userId: "usr-adele", notificationId: ids[1]), now: fixtureNow)
        // The second portal marks another one meanwhile: neither is lost.
        _ = try second.perform(.markRead(userId: "usr-adele", notificationId: ids[2]), now: fixtureNow)
        let reread = try JSONDirectory(store: store)
        let notes = try #require(try reread.portalData(userId: "usr-adele")).notifications(now: fixtureNow)
        #expect(Set(notes.filter(\.isRead).map(\.id)) == [ids[1], ids[2]])
        #expect(try first.portalData(userId: "usr-adele")?.notificationSources.readIds == [ids[1], ids[2]])
    }

    @Test func anOlderStoreWithoutReadsLoadsUnchanged() throws {
        var object = try demoJSONObject()
        object.removeValue(forKey: "notificationReads")
        let tenant = try StoreCodec.decode(try jsonData(object), path: "old.json")
        #expect(tenant.notificationReads.isEmpty)
        #expect(tenant == demoFixture())
    }

    @Test func theValidatorChecksUsersIdsDuplicatesAndTheLimit() {
        var tenant = demoFixture()
        tenant.notificationReads = [
            NotificationRead(userId: "usr-nobody", notificationId: "org/a", readDateTime: fixtureNow),
            NotificationRead(userId: "usr-adele", notificationId: "", readDateTime: fixtureNow),
            NotificationRead(userId: "usr-adele", notificationId: "org/b", readDateTime: fixtureNow),
            NotificationRead(userId: "usr-adele", notificationId: "org/b", readDateTime: fixtureNow),
            NotificationRead(userId: "usr-adele", notificationId: "org/\u{1B}[2J", readDateTime: fixtureNow),
        ]
        tenant.notificationReads += (0...NotificationRead.perUserLimit).map {
            NotificationRead(userId: "usr-alex", notificationId: "org/\($0)", readDateTime: fixtureNow)
        }
        let paths = StoreValidator().problems(in: tenant).map(\.path)
        #expect(paths == ["$.notificationReads[0].userId", "$.notificationReads[1].notificationId", "$.notificationReads[3]",
                          "$.notificationReads[4].notificationId", "$.notificationReads[\(5 + NotificationRead.perUserLimit)]"])
    }
}
