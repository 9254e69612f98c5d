import Foundation
import PortalCore
import PortalStore
import PortalTestCluster
import Testing

/// The database server stopped and started again under a running portal:
/// the portal hears it went and came back, a change made meanwhile fails
/// loudly, and the same directory works again afterwards.
@Suite("Database server restarted under a portal")
struct ServerRestartTests {
    @Test func aPortalSurvivesTheServerGoingAwayAndComingBack() throws {
        // A server of its own: stopping the shared one would cut off the other tests.
        guard let cluster = try DatabaseTests.ownCluster() else { return }
        let url = try demoDatabase(on: cluster)
        let directory = try postgresDirectory(url)
        let heard = DirectoryEventRecorder()
        directory.watchChanges { heard.record($0) }
        try cluster.waitUntilListening(url)

        try cluster.stop()
        #expect(heard.waitFor(.unreachable(true), seconds: 30) != nil, "heard: \(heard.events)")

        // The change is refused as a connection problem, not dropped silently.
        let rename = DeviceChange.rename(userId: "usr-adele", deviceId: "dev-adele-pixel", name: "Adele's Pixel 9")
        let failure = #expect(throws: DatabaseError.self) { try directory.perform(rename, now: Date()) }
        #expect(failure?.isConnectionProblem == true, "\(String(describing: failure))")
        let message = failure.map(String.init(describing:)) ?? ""
        #expect(message.contains("cannot connect to") || message.contains("did not answer"), "\(message)")

        let mark = heard.events.count
        try cluster.start()
        let back = heard.waitFor(.unreachable(false), after: mark, seconds: 30)
        #expect(back != nil, "heard: \(heard.events)")
        // Notices sent while it was away were missed: everything is read again.
        if let back { #expect(heard.waitFor(.changed(userId: DirectoryEvent.everyone), after: back + 1) != nil, "heard: \(heard.events)") }

        _ = try directory.perform(rename, now: Date())
        let devices = try #require(try directory.portalData(userId: "usr-adele")).devices
        #expect(devices.first { $0.id == "dev-adele-pixel" }?.deviceName == "Adele's Pixel 9")
        #expect(try cluster.psql(url, #"SELECT "deviceName" FROM "managedDevices" WHERE id = 'dev-adele-pixel'"#) == "Adele's Pixel 9\n")
    }
}
