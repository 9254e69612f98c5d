import Foundation
import Testing
@testable import PortalUI

@Suite("Screen scripts")
struct ScreenScriptTests {
    static let scripts = ScriptCatalog.scripts(in: packageRoot.appendingPathComponent("Screens"))

    @Test func everyScreenHasScripts() {
        #expect(Self.scripts.count >= 20)
    }

    /// `swift test` replays every script in Screens/ against its goldens.
    @Test(arguments: scripts)
    func replay(_ file: URL) throws {
        let outcome = try ScriptRunner().run(file: file)
        #expect(outcome.passed, "\(outcome.failures.joined(separator: "\n"))")
    }

    @Test func malformedScriptsNameFileAndLine() {
        let file = URL(fileURLWithPath: "Screens/bad.screen")
        let cases: [(String, Int, String)] = [
            ("size 80x24\npress Bogus\n", 2, "unknown key \"Bogus\""),
            ("press Enter\nsize 80x24\n", 2, "header \"size\" must come before the first command"),
            ("# ok\n\nwait soon\n", 3, "bad duration \"soon\""),
            ("jump 3\n", 1, "unknown command \"jump\""),
            ("size 80by24\n", 1, "bad size \"80by24\""),
            ("expect-row x \"a\"\n", 1, "expect-row needs a row number"),
        ]
        for (text, line, message) in cases {
            do {
                _ = try ScriptParser.parse(text, file: file)
                Issue.record("parsed: \(text)")
            } catch {
                #expect(error.line == line)
                #expect(error.description.hasPrefix("Screens/bad.screen:\(line): \(message)"))
            }
        }
    }

    @Test func parsesEveryCommand() throws {
        let text = """
        size 100x30
        store demo
        theme dark
        clock 2026-01-02T03:04:05Z
        timezone Europe/Paris
        mouse off
        press Ctrl+C F5 Shift+Tab Down*3 q
        type "quoted \\"text\\""
        wait 1h
        wait 250ms
        resize 90x25
        click 3 4
        expect hello world
        expect-absent "bye"
        expect-row 2 "Title"
        snapshot home-1
        """
        let script = try ScriptParser.parse(text, file: URL(fileURLWithPath: "x.screen"))
        #expect(script.size == Size(width: 100, height: 30))
        #expect(script.theme == "dark")
        #expect(script.mouse == false)
        #expect(script.timeZone.identifier == "Europe/Paris")
        #expect(script.steps.map(\.command) == [
            .press([.control("c"), .function(5), .backTab, .down, .down, .down, .character("q")]),
            .type("quoted \"text\""), .wait(3_600), .wait(0.25), .resize(Size(width: 90, height: 25)),
            .click(x: 3, y: 4), .expect("hello world"), .expectAbsent("bye"), .expectRow(2, "Title"), .snapshot("home-1"),
        ])
    }

    @Test func aFailingExpectationShowsTheScreenAndLine() throws {
        let script = try ScriptParser.parse("expect \"Not on screen\"\n", file: URL(fileURLWithPath: "x.screen"))
        let outcome = try ScriptRunner().run(script)
        #expect(!outcome.passed)
        #expect(outcome.failures.first?.hasPrefix("line 1: `expect \"Not on screen\"`: expected \"Not on screen\" on screen") == true)
        #expect(outcome.failures.first?.contains("Contoso  Company Portal") == true)
    }

    @Test func snapshotDiffsAreReadable() {
        let diff = Snapshot.diff(expected: "a\nb\nc", actual: "a\nB\nc")
        #expect(diff == "-  1|b\n+  1|B")
    }
}

@Suite("Terminal loop with the in-memory backend")
struct TerminalLoopTests {
    @Test func drawsThenQuitsOnCtrlC() {
        let runtime = demoRuntime()
        let backend = InMemoryBackend(size: Size(width: 80, height: 24), events: [.input(.key(.character("a"))), .input(.key(.control("c")))])
        let signal = TerminalLoop.run(runtime, on: backend)
        #expect(signal == nil)
        #expect(runtime.isFinished)
        #expect(backend.screen.text.contains("[a"))
    }

    /// The busy frame is drawn while the key derivation runs off the
    /// terminal thread, and the terminal ends up showing the latest frame.
    @Test func slowWorkShowsItsStateFirstAndTheLatestFrameLast() {
        let runtime = demoRuntime()
        let keys = Array("lee.gu@contoso.com").map { BackendEvent.input(.key(.character($0))) } + [.input(.key(.tab))]
            + Array("Contoso-Lee-4").map { BackendEvent.input(.key(.character($0))) } + [.input(.key(.enter))]
        let backend = InMemoryBackend(size: Size(width: 80, height: 24), events: keys,
                                      whenEmpty: { runtime.isBusy ? .timeout : .terminate(signal: 0) })
        TerminalLoop.run(runtime, on: backend)
        let signingIn = backend.drawn.firstIndex { $0.contains("Signing in…") }
        let home = backend.drawn.firstIndex { $0.contains("Good morning, Lee.") }
        #expect(signingIn != nil)
        #expect(home != nil)
        if let signingIn, let home { #expect(signingIn < home) }
        #expect(backend.drawn.last == runtime.render().text)
    }

    /// A failed sign-in whose frame equals the one before the work must not
    /// leave "Signing in…" on the terminal.
    @Test func aFailedSignInNeverLeavesTheBusyFrame() {
        let runtime = demoRuntime()
        var events = [BackendEvent]()
        for _ in 0..<2 {
            events += [.input(.key(.backTab))] + Array("x").map { BackendEvent.input(.key(.character($0))) }
            events += [.input(.key(.tab)), .input(.key(.tab)), .input(.key(.enter))]
        }
        let backend = InMemoryBackend(size: Size(width: 80, height: 24), events: events,
                                      whenEmpty: { runtime.isBusy ? .timeout : .terminate(signal: 0) })
        TerminalLoop.run(runtime, on: backend)
        #expect(backend.drawn.contains { $0.contains("Signing in…") })
        #expect(backend.drawn.last == runtime.render().text)
        #expect(backend.drawn.last?.contains("Signing in…") == false)
    }

    @Test func ctrlLRepaintsEveryCell() {
        let runtime = demoRuntime()
        let backend = InMemoryBackend(size: Size(width: 80, height: 24), events: [.input(.key(.control("l")))])
        TerminalLoop.run(runtime, on: backend)
        #expect(backend.invalidations == 1)
        #expect(backend.drawn.count == 2, "the same frame is sent again after a repaint request")
    }

    @Test func aSignalEndsTheLoop() {
        let runtime = demoRuntime()
        let backend = InMemoryBackend(size: Size(width: 80, height: 24), events: [.timeout, .terminate(signal: 15)])
        #expect(TerminalLoop.run(runtime, on: backend) == 15)
    }

    @Test func resizeRelaysAndRecovers() {
        let runtime = demoRuntime()
        let backend = InMemoryBackend(size: Size(width: 80, height: 24), events: [
            .input(.resize(Size(width: 40, height: 10))), .input(.resize(Size(width: 90, height: 30))), .input(.key(.control("c"))),
        ])
        TerminalLoop.run(runtime, on: backend)
        #expect(backend.screen.size == Size(width: 90, height: 30))
        #expect(backend.screen.text.contains("Sign in"))
    }

    @Test func keyNames() {
        #expect(Key(name: "Enter") == .enter)
        #expect(Key(name: "ctrl+x") == .control("x"))
        #expect(Key(name: "F12") == .function(12))
        #expect(Key(name: "PgDn") == .pageDown)
        #expect(Key(name: "?") == .character("?"))
        #expect(Key(name: "Nope") == nil)
        #expect(Key.control("c").name == "Ctrl+C")
    }
}
