import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// Installs through a real store file, on a clock that ticks every half
/// second from a moment with a fraction, as the terminal's does: every
/// checkpoint the agent writes keeps the store valid, and the install ends.
@Suite("Installing through the store")
struct AppInstallWriteTests {
    func portal(on store: JSONStore, clock: VirtualClock) throws -> PortalRuntime {
        let context = try PortalContext(directory: JSONDirectory(store: store), timeZone: TimeZone(identifier: "UTC")!)
        let size = Size(width: 80, height: 24)
        let runtime = PortalRuntime(context: context, clock: clock, size: size)
        runtime.send(.input(.resize(size)))
        return runtime
    }

    func demoStore() throws -> JSONStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-installs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try store.create(DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: PasswordHash.allowedIterations.lowerBound))
        return store
    }

    func portalState(_ runtime: PortalRuntime) -> PortalState? {
        if case let .portal(portal) = runtime.state.screen { portal } else { nil }
    }

    @Test func checkpointsKeepTheStoreValidUntilTheInstallEnds() throws {
        let store = try demoStore()
        let clock = VirtualClock(start: testNow.addingTimeInterval(0.37))
        let runtime = try portal(on: store, clock: clock)
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("3"), .character("d"), .character("d"), .character("d"), .character("/"))
        runtime.type("zoom")
        runtime.press(.enter, .enter, .character("i"))
        #expect(portalState(runtime)?.installs.underWay.count == 1)
        var checkpoints: Set<Int> = []
        for _ in 0..<80 {
            clock.advance(by: 0.5)
            runtime.send(.tick)
            let stored = try store.load()
            let record = try #require(stored.appInstallStates.first { $0.appId == "app-zoom-workplace" && $0.deviceId == "dev-adele-mac" })
            if let progress = record.installRequest?.progressInSeconds { checkpoints.insert(progress) }
            if record.installState == .installed { break }
        }
        let stored = try store.load()
        #expect(stored.appInstallStates.first { $0.appId == "app-zoom-workplace" && $0.deviceId == "dev-adele-mac" }?.installState == .installed)
        #expect(checkpoints.count >= 3, "progress was written on the way: \(checkpoints.sorted())")
        #expect(portalState(runtime)?.installs.underWay.isEmpty == true)
        #expect(runtime.screenText.contains("✓ Installed"))
        #expect(portalState(runtime)?.appInstalls.notice?.isError == false)
    }

    /// A request recorded by `portal app install` (or another portal) while
    /// this portal is open is learned within the minute, runs, and keeps its
    /// place in the device's queue ahead of a later one asked here.
    @Test func aRequestMadeElsewhereReachesAnOpenPortal() throws {
        let store = try demoStore()
        let clock = VirtualClock(start: testNow)
        let runtime = try portal(on: store, clock: clock)
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("3"))
        // As the command does: one locked change of the file, from outside this portal.
        _ = try store.update { tenant in
            _ = try tenant.apply(.request(userId: "usr-adele", appId: "app-vlc-media-player", deviceId: "dev-adele-pixel", action: .install),
                                 now: clock.now())
        }
        clock.advance(by: 30)
        runtime.send(.tick)
        #expect(portalState(runtime)?.installs.underWay.isEmpty == true, "read before the minute")
        clock.advance(by: 31)
        runtime.send(.tick)
        #expect(portalState(runtime)?.installs.underWay.map(\.appId) == ["app-vlc-media-player"])
        #expect(runtime.screenText.contains("3 Apps (1 ↓)"))
        // Asked here later, on the same device: it waits behind the one asked first.
        runtime.press(.character("d"), .character("d"), .character("d"), .character("d"), .character("/"))
        runtime.type("1password")
        runtime.press(.enter, .enter, .character("i"))
        #expect(runtime.screenText.contains("Queued · the install waits for VLC media player to finish"), "\(runtime.screenText)")
    }

    /// Quitting writes the progress to the second: the next sign-in continues
    /// from there, not from the last 5-second checkpoint.
    @Test func quittingKeepsTheProgressToTheSecond() throws {
        let store = try demoStore()
        let clock = VirtualClock(start: testNow)
        let runtime = try portal(on: store, clock: clock)
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("3"), .character("d"), .character("d"), .character("d"), .character("/"))
        runtime.type("zoom")
        runtime.press(.enter, .enter, .character("i"))
        for _ in 0..<7 {
            clock.advance(by: 0.5)
            runtime.send(.tick)
        }
        let request = { try #require(try store.load().appInstallStates.first { $0.appId == "app-zoom-workplace" && $0.deviceId == "dev-adele-mac" }?.installRequest) }
        #expect(try request().progressInSeconds == 0, "no checkpoint before 5 s of work")
        runtime.press(.character("q"))
        #expect(runtime.isFinished)
        #expect(try request().progressInSeconds == 3)
    }
}
