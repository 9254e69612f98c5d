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
        let tenant = DemoOrganization.make(now: Date(), random: SeededRandomSource(seed: 4), iterations: 1_000)
        try JSONStore(url: url).create(tenant)
        return url
    }

    private func start(_ tmux: Tmux, store: URL, extra: String = "") throws {
        try tmux.type("echo $$ > /dev/null; exec_portal() { '\(PortalBinary.url.path)' --store '\(store.path)' \(extra); echo \"EXIT=$?\"; }; exec_portal")
        try tmux.press("Enter")
        try tmux.waitFor("Sign in with your Contoso work account.")
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
        try tmux.type("adele.vance@contoso.com")
        try tmux.press("Tab")
        try tmux.type("Contoso-Adele-1")
        try tmux.press("Enter")
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

    @Test func sigtermRestoresTheTerminal() throws {
        let tmux = try Tmux()
        let store = try demoStore()
        try start(tmux, store: store)
        let shell = try tmux.format("#{pane_pid}")
        let children = try run(URL(fileURLWithPath: "/usr/bin/env"), ["pgrep", "-P", shell, "portal"])
        let pid = try #require(Int32(children.output.split(separator: "\n").first ?? ""))
        kill(pid, SIGTERM)
        try expectTerminalRestored(tmux, exit: "143")
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
}
