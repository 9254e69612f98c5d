import Foundation
import PortalCore
import PortalStore
import PortalTestCluster
import Testing

/// Two portals on one database: what one changes is announced to the other
/// (LISTEN/NOTIFY) as the user it concerns, an administrator's SQL as a
/// change for everyone, and a portal's own changes are not news to it.
@Suite("Changes announced to other portals")
struct ChangeNotificationTests {
    /// A directory on the database that watches, and what it heard.
    private func watcher(_ url: String, on cluster: ThrowawayCluster) throws -> (PostgresDirectory, DirectoryEventRecorder) {
        let directory = try postgresDirectory(url)
        let recorder = DirectoryEventRecorder()
        directory.watchChanges { recorder.record($0) }
        // A change made before LISTEN took effect would never be announced.
        try cluster.waitUntilListening(url)
        return (directory, recorder)
    }

    @Test func aRenameReachesTheOtherPortalAsTheUserItConcerns() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let url = try demoDatabase(on: cluster)
        let (_, heard) = try watcher(url, on: cluster)
        let other = try postgresDirectory(url)

        _ = try other.perform(.rename(userId: "usr-adele", deviceId: "dev-adele-pixel", name: "Adele's Pixel 9"), now: Date())
        #expect(heard.waitFor(.changed(userId: "usr-adele")) != nil, "heard: \(heard.events)")

        // Another user's change is announced as theirs, not as the first user's nor everyone's.
        let mark = heard.events.count
        _ = try other.perform(.rename(userId: "usr-megan", deviceId: "dev-megan-iphone", name: "Megan's iPhone 16"), now: Date())
        #expect(heard.waitFor(.changed(userId: "usr-megan"), after: mark) != nil, "heard: \(heard.events)")
        #expect(heard.events[mark...].allSatisfy { $0 == .changed(userId: "usr-megan") }, "heard: \(heard.events)")
    }

    @Test func aPortalsOwnChangesAreNotAnnouncedToIt() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let url = try demoDatabase(on: cluster)
        let (watching, heard) = try watcher(url, on: cluster)
        let other = try postgresDirectory(url)

        _ = try watching.perform(.rename(userId: "usr-adele", deviceId: "dev-adele-pixel", name: "Adele's Pixel 9"), now: Date())
        // Notices arrive in commit order: once the other portal's later change
        // is heard, the own change's notice would have come before it.
        _ = try other.perform(.rename(userId: "usr-megan", deviceId: "dev-megan-iphone", name: "Megan's iPhone 16"), now: Date())
        #expect(heard.waitFor(.changed(userId: "usr-megan")) != nil, "heard: \(heard.events)")
        #expect(!heard.events.contains(.changed(userId: "usr-adele")), "heard: \(heard.events)")
    }

    @Test func anAdministratorsSQLIsAChangeForEveryone() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let url = try demoDatabase(on: cluster)
        let (watching, heard) = try watcher(url, on: cluster)

        try cluster.psql(url, #"UPDATE "organization" SET data = jsonb_set(data, '{displayName}', '"Contoso Ltd"')"#)
        #expect(heard.waitFor(.changed(userId: DirectoryEvent.everyone)) != nil, "heard: \(heard.events)")
        #expect(try watching.organization().displayName == "Contoso Ltd")
    }

    /// A change to the catalog is announced as the catalog's, not as one for
    /// everyone: portals read their catalog again, and only it.
    @Test func anAdministratorsCatalogChangeIsTheCatalogs() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let url = try demoDatabase(on: cluster)
        let (watching, heard) = try watcher(url, on: cluster)

        try cluster.psql(url, #"UPDATE "mobileApps" SET data = jsonb_set(data, '{displayName}', '"Outlook (new)"') WHERE id = (SELECT min(id) FROM "mobileApps")"#)
        #expect(heard.waitFor(.catalogChanged) != nil, "heard: \(heard.events)")
        #expect(!heard.events.contains(.changed(userId: DirectoryEvent.everyone)), "heard: \(heard.events)")
        _ = watching
    }
}
