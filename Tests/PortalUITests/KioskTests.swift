import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// A kiosk over the demo organization on a virtual clock.
private final class TestKiosk {
    let clock = VirtualClock(start: testNow)
    let runtime: KioskRuntime

    static let pin = "2468"
    static let pinHash = PasswordHash.make(password: pin, iterations: 10, random: SeededRandomSource(seed: 3))
    static let tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)

    init(idleReset: TimeInterval = 120, attract: String? = nil, pinHash: PasswordHash? = TestKiosk.pinHash,
         tenant: Tenant = TestKiosk.tenant) throws {
        let script = try attract.map { AttractScript(try ScriptParser.parse($0, file: URL(fileURLWithPath: "attract.screen"))) }
        runtime = KioskRuntime(tenant: tenant, settings: KioskSettings(idleReset: idleReset, attract: script, exitPinHash: pinHash),
                               clock: clock, size: Size(width: 80, height: 24)) { tenant in
            PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!, random: SeededRandomSource(seed: 11))
        }
    }

    var screen: String { runtime.render().text }

    func press(_ keys: Key...) { for key in keys { runtime.send(.input(.key(key))) } }
    func type(_ text: String) { for character in text { runtime.send(.input(.key(.character(character)))) } }

    /// Lets time pass, ticking at each deadline on the way as the terminal loop does.
    func wait(_ seconds: TimeInterval) {
        let end = clock.now().addingTimeInterval(seconds)
        while case let due = runtime.nextTick(after: clock.now()), due <= end {
            if due > clock.now() { clock.set(due) }
            runtime.send(.tick)
        }
        clock.set(end)
        runtime.send(.tick)
    }

    func signInAsLee() {
        type("lee.gu@contoso.com")
        press(.tab)
        type("Contoso-Lee-4")
        press(.enter)
        type(ScriptRunner.code(of: "lee.gu@contoso.com", method: nil, runtime: runtime.session, now: clock.now()) ?? "")
        press(.enter)
    }
}

private let attractScript = """
# Expectations and snapshots are the script's business, not the show's.
expect "Sign in"
type xyzzy
wait 2s
snapshot ignored
press Tab
"""

@Suite struct KioskTests {
    @Test func anIdleSessionCountsDownThenResetsToTheWelcomeScreen() throws {
        let kiosk = try TestKiosk()
        kiosk.signInAsLee()
        #expect(kiosk.screen.contains("Good morning, Lee."))
        let first = kiosk.runtime.sessionsStarted
        kiosk.wait(119)
        #expect(!kiosk.screen.contains("Resetting in"))
        kiosk.wait(1)
        #expect(kiosk.screen.contains("Resetting in 10 s; press any key to stay"))
        kiosk.wait(4.5)
        #expect(kiosk.screen.contains("Resetting in 6 s; press any key to stay"))
        #expect(kiosk.screen.contains("Good morning, Lee."))
        kiosk.wait(5.5)
        #expect(!kiosk.screen.contains("Resetting in"))
        #expect(!kiosk.screen.contains("Good morning, Lee."))
        #expect(kiosk.screen.contains("Sign in with your Contoso work account."))
        #expect(kiosk.runtime.sessionsStarted == first + 1)
        #expect(kiosk.runtime.state.phase == .waiting)
    }

    @Test func aKeyDuringTheCountdownKeepsTheSessionAndDoesNothingElse() throws {
        let kiosk = try TestKiosk(idleReset: 30)
        kiosk.signInAsLee()
        kiosk.wait(33)
        #expect(kiosk.screen.contains("Resetting in 7 s"))
        kiosk.press(.character("2"))
        #expect(!kiosk.screen.contains("Resetting in"))
        // The key only stayed: Home is still shown, not Devices.
        #expect(kiosk.screen.contains("Good morning, Lee."))
        kiosk.wait(29)
        #expect(kiosk.screen.contains("Good morning, Lee."))
        kiosk.press(.character("2"))
        #expect(!kiosk.screen.contains("Good morning, Lee."))
    }

    /// Signing out ends the visit: a fresh copy, and the welcome screen plays
    /// the show again when left alone, with no countdown over it.
    @Test func signingOutReturnsToTheWelcomeScreen() throws {
        let kiosk = try TestKiosk(attract: attractScript)
        kiosk.press(.character("x"))
        kiosk.press(.backspace)
        kiosk.signInAsLee()
        let started = kiosk.runtime.sessionsStarted
        kiosk.press(.character("o"), .character("y"))
        #expect(kiosk.screen.contains("Sign in"))
        #expect(kiosk.runtime.sessionsStarted == started + 1)
        kiosk.wait(10)
        #expect(kiosk.runtime.state.isAttracting)
        #expect(!kiosk.screen.contains("Resetting in"))
    }

    @Test func theAttractLoopStartsAtAnIdleWelcomeScreenAndLoops() throws {
        let kiosk = try TestKiosk(attract: attractScript)
        kiosk.wait(9)
        #expect(!kiosk.runtime.state.isAttracting)
        kiosk.wait(1)
        #expect(kiosk.runtime.state.isAttracting)
        #expect(kiosk.screen.contains("Demo · press any key to start"))
        // 80 ms a key: after 0.25 s three letters are typed.
        kiosk.wait(0.25)
        #expect(kiosk.screen.contains("xyz"))
        #expect(!kiosk.screen.contains("xyzz"))
        kiosk.wait(0.2)
        #expect(kiosk.screen.contains("xyzzy"))
        let sessions = kiosk.runtime.sessionsStarted
        // The script's 2 s wait, Tab, then the loop starts over on a fresh session.
        kiosk.wait(2.2)
        guard case let .attract(position) = kiosk.runtime.state.phase else { Issue.record("the show stopped"); return }
        #expect(position.loops == 1)
        #expect(kiosk.runtime.sessionsStarted == sessions + 1)
        #expect(!kiosk.screen.contains("xyzzy"))
        kiosk.wait(0.5)
        #expect(kiosk.screen.contains("xyzzy"))
    }

    @Test func oneLateTickPlaysEverythingThatWasDueInOrder() throws {
        let show = try String(contentsOf: packageRoot.appendingPathComponent("Screens/kiosk-attract.screen"), encoding: .utf8)
        let kiosk = try TestKiosk(attract: show)
        // One jump of the clock, one tick: the show starts, types, and signs in, the sign-in finishing before the code.
        kiosk.clock.advance(by: 17)
        kiosk.runtime.send(.tick)
        #expect(kiosk.screen.contains("Good morning, Lee."))
        #expect(kiosk.screen.contains("Demo · press any key to start"))
    }

    @Test func anyKeyStopsTheAttractLoopAndGivesAFreshSession() throws {
        let kiosk = try TestKiosk(attract: attractScript)
        kiosk.wait(10.3)
        #expect(kiosk.screen.contains("xyz"))
        kiosk.press(.character("q"))
        #expect(!kiosk.runtime.state.isAttracting)
        #expect(kiosk.runtime.state.phase == .visitor)
        #expect(!kiosk.screen.contains("Demo · press any key"))
        // The key that stopped the show typed nothing; the form is empty again.
        #expect(!kiosk.screen.contains("xyz"))
        #expect(!kiosk.screen.contains("q"))
        kiosk.wait(60)
        #expect(!kiosk.runtime.state.isAttracting)
        // Left alone, it resets and the show plays again.
        kiosk.wait(60 + 10 + 10)
        #expect(kiosk.runtime.state.isAttracting)
    }

    @Test func quitAndSuspendKeysDoNothing() throws {
        let kiosk = try TestKiosk()
        // On the sign-in form q is a letter.
        kiosk.type("q")
        #expect(kiosk.screen.contains("q"))
        kiosk.press(.control("u"), .function(10), .control("c"), .control("z"))
        #expect(!kiosk.runtime.isFinished)
        #expect(!kiosk.screen.contains("Quit?"))
        kiosk.press(.backspace)
        kiosk.signInAsLee()
        _ = kiosk.runtime.takeTerminalRequests()
        kiosk.press(.character("q"), .function(10), .control("c"), .control("z"))
        #expect(!kiosk.runtime.isFinished)
        #expect(kiosk.runtime.takeTerminalRequests().isEmpty)
        #expect(kiosk.screen.contains("Good morning, Lee."))
        // The kiosk's hint bar offers no Quit; a click where the portal's was does nothing.
        #expect(!kiosk.runtime.render().row(23).contains("Quit"))
        let portalHints = kiosk.runtime.session.render().row(23)
        let quit = try #require(portalHints.range(of: "q Quit"))
        let column = portalHints.distance(from: portalHints.startIndex, to: quit.lowerBound)
        kiosk.runtime.send(.input(.mouse(MouseEvent(kind: .click, x: column, y: 23))))
        #expect(!kiosk.runtime.isFinished)
        #expect(kiosk.screen.contains("Good morning, Lee."))
        // Its other hints still press their keys.
        let hints = kiosk.runtime.render().row(23)
        let help = try #require(hints.range(of: "? Help"))
        kiosk.runtime.send(.input(.mouse(MouseEvent(kind: .click, x: hints.distance(from: hints.startIndex, to: help.lowerBound), y: 23))))
        #expect(kiosk.screen.contains("Keys"))
    }

    @Test func visitorsSaveNoDiagnosticReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let kiosk = try TestKiosk()
        kiosk.signInAsLee()
        kiosk.press(.character("5"))
        // Neither offered nor taken: no hint, and d opens no folder prompt.
        #expect(!kiosk.screen.contains("Save report"))
        kiosk.press(.character("d"), .control("u"))
        kiosk.type(folder.path)
        kiosk.press(.enter)
        #expect(!kiosk.screen.contains("Save diagnostic report"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func theRightPinExits() throws {
        let kiosk = try TestKiosk()
        kiosk.press(.function(12))
        #expect(kiosk.screen.contains("Leave kiosk mode"))
        kiosk.type("1111")
        #expect(kiosk.screen.contains("PIN: ****"))
        kiosk.press(.enter)
        #expect(kiosk.screen.contains("That PIN is not right."))
        #expect(!kiosk.runtime.isFinished)
        kiosk.press(.escape)
        #expect(!kiosk.screen.contains("Leave kiosk mode"))
        kiosk.press(.function(12))
        kiosk.type(TestKiosk.pin)
        kiosk.press(.enter)
        #expect(kiosk.runtime.isFinished)
    }

    @Test func wrongPinsWaitLongerEachTime() throws {
        let kiosk = try TestKiosk()
        kiosk.press(.function(12))
        for _ in 0..<3 {
            kiosk.type("0000")
            kiosk.press(.enter)
        }
        #expect(kiosk.screen.contains("Too many wrong PINs. Try again in 30 s."))
        kiosk.wait(10)
        #expect(kiosk.screen.contains("Try again in 20 s."))
        // While it waits, even the right PIN is not taken.
        kiosk.type(TestKiosk.pin)
        kiosk.press(.enter)
        #expect(!kiosk.runtime.isFinished)
        #expect(kiosk.screen.contains("PIN: \n") || !kiosk.screen.contains("PIN: *"))
        kiosk.wait(20)
        #expect(!kiosk.screen.contains("Try again"))
        kiosk.type("0000")
        kiosk.press(.enter)
        #expect(kiosk.screen.contains("Try again in 60 s."))
        // A reset does not forgive them.
        kiosk.wait(130)
        #expect(!kiosk.screen.contains("Leave kiosk mode"))
        #expect(kiosk.runtime.state.limiter.failures == 4)
        kiosk.press(.function(12))
        kiosk.type("0000")
        kiosk.press(.enter)
        #expect(kiosk.screen.contains("Try again in 120 s."))
        kiosk.wait(120)
        kiosk.type(TestKiosk.pin)
        kiosk.press(.enter)
        #expect(kiosk.runtime.isFinished)
    }

    @Test func withoutAPinThePromptSaysSo() throws {
        let kiosk = try TestKiosk(pinHash: nil)
        kiosk.press(.function(12))
        #expect(kiosk.screen.contains("No exit PIN is set for this kiosk."))
        kiosk.type("1234")
        kiosk.press(.enter)
        #expect(!kiosk.runtime.isFinished)
    }

    @Test func theStoreFileIsByteIdenticalAfterAKioskSession() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        // A store the validator takes: passwords at its lowest rounds.
        try store.create(DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: PasswordHash.allowedIterations.lowerBound))
        let before = try Data(contentsOf: store.url)
        let kiosk = try TestKiosk(tenant: try store.load())
        // A wrong password is counted, and marking notifications read is written: to the copy.
        kiosk.type("lee.gu@contoso.com")
        kiosk.press(.tab)
        kiosk.type("wrong")
        kiosk.press(.enter)
        kiosk.press(.control("u"))
        kiosk.type("Contoso-Lee-4")
        kiosk.press(.enter)
        kiosk.type(ScriptRunner.code(of: "lee.gu@contoso.com", method: nil, runtime: kiosk.runtime.session, now: kiosk.clock.now()) ?? "")
        kiosk.press(.enter)
        kiosk.press(.character("6"), .character("a"))
        let changed = try #require(kiosk.runtime.session.context.directory as? InMemoryDirectory).tenant
        #expect(changed != (try store.load()))
        kiosk.wait(130)
        #expect(try Data(contentsOf: store.url) == before)
        // The next visitor's copy starts from the store as it was.
        let fresh = try #require(kiosk.runtime.session.context.directory as? InMemoryDirectory).tenant
        #expect(fresh == (try store.load()))
    }

    @Test func sessionsDoNotAccumulateOverManyVisits() throws {
        let attract = AttractScript(try ScriptParser.parse(KioskSoak.visitorScript, file: URL(fileURLWithPath: "attract.screen")))
        let soak = KioskSoak(tenant: TestKiosk.tenant, attract: attract, start: testNow)
        weak var oldest: PortalRuntime?
        var retained: [() -> PortalRuntime?] = []
        for visit in 0..<40 {
            soak.visit()
            weak let current = soak.runtime.session
            if visit == 0 { oldest = current }
            retained.append { current }
        }
        #expect(soak.runtime.sessionsStarted == 1 + 40 * 3)
        #expect(oldest == nil)
        // Only the session on screen is alive; every earlier one has gone with its copy of the store.
        #expect(retained.dropLast().allSatisfy { $0() == nil })
        #expect(soak.runtime.state.phase == .waiting)
        #expect(soak.runtime.state.pin == nil)
        #expect(soak.runtime.takeTerminalRequests().count <= 2)
    }

    @Test func theAttractScriptKeepsInputStepsAtThePace() throws {
        let script = AttractScript(try ScriptParser.parse(attractScript, file: URL(fileURLWithPath: "attract.screen")), pace: 0.1)
        #expect(script.items.count == 6)
        #expect(script.items.map(\.delay) == [0.1, 0.1, 0.1, 0.1, 0.1, 2.1])
        #expect(script.items.last?.input == .key(.tab))
        #expect(!script.isEmpty)
        #expect(AttractScript(try ScriptParser.parse("wait 3s\nexpect \"x\"", file: URL(fileURLWithPath: "a.screen"))).isEmpty)
    }

    @Test func aSignalEndsTheKioskLoop() throws {
        let kiosk = try TestKiosk()
        let backend = InMemoryBackend(size: Size(width: 80, height: 24), events: [.input(.key(.character("q"))), .terminate(signal: 1)])
        #expect(TerminalLoop.run(kiosk.runtime, on: backend) == 1)
    }

    @Test func theStoreChecksTheExitPinHash() {
        var tenant = TestKiosk.tenant
        tenant.organization.kioskExitPinHash = PasswordHash(iterations: 5, salt: "not base64!", hash: Data(count: 32).base64EncodedString())
        func problems() -> String {
            StoreValidator().problems(in: tenant).map(\.description).filter { $0.contains("kiosk") }.joined(separator: "\n")
        }
        #expect(problems().contains("$.organization.kioskExitPinHash.iterations"))
        #expect(problems().contains("$.organization.kioskExitPinHash.salt"))
        tenant.organization.kioskExitPinHash = PasswordHash.make(password: "2468", iterations: 100_000, random: SeededRandomSource(seed: 1))
        #expect(problems().isEmpty)
    }

    @Test func theKioskHeaderSaysWhatIsWrongAtItsLine() throws {
        let file = URL(fileURLWithPath: "k.screen")
        #expect(throws: ScriptError(file: "k.screen", line: 2, message: "kiosk idle-reset takes 1 to 86400 seconds, e.g. idle-reset=60")) {
            try ScriptParser.parse("size 80x24\nkiosk idle-reset=0\n", file: file)
        }
        #expect(throws: ScriptError.self) { try ScriptParser.parse("kiosk color=blue\n", file: file) }
        let script = try ScriptParser.parse("kiosk idle-reset=30 pin=2468 attract=a.screen pace=100\npress x\n", file: file)
        #expect(script.kiosk?.idleReset == 30)
        #expect(script.kiosk?.pin == "2468")
        #expect(script.kiosk?.attract == "a.screen")
        #expect(script.kiosk?.pace == 0.1)
        #expect(try ScriptParser.parse("press x\n", file: file).kiosk == nil)
    }
}
