import Foundation
import PortalCore
import PortalStore
import PortalTestCluster
import Testing
@testable import PortalUI

/// A portal runtime over a PostgreSQL directory, driven headless: what
/// another portal changes shows on its screen without a key pressed.
@Suite("Portal runtime on a database")
struct DatabaseRuntimeTests {
    /// Feeds the runtime what its worker and the store's watcher delivered
    /// until `text` is on the screen or `seconds` passed; whether it came.
    private func pump(_ runtime: PortalRuntime, until text: String, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !runtime.screenText.contains(text) && Date() < deadline {
            runtime.deliverFinishedWork()
            runtime.waitUntilIdle()
            usleep(20_000)
        }
        return runtime.screenText.contains(text)
    }

    @Test func aRenameByAnotherPortalShowsOnTheDevicesList() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let url = try cluster.createDatabase()
        let address = try #require(DatabaseAddress(url))
        let tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: PasswordHash.allowedIterations.lowerBound)
        try PostgresStore(address: address).create(tenant)

        let size = Size(width: 80, height: 24)
        let runtime = PortalRuntime(context: .awaitingStore(timeZone: TimeZone(identifier: "UTC")!), clock: VirtualClock(start: testNow), size: size)
        runtime.post(.input(.resize(size)))
        runtime.loadDirectory { try PostgresDirectory(store: PostgresStore(address: address)) }
        runtime.waitUntilIdle()
        #expect(runtime.watchesStore)
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("2"))
        #expect(runtime.screenText.contains("My devices (4)"), "\(runtime.screenText)")
        #expect(runtime.screenText.contains("Pixel 8"))
        // A change made before the watcher's LISTEN took effect would never be announced.
        try cluster.waitUntilListening(url)

        // Another portal on the database renames one of her devices; no key is pressed after it.
        let other = try PostgresDirectory(store: PostgresStore(address: address))
        _ = try other.perform(.rename(userId: "usr-adele", deviceId: "dev-adele-pixel", name: "Adele's Pixel 9"), now: testNow)
        #expect(pump(runtime, until: "Adele's Pixel 9"), "the screen was:\n\(runtime.screenText)")
        #expect(runtime.screenText.contains("My devices (4)"), "the Devices list was left:\n\(runtime.screenText)")
    }
}
