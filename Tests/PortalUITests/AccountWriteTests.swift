import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// The portal's writes to a real store file: what another process wrote is
/// seen, and a write that fails changes nothing and stops nothing.
@Suite("Writing accounts to the store")
struct AccountWriteTests {
    func portal(on store: JSONStore) throws -> PortalRuntime {
        let context = try PortalContext(directory: JSONDirectory(store: store), timeZone: TimeZone(identifier: "UTC")!)
        let size = Size(width: 80, height: 24)
        let runtime = PortalRuntime(context: context, clock: VirtualClock(start: testNow), size: size)
        runtime.send(.input(.resize(size)))
        return runtime
    }

    /// Where the store keeps its lock: `.portal.json.lock` beside it.
    func lockURL(of store: JSONStore) -> URL {
        store.url.deletingLastPathComponent().appendingPathComponent(".\(store.url.lastPathComponent).lock")
    }

    func demoStore() throws -> JSONStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-writes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try store.create(DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 100_000))
        return store
    }

    @Test func aWriteThatFailsLeavesTheStoreAsItWasAndThePortalRunning() throws {
        let store = try demoStore()
        let runtime = try portal(on: store)
        // The lock cannot be taken: a folder is in its place.
        try? FileManager.default.removeItem(at: lockURL(of: store))
        try FileManager.default.createDirectory(at: lockURL(of: store), withIntermediateDirectories: false)
        let before = try Data(contentsOf: store.url)
        runtime.signIn("adele.vance@contoso.com", "wrong password")
        let screen = runtime.screenText
        #expect(screen.contains("Could not take the store"), "\(screen)")
        #expect(try Data(contentsOf: store.url) == before)
        #expect(!runtime.isFinished)
        // Once the path is fixed, the portal carries on.
        try FileManager.default.removeItem(at: lockURL(of: store))
        runtime.press(.control("u"))
        runtime.type("Contoso-Adele-1")
        runtime.press(.enter)
        #expect(runtime.screenText.contains("Good morning, Adele."))
    }

    @Test func aLockoutWrittenByAnotherPortalIsSeenAtTheNextSignIn() throws {
        let store = try demoStore()
        let first = try portal(on: store)
        let second = try portal(on: store)
        for _ in 1...10 {
            first.press(.control("u"))
            first.type("zoe.angstrom@contoso.com")
            first.press(.tab)
            first.type("wrong")
            first.press(.enter)
            first.press(.backTab)
        }
        #expect(first.screenText.contains("Your account is locked"))
        // The other terminal, which saw none of it, refuses the right password.
        second.signIn("zoe.angstrom@contoso.com", "Contoso-Zoe-5")
        #expect(second.screenText.contains("Your account is locked"), "\(second.screenText)")
        #expect(second.screenText.contains("again at 09:01:00 UTC (in 1 min)"))
        #expect(try store.load().lockout(for: "zoe.angstrom@contoso.com")?.lockoutCount == 1)
    }
}

@Suite("The demo list follows account changes")
struct DemoListRefreshTests {
    @Test func aMethodRegisteredAtSignInShowsItsCodeOnTheDemoList() {
        let runtime = demoRuntime(size: Size(width: 100, height: 40))
        #expect(runtime.context.demoAccounts.first { $0.userPrincipalName == "nestor.wilke@contoso.com" }?.codeMethod == nil)
        runtime.signIn("nestor.wilke@contoso.com", "Contoso-Nestor-7")
        runtime.press(.enter, .enter)
        let code = ScriptRunner.code(of: "nestor.wilke@contoso.com", method: nil, runtime: runtime, now: runtime.clock.now())
        runtime.type(code ?? "")
        runtime.press(.enter)
        #expect(runtime.screenText.contains("Nestor."))
        // Read again off the terminal thread once the method was written.
        let shown = runtime.context.demoAccounts.first { $0.userPrincipalName == "nestor.wilke@contoso.com" }
        #expect(shown?.codeMethod != nil)
        #expect(shown?.note == nil)
    }
}
