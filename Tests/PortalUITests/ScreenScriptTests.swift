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

    /// After a quit a real terminal shows the shell: headless checks fail too,
    /// so a script cannot pass headless and fail in tmux.
    @Test func checksAfterAQuitFail() throws {
        let script = try ScriptParser.parse("press F10\nexpect \"Contoso\"\n", file: URL(fileURLWithPath: "x.screen"))
        let outcome = try ScriptRunner().run(script)
        #expect(!outcome.passed)
        #expect(outcome.failures == ["line 2: `expect \"Contoso\"`: the program had already quit"])
    }

    @Test func snapshotDiffsAreReadable() {
        let diff = Snapshot.diff(expected: "a\nb\nc", actual: "a\nB\nc")
        #expect(diff == "-  0|b\n+  0|B")
    }
}

/// Issue 5 and 6: the script format's comments, line ends, numbers and
/// numbering, and how `screens run` counts and updates.
@Suite("Screen script syntax and reporting")
struct ScreenScriptSyntaxTests {
    let file = URL(fileURLWithPath: "Screens/x.screen")

    private func parseError(_ text: String) -> ScriptError? {
        do {
            _ = try ScriptParser.parse(text, file: file)
            return nil
        } catch {
            return error
        }
    }

    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("portal-scripts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func trailingCommentsAreCutOutsideQuotes() throws {
        let text = """
        size 80x24   # the minimum
        press Tab Enter   # next field, then sign in
        press #
        press Tab\t# a tab before the hash
        press Tab\tEnter
        type "a # b"  # the quoted hash stays
        type x#y
        expect "#1 # 2"
          # an indented comment line
        """
        let script = try ScriptParser.parse(text, file: file)
        #expect(script.steps.map(\.command) == [
            .press([.tab, .enter]), .press([.character("#")]), .press([.tab]), .press([.tab, .enter]), .type("a # b"), .type("x#y"), .expect("#1 # 2"),
        ])
        #expect(script.steps[0].text == "press Tab Enter")
    }

    /// The README's examples, as written there, with their trailing comments.
    @Test func theReadmeExamplesParse() throws {
        let text = """
        size 80x24                    # terminal size (default 80x24)
        store demo                    # the demo organization, or a path to a store file
        theme dark                    # must load; default "default"
        clock 2026-11-22T09:00:00Z    # start of the virtual clock
        timezone UTC                  # how times are shown (default UTC)
        mouse on                      # or off
        press Tab Enter Down*3 Ctrl+C F5   # keys by name: Enter Tab Shift+Tab Esc Backspace Delete
                                           # Up Down Left Right PgUp PgDn Home End Space F1-F12 Ctrl+A-Z,
                                           # or one character; NAME*N repeats
        type adele.vance@contoso.com       # types the rest of the line ("quoted" keeps spaces)
        wait 2h                            # advances the virtual clock (ms, s, m, h, d); never sleeps
        resize 60x20
        click 16 1                         # mouse click at column, row (0-based)
        expect "Good morning, Adele."      # text somewhere on screen
        expect-absent "Sign in"
        expect-row 1 "[ 2 Devices ]"       # text on a given row (0-based)
        snapshot home                      # compare with Screens/SCRIPT.home.txt
        """
        let script = try ScriptParser.parse(text, file: file)
        #expect(script.theme == "dark")
        #expect(script.steps.map(\.command) == [
            .press([.tab, .enter, .down, .down, .down, .control("c"), .function(5)]), .type("adele.vance@contoso.com"),
            .wait(7_200), .resize(Size(width: 60, height: 20)), .click(x: 16, y: 1), .expect("Good morning, Adele."),
            .expectAbsent("Sign in"), .expectRow(1, "[ 2 Devices ]"), .snapshot("home"),
        ])
    }

    @Test func crlfAndLoneCRLinesAreLines() throws {
        let crlf = try ScriptParser.parse("size 90x30\r\npress Tab\r\n\r\nexpect \"a\"\r\n", file: file)
        #expect(crlf.size == Size(width: 90, height: 30))
        #expect(crlf.steps.map(\.command) == [.press([.tab]), .expect("a")])
        #expect(crlf.steps.map(\.line) == [2, 4])
        let cr = try ScriptParser.parse("press Tab\rpress Enter", file: file)
        #expect(cr.steps.map(\.command) == [.press([.tab]), .press([.enter])])
        #expect(parseError("press Tab\r\npress Bogus\r\n")?.line == 2)
    }

    @Test func numbersAreBoundedAndFinite() {
        let cases: [(String, Int, String)] = [
            ("wait 1e300s\n", 1, "bad duration \"1e300s\""),
            ("press Tab\nwait infinityd\n", 2, "bad duration \"infinityd\""),
            ("wait nans\n", 1, "bad duration"),
            ("wait 367d\n", 1, "bad duration"),
            ("wait 0x10s\n", 1, "bad duration"),
            ("wait -1s\n", 1, "bad duration"),
            ("click 99999999999999999999 1\n", 1, "click needs a column and a row"),
            ("click 1 2 3\n", 1, "click needs a column and a row"),
            ("press Down*501\n", 1, "bad repeat count"),
            ("press Down*99999999999999999999\n", 1, "bad repeat count"),
            ("size 99999999999999999999x24\n", 1, "bad size"),
            ("resize 0x24\n", 1, "bad size"),
            ("size 80x24x\n", 1, "bad size"),
            ("resize x80x24\n", 1, "bad size"),
            ("resize +80x24\n", 1, "bad size"),
            ("expect-row 99999999999999999999 \"a\"\n", 1, "expect-row needs a row number"),
        ]
        for (text, line, message) in cases {
            let error = parseError(text)
            #expect(error?.line == line, "\(text)")
            #expect(error?.description.hasPrefix("Screens/x.screen:\(line): \(message)") == true, "\(String(describing: error))")
        }
        #expect(ScriptParser.duration("366d") == 31_622_400.0)
        #expect(ScriptParser.duration(".5s") == 0.5)
        #expect(ScriptParser.duration("1.5e2ms") == 0.15)
    }

    @Test func clicksAndRowsMustBeOnTheScreenOfTheirLine() throws {
        #expect(parseError("click 80 0\n")?.description.hasPrefix("Screens/x.screen:1: click 80 0 is off the 80x24 screen") == true)
        #expect(parseError("click 0 24\n")?.line == 1)
        #expect(parseError("click -1 0\n")?.line == 1)
        #expect(parseError("size 100x30\n\nclick 99 29\nresize 60x20\nclick 59 19\nclick 60 5\n")?.line == 6)
        #expect(parseError("resize 60x20\nexpect-row 20 \"a\"\n")?.description.hasPrefix("Screens/x.screen:2: expect-row 20 is off the 60x20 screen") == true)
        let script = try ScriptParser.parse("size 100x30\nclick 99 29\nexpect-row 29 \"a\"\n", file: file)
        #expect(script.steps.count == 2)
    }

    @Test func headerErrorsAreReportedAtTheirLine() throws {
        let theme = try ScriptParser.parse("# a theme\nsize 80x24\ntheme no-such-theme\nexpect \"a\"\n", file: file)
        #expect(throws: ScriptError.self) { try ScriptRunner().run(theme) }
        do { _ = try ScriptRunner().run(theme) } catch { #expect(error.line == 3, "\(error)") }

        let store = try ScriptParser.parse("size 80x24\n\nstore no-such-store.json\n", file: file)
        do {
            _ = try ScriptRunner().run(store)
            Issue.record("a missing store ran")
        } catch {
            #expect(error.line == 3, "\(error)")
            #expect(error.description.hasPrefix("Screens/x.screen:3: store:"))
        }
    }

    @Test func failureDumpsNumberRowsFromZero() throws {
        let script = try ScriptParser.parse("expect-row 0 \"Not on row 0\"\n", file: file)
        let failure = try #require(try ScriptRunner().run(script).failures.first)
        let lines = failure.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("size 80x24 cursor"))
        #expect(lines[2].hasPrefix("  0|") && lines[2].contains("Contoso  Company Portal"), "\(lines[2])")
        #expect(lines[25].hasPrefix(" 23|"))
        #expect(lines.count == 26)
        #expect(Snapshot.diff(expected: "size 80x24 cursor hidden\nTitle\nb", actual: "size 80x24 cursor 1,1\nTitle!\nb")
                == "-hdr|size 80x24 cursor hidden\n+hdr|size 80x24 cursor 1,1\n-  0|Title\n+  0|Title!")
    }

    @Test func updateWritesNoGoldenWhenAnExpectationFailed() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("s.screen")
        try "snapshot first\nexpect \"Not on screen\"\nsnapshot second\n".write(to: script, atomically: true, encoding: .utf8)
        let outcome = try ScriptRunner(updateGoldens: true).run(file: script)
        #expect(!outcome.passed)
        #expect(outcome.updatedGoldens.isEmpty)
        #expect(outcome.failures.last == "not updating 2 goldens because the script failed")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("s.first.txt").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("s.second.txt").path))

        try "snapshot first\nexpect \"Sign in\"\n".write(to: script, atomically: true, encoding: .utf8)
        let passing = try ScriptRunner(updateGoldens: true).run(file: script)
        #expect(passing.passed)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("s.first.txt").path))
    }

    @Test func summaryCountsMalformedAndMissingScriptsAsNotPassed() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func script(_ name: String, _ text: String) throws -> URL {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url
        }
        let good = try script("good.screen", "expect \"Sign in\"\n")
        let failing = try script("failing.screen", "expect \"Not on screen\"\n")
        let malformed = try script("malformed.screen", "press Bogus\n")
        let missing = folder.appendingPathComponent("missing.screen")
        let notUTF8 = folder.appendingPathComponent("bytes.screen")
        try Data("press Tab\r\npress \u{FF}".utf8 + [0xFF, 0x0A]).write(to: notUTF8)

        let all = ScriptBatch(runner: ScriptRunner()).run([good, failing, malformed, missing, notUTF8])
        #expect((all.passed, all.failed, all.malformed) == (1, 1, 3))
        #expect(all.output.last == "1 passed, 1 failed, 3 malformed")
        #expect(all.exitCode == 2)
        #expect(all.errors.count == 3)
        #expect(all.errors.contains { $0.hasSuffix("malformed.screen:1: unknown key \"Bogus\"; use a character or Enter, Tab, Shift+Tab, Esc, Backspace, Delete, Up, Down, Left, Right, PgUp, PgDn, Home, End, Space, F1-F12, Ctrl+A-Z") })
        #expect(all.errors.contains { $0.hasSuffix("missing.screen:1: no such script") })
        #expect(all.errors.contains { $0.hasSuffix("bytes.screen:2: the script is not UTF-8 text") })

        let someFail = ScriptBatch(runner: ScriptRunner()).run([good, failing])
        #expect(someFail.output.last == "1 passed, 1 failed")
        #expect(someFail.exitCode == 1)
        #expect(ScriptBatch(runner: ScriptRunner()).run([good]).exitCode == 0)
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
        let keys = Array("adele.vance@contoso.com").map { BackendEvent.input(.key(.character($0))) } + [.input(.key(.tab))]
            + Array("Contoso-Adele-1").map { BackendEvent.input(.key(.character($0))) } + [.input(.key(.enter))]
        let backend = InMemoryBackend(size: Size(width: 80, height: 24), events: keys,
                                      whenEmpty: { runtime.isBusy ? .timeout : .terminate(signal: 0) })
        TerminalLoop.run(runtime, on: backend)
        let signingIn = backend.drawn.firstIndex { $0.contains("Signing in…") }
        let home = backend.drawn.firstIndex { $0.contains("Good morning, Adele.") }
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

    /// Idle, the loop ticks only on the whole minute (the finest time a
    /// screen shows), and a wake-up with nothing to do draws nothing.
    @Test func anIdleLoopSleepsUntilTheNextMinute() {
        #expect(TerminalLoop.nextTick(after: testNow.addingTimeInterval(30)) == testNow.addingTimeInterval(60))
        #expect(TerminalLoop.nextTick(after: testNow) == testNow.addingTimeInterval(60))
        let runtime = demoRuntime()
        let backend = InMemoryBackend(size: Size(width: 80, height: 24), events: [.timeout, .timeout, .timeout])
        TerminalLoop.run(runtime, on: backend)
        #expect(backend.pollTimeouts.first == TerminalLoop.longestWaitMilliseconds)
        #expect(backend.drawn.count == 1, "nothing changed, so nothing was drawn again")
        // The virtual clock stood still: no tick was due, so nothing was rendered either.
        #expect(runtime.state.now == testNow)
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
