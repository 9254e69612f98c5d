import Foundation
import PortalCore
import PortalStore
import Testing

/// The real binary in tmux at 80x24: the terminal must come back intact
/// however the portal ends.
@Suite("Real terminal", .serialized)
struct TerminalEndToEndTests {
    private func demoStore() throws -> URL {
        let url = try temporaryFolder().appendingPathComponent("portal.json")
        let tenant = DemoOrganization.make(now: Date(), random: SeededRandomSource(seed: 4), iterations: PasswordHash.allowedIterations.lowerBound)
        try JSONStore(url: url).create(tenant)
        return url
    }

    private func start(_ tmux: Tmux, store: URL, extra: String = "", environment: String = "") throws {
        // clear, so an earlier run's EXIT= line cannot be mistaken for this one's.
        try tmux.type("clear; \(environment) '\(PortalBinary.url.path)' --store '\(store.path)' \(extra); echo \"EXIT=$?\"")
        try tmux.press("Enter")
        try tmux.waitFor("Sign in with your Contoso work account.")
    }

    private func signIn(_ tmux: Tmux, _ account: String, _ password: String) throws {
        try tmux.type(account)
        try tmux.press("Tab")
        try tmux.type(password)
        try tmux.press("Enter")
        try tmux.waitFor("enrolled device")
    }

    private func expectTerminalRestored(_ tmux: Tmux, exit: String) throws {
        let screen = try tmux.waitFor("EXIT=\(exit)")
        #expect(try tmux.format("#{alternate_on}") == "0", "still on the alternate screen")
        #expect(try tmux.format("#{cursor_flag}") == "1", "cursor left hidden")
        #expect(!screen.contains("Company Portal"), "curses screen left behind:\n\(screen)")
        try tmux.type("echo shell-is-back")
        try tmux.press("Enter")
        try tmux.waitFor("shell-is-back\ne2e$")
    }

    @Test func signInOpenDevicesAndQuit() throws {
        let tmux = try Tmux()
        try start(tmux, store: try demoStore())
        #expect(try tmux.format("#{alternate_on}") == "1")
        try signIn(tmux, "adele.vance@contoso.com", "Contoso-Adele-1")
        try tmux.waitFor("You have 4 enrolled devices.")
        try tmux.press("Tab")
        let devices = try tmux.waitFor("My devices (4)")
        #expect(devices.contains("✗ Not compliant"))
        #expect(devices.contains("! In grace period"))
        try tmux.type("q")
        try expectTerminalRestored(tmux, exit: "0")
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let tmux = try Tmux()
        try start(tmux, store: try demoStore())
        try tmux.type("typed")
        try tmux.press("C-c")
        try expectTerminalRestored(tmux, exit: "0")
    }

    /// SIGTERM and SIGHUP end the portal cleanly; a crash (SIGSEGV, or the
    /// SIGILL of a Swift trap) restores the terminal before dying of it.
    @Test(arguments: [(SIGTERM, "143"), (SIGHUP, "129"), (SIGSEGV, "139"), (SIGILL, "132")])
    func signalsRestoreTheTerminal(_ signal: Int32, _ exit: String) throws {
        let tmux = try Tmux()
        try start(tmux, store: try demoStore())
        let shell = try tmux.format("#{pane_pid}")
        let children = try run(URL(fileURLWithPath: "/usr/bin/env"), ["pgrep", "-P", shell, "portal"])
        let pid = try #require(Int32(children.output.split(separator: "\n").first ?? ""))
        kill(pid, signal)
        try expectTerminalRestored(tmux, exit: exit)
    }

    @Test func tooSmallThenRecovers() throws {
        let tmux = try Tmux()
        try start(tmux, store: try demoStore())
        try tmux.tmux(["resize-window", "-t", tmux.session, "-x", "60", "-y", "20"])
        try tmux.waitFor("Terminal too small")
        try tmux.tmux(["resize-window", "-t", tmux.session, "-x", "80", "-y", "24"])
        try tmux.waitFor("Sign in with your Contoso work account.")
        try tmux.press("F10")
        try expectTerminalRestored(tmux, exit: "0")
    }

    @Test func firstRunCreatesTheDemoStore() throws {
        let home = try temporaryFolder()
        let tmux = try Tmux()
        try tmux.type("XDG_DATA_HOME='\(home.path)' PORTAL_STORE= '\(PortalBinary.url.path)'; echo \"EXIT=$?\"")
        try tmux.press("Enter")
        try tmux.waitFor("Demo organization: sign in with any of these accounts")
        let store = home.appendingPathComponent("company-portal/portal.json")
        let attributes = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let tenant = try JSONStore(url: store).load()
        #expect(tenant.users.allSatisfy { $0.password.iterations == PasswordHash.recommendedIterations })
        try tmux.press("F10")
        try expectTerminalRestored(tmux, exit: "0")
    }

    @Test func wideCharactersKeepColumnsAligned() throws {
        let tmux = try Tmux()
        try start(tmux, store: try demoStore())
        try signIn(tmux, "hanako.yamada@contoso.com", "Contoso-Hanako-6")
        try tmux.press("2")
        // The whole row, so a frame drawn while the list was still coming is never the one checked.
        let screen = try tmux.waitFor("  花子のiPhone              iOS 18.1           ! In grace period")
        let rows = screen.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.hasPrefix("  花子のiPhone              iOS 18.1           ! In grace period") })
        #expect(rows.first?.hasSuffix("山田 花子 (hanako.yamada@contoso.com)") == true)
        try tmux.type("q")
        try expectTerminalRestored(tmux, exit: "0")
    }

    /// SGR color parameters in a captured screen: 30-37, 38;..., 40-47, 48;..., 90-107.
    private func colorCodes(_ escaped: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*)m")
        let range = NSRange(escaped.startIndex..., in: escaped)
        return pattern.matches(in: escaped, range: range).flatMap { match -> [String] in
            let parameters = String(escaped[Range(match.range(at: 1), in: escaped)!]).split(separator: ";").map(String.init)
            return parameters.filter { code in
                switch code.count {
                case 2: ["3", "4", "9"].contains(code.prefix(1)) && code != "39" && code != "49"
                case 3: code.hasPrefix("10")
                default: false
                }
            }
        }
    }

    @Test func noColorDrawsWithAttributesOnly() throws {
        let tmux = try Tmux()
        try start(tmux, store: try demoStore(), environment: "NO_COLOR=1")
        let escaped = try tmux.tmux(["capture-pane", "-e", "-p", "-t", tmux.session])
        #expect(colorCodes(escaped).isEmpty, "colors drawn under NO_COLOR: \(colorCodes(escaped))")
        #expect(escaped.contains("\u{1B}[1m") || escaped.contains(";1m") || escaped.contains("[1;"), "no bold either")
        try tmux.press("F10")
        try expectTerminalRestored(tmux, exit: "0")
    }

    @Test func colorsAreDownsampledToTheTerminal() throws {
        let tmux = try Tmux()
        try start(tmux, store: try demoStore(), extra: "--theme dark", environment: "TERM=xterm")
        let eight = try tmux.tmux(["capture-pane", "-e", "-p", "-t", tmux.session])
        let codes = colorCodes(eight)
        #expect(!codes.isEmpty)
        #expect(codes.allSatisfy { ["30", "31", "32", "33", "34", "35", "36", "37", "40", "41", "42", "43", "44", "45", "46", "47"].contains($0) },
                "beyond 8 colors at TERM=xterm: \(codes)")
        try tmux.press("F10")
        try expectTerminalRestored(tmux, exit: "0")

        try start(tmux, store: try demoStore(), extra: "--theme dark", environment: "TERM=xterm-256color")
        let many = try tmux.tmux(["capture-pane", "-e", "-p", "-t", tmux.session])
        #expect(many.contains("38;5;") || many.contains("48;5;"), "no 256-color codes at TERM=xterm-256color")
        try tmux.press("F10")
        try expectTerminalRestored(tmux, exit: "0")
    }
}
