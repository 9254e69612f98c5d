import Foundation
import PortalCore
import PortalStore
import Testing

/// What only a real terminal shows about input: the bytes a terminal sends
/// for a click, slow work that must not hold keys or signals, job control.
@Suite("Real terminal: input, slow work and signals", .serialized)
struct InputEndToEndTests {
    /// A store as `portal store init --demo` writes it, with real iteration counts.
    private func demoStore(slowUser: Bool = false) throws -> URL {
        let url = try temporaryFolder().appendingPathComponent("portal.json")
        let created = try portal("store", "init", "--demo", url.path)
        #expect(created.status == 0, "\(created.error)")
        if slowUser {
            // The most costly key derivation a store may ask for, so sign-in is
            // slow enough to send a signal while it runs.
            var document = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
            var users = document["users"] as! [[String: Any]]
            var password = users[0]["password"] as! [String: Any]
            password["iterations"] = 10_000_000
            users[0]["password"] = password
            document["users"] = users
            try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys]).write(to: url)
        }
        return url
    }

    private func start(_ tmux: Tmux, store: URL) throws {
        try tmux.type("clear; '\(PortalBinary.url.path)' --store '\(store.path)'; echo \"EXIT=$?\"")
        try tmux.press("Enter")
        try tmux.waitFor("Sign in with your Contoso work account.")
    }

    /// Fills the form; `submit` presses Enter.
    private func fill(_ tmux: Tmux, _ account: String, _ password: String, submit: Bool = true) throws {
        try tmux.type(account)
        try tmux.press("Tab")
        try tmux.type(password)
        if submit { try tmux.press("Enter") }
    }

    private func portalPid(_ tmux: Tmux) throws -> Int32 {
        let shell = try tmux.format("#{pane_pid}")
        let children = try run(URL(fileURLWithPath: "/usr/bin/env"), ["pgrep", "-P", shell, "portal"])
        return try #require(Int32(children.output.split(separator: "\n").first ?? ""))
    }

    private func expectRestored(_ tmux: Tmux, exit: String) throws {
        try tmux.waitFor("EXIT=\(exit)")
        #expect(try tmux.format("#{alternate_on}") == "0", "still on the alternate screen")
        #expect(try tmux.format("#{cursor_flag}") == "1", "cursor left hidden")
    }

    /// SGR mouse report, as xterm and tmux send it (1-based column and row).
    private func mouse(_ tmux: Tmux, _ x: Int, _ y: Int, release: Bool) throws {
        try tmux.type("\u{1B}[<0;\(x + 1);\(y + 1)\(release ? "m" : "M")")
    }

    private func click(_ tmux: Tmux, _ x: Int, _ y: Int) throws {
        try mouse(tmux, x, y, release: false)
        try mouse(tmux, x, y, release: true)
    }

    @Test func aClickIsAPressAndARelease() throws {
        let tmux = try Tmux()
        try start(tmux, store: try demoStore())
        try fill(tmux, "adele.vance@contoso.com", "wrong", submit: false)
        // The press alone does nothing; the release completes one click.
        try mouse(tmux, 30, 10, release: false)
        usleep(300_000)
        #expect(try !tmux.screen().contains("Signing in"))
        #expect(try !tmux.screen().contains("incorrect"))
        try mouse(tmux, 30, 10, release: true)
        let screen = try tmux.waitFor("incorrect")
        // A second submission would have found the password cleared.
        #expect(!screen.contains("Enter your password."))

        try tmux.press("C-u")
        try tmux.type("Contoso-Adele-1")
        try tmux.press("Enter")
        try tmux.waitFor("enrolled device")
        try click(tmux, 16, 1)
        try tmux.waitFor("My devices (4)")
        // The first click selects the third row, the second opens it.
        try click(tmux, 10, 6)
        let selected = try tmux.waitFor("› Adele's iPhone")
        let row = selected.split(separator: "\n", omittingEmptySubsequences: false)[6]
        #expect(row.hasPrefix("›"), "the clicked row is not the selected one:\n\(selected)")
        #expect(!selected.contains("Esc Back"), "one click opened the row")
        try click(tmux, 10, 6)
        try tmux.waitFor("Esc Back")
        try tmux.type("q")
        try expectRestored(tmux, exit: "0")
    }

    /// A press, its release and typed keys in one burst (a fast hand, a
    /// script): the click lands before the keys typed after it.
    @Test func aClickInABurstOfKeysKeepsItsPlace() throws {
        let tmux = try Tmux()
        try start(tmux, store: try demoStore())
        try tmux.type("zoe")
        try tmux.type("\u{1B}[<0;31;9M\u{1B}[<0;31;9mPW")
        let screen = try tmux.waitFor("[••")
        #expect(screen.contains("[zoe "), "keys typed after the click went to the first field:\n\(screen)")
        try tmux.press("C-c")
        try expectRestored(tmux, exit: "0")
    }

    /// The portal asks for bracketed paste, so a pasted line break does not
    /// submit the form and the second line does not land in the password.
    @Test func aPasteIsTextNotKeys() throws {
        let tmux = try Tmux()
        try start(tmux, store: try demoStore())
        let buffer = try temporaryFolder().appendingPathComponent("paste.txt")
        try Data("line one\nline two".utf8).write(to: buffer)
        try tmux.tmux(["load-buffer", buffer.path])
        try tmux.tmux(["paste-buffer", "-p", "-t", tmux.session])
        let screen = try tmux.waitFor("[line oneline two")
        #expect(screen.contains("› Work account"), "the line break moved the focus:\n\(screen)")
        try tmux.press("C-c")
        try expectRestored(tmux, exit: "0")
    }

    /// While the password is derived, signals and keys are still heard, and
    /// the busy frame never outlives the work.
    @Test func slowSignInHoldsNeitherSignalsNorTheFrame() throws {
        let tmux = try Tmux()
        let store = try demoStore(slowUser: true)
        try start(tmux, store: store)
        try fill(tmux, "adele.vance@contoso.com", "Contoso-Adele-1")
        try tmux.waitFor("Signing in…")
        let asked = Date()
        kill(try portalPid(tmux), SIGTERM)
        try expectRestored(tmux, exit: "143")
        #expect(Date().timeIntervalSince(asked) < 20, "SIGTERM waited for the key derivation")

        try start(tmux, store: store)
        try fill(tmux, "adele.vance@contoso.com", "wrong")
        try tmux.waitFor("Signing in…")
        try tmux.press("C-c")
        try expectRestored(tmux, exit: "0")

        // A failed attempt at an ordinary cost ends on the failure, not the busy frame.
        try start(tmux, store: store)
        try fill(tmux, "megan.bowen@contoso.com", "wrong")
        try tmux.waitFor("incorrect")
        usleep(200_000)
        #expect(try !tmux.screen().contains("Signing in…"))
        try tmux.press("F10")
        try tmux.waitFor("Quit portal?")
        try tmux.type("y")
        try expectRestored(tmux, exit: "0")
    }

    /// Signals whose default is to end the process restore the terminal
    /// first: the shell sees the usual status (core-dumping ones included).
    @Test(arguments: [(SIGQUIT, "131"), (SIGUSR1, "138"), (SIGALRM, "142"), (SIGPIPE, "141"), (SIGUSR2, "140")])
    func everyEndingSignalRestoresTheTerminal(_ signal: Int32, _ exit: String) throws {
        let tmux = try Tmux()
        try start(tmux, store: try demoStore())
        kill(try portalPid(tmux), signal)
        try expectRestored(tmux, exit: exit)
    }

    @Test func ctrlZSuspendsAndFgRedraws() throws {
        let tmux = try Tmux()
        try start(tmux, store: try demoStore())
        try tmux.type("kept")
        try tmux.press("C-z")
        try tmux.waitFor("e2e$")
        #expect(try tmux.format("#{alternate_on}") == "0")
        try tmux.type("fg")
        try tmux.press("Enter")
        let screen = try tmux.waitFor("[kept")
        #expect(screen.contains("Sign in with your Contoso work account."))
        try tmux.press("C-l")
        try tmux.waitFor("[kept")
        // The shell already printed the stopped job's status, so look for the
        // terminal coming back rather than an exit line.
        try tmux.press("C-c")
        let deadline = Date().addingTimeInterval(20)
        while try tmux.format("#{alternate_on}") != "0", Date() < deadline { usleep(50_000) }
        #expect(try tmux.format("#{alternate_on}") == "0", "still on the alternate screen")
        #expect(try tmux.format("#{cursor_flag}") == "1", "cursor left hidden")
    }

    @Test func aResizeRightAfterEscIsKept() throws {
        let tmux = try Tmux()
        try start(tmux, store: try demoStore())
        try tmux.tmux(["send-keys", "-t", tmux.session, "Escape", ";", "resize-window", "-t", tmux.session, "-x", "60", "-y", "20"])
        try tmux.waitFor("Terminal too small")
        try tmux.tmux(["resize-window", "-t", tmux.session, "-x", "80", "-y", "24"])
        try tmux.waitFor("Sign in with your Contoso work account.")
        try tmux.press("C-c")
        try expectRestored(tmux, exit: "0")
    }
}
