import Foundation
import PortalCore
import PortalStore
import Testing

/// How the real binary looks in tmux at 80x24 under NO_COLOR, a non-UTF-8
/// locale, an 8-color TERM and a terminal that cannot address the cursor.
@Suite("Terminal look", .serialized)
struct TerminalLookEndToEndTests {
    private func demoStore() throws -> URL {
        let url = try temporaryFolder().appendingPathComponent("portal.json")
        let tenant = DemoOrganization.make(now: Date(), random: SeededRandomSource(seed: 4), iterations: PasswordHash.allowedIterations.lowerBound)
        try JSONStore(url: url).create(tenant)
        return url
    }

    /// Starts the portal with `environment` (e.g. "TERM=xterm") and waits for `ready`.
    private func start(_ tmux: Tmux, environment: String, ready: String = "Sign in with your Contoso work account.") throws {
        try tmux.type("clear; \(environment) '\(PortalBinary.url.path)' --store '\(try demoStore().path)'; echo \"EXIT=$?\"")
        try tmux.press("Enter")
        try tmux.waitFor(ready)
    }

    private func signInAsAdeleAndOpenDevices(_ tmux: Tmux) throws {
        try tmux.type("adele.vance@contoso.com")
        try tmux.press("Tab")
        try tmux.type("Contoso-Adele-1")
        try tmux.press("Enter")
        try tmux.waitFor("enrolled device")
        try tmux.press("2")
        try tmux.waitFor("My devices (4)")
    }

    private func quit(_ tmux: Tmux) throws {
        try tmux.press("F10")
        try tmux.waitFor("EXIT=0")
    }

    @Test func noColorShowsSelectionAndFocusByAttribute() throws {
        let tmux = try Tmux()
        try start(tmux, environment: "NO_COLOR=1")
        try tmux.type("focus-probe")
        try tmux.waitFor("focus-probe")
        let form = try tmux.styledScreen()
        let focused = try #require(form.styles(of: "focus-probe")?.first)
        #expect(focused.reverse, "the focused field is not reversed: \(focused)")
        // The unfocused password field is the blank run after "Password".
        let passwordRow = try #require(form.rows.firstIndex { String($0.map(\.character)).contains("Password") })
        let passwordField = try #require(form.rows[passwordRow].first { $0.character == "[" }.flatMap { _ in
            form.rows[passwordRow].drop { $0.character != "[" }.dropFirst().first })
        #expect(!passwordField.style.reverse && passwordField.style.underline, "unfocused field: \(passwordField.style)")

        try tmux.press("C-u")
        try signInAsAdeleAndOpenDevices(tmux)
        let devices = try tmux.styledScreen()
        let selected = try #require(devices.style(of: "ADELE-SURFACE"))
        let other = try #require(devices.style(of: "Pixel 8"))
        #expect(selected.reverse, "the selected row has no reverse: \(selected)")
        #expect(selected.look != other.look)
        #expect(devices.rows.joined().allSatisfy { $0.style.foreground == "default" && $0.style.background == "default" },
                "a color was drawn under NO_COLOR")
        try quit(tmux)
    }

    @Test func emptyNoColorKeepsColors() throws {
        let tmux = try Tmux()
        try start(tmux, environment: "NO_COLOR=")
        let screen = try tmux.styledScreen()
        #expect(screen.rows.joined().contains { $0.style.background != "default" || $0.style.foreground != "default" },
                "NO_COLOR= with an empty value turned colors off")
        try quit(tmux)
    }

    @Test func nonUTF8LocaleDrawsASCIIAndLineDrawing() throws {
        let tmux = try Tmux()
        try start(tmux, environment: "LANG=C LC_ALL=C")
        let form = try tmux.styledScreen()
        #expect(form.text.contains("LC_ALL=C.UTF-8"), "no word about the locale:\n\(form.text)")
        #expect(form.text.contains("Zoe Angstrom"), "accented name unreadable:\n\(form.text)")
        #expect(form.text.contains("???? ????"), "a CJK name lost its width:\n\(form.text)")
        // The sign-in box: corners and edges from the line-drawing set.
        let boxTop = try #require(form.rows.first { row in row.contains { $0.style.lineDrawing } }, "no line drawing:\n\(form.text)")
        #expect(boxTop.filter(\.style.lineDrawing).count > 20)

        try signInAsAdeleAndOpenDevices(tmux)
        let devices = try tmux.styledScreen()
        for text in ["> ADELE-SURFACE", "x Not compliant", "+ Compliant", "! In grace period", "? Unknown", "Windows 11 23H2", "My devices (4) . sorted by name"] {
            #expect(devices.text.contains(text), "\"\(text)\" missing:\n\(devices.text)")
        }
        let separator = try #require(devices.rows.first { row in row.count == 80 && row.allSatisfy(\.style.lineDrawing) })
        #expect(separator.allSatisfy { $0.character == "q" || $0.character == "─" })
        #expect(devices.text.allSatisfy { $0.isASCII || $0 == "─" || $0 == "│" }, "non-ASCII drawn:\n\(devices.text)")
        try quit(tmux)
    }

    /// A UTF-8 terminal under LANG=C sends "é" as two bytes the locale cannot
    /// read: they type nothing, and the keys after them still arrive.
    @Test func nonUTF8LocaleKeepsTheKeysAfterABytePastASCII() throws {
        let tmux = try Tmux()
        try start(tmux, environment: "LANG=C LC_ALL=C")
        try tmux.type("ad")
        try tmux.type("é")
        try tmux.type("ele.vance@contoso.com")
        try tmux.waitFor("[adele.vance@contoso.com")
        try tmux.press("Tab")
        try tmux.type("Contoso-Adele-1")
        try tmux.press("Enter")
        try tmux.waitFor("enrolled device")
        try quit(tmux)
    }

    @Test func eightColorTerminalKeepsRolesApart() throws {
        let tmux = try Tmux()
        try start(tmux, environment: "TERM=xterm")
        let form = try tmux.styledScreen()
        let header = try #require(form.style(of: "Contoso  Company Portal"))
        #expect(header.background == "44", "the brand is not blue at 8 colors: \(header)")
        let focusedField = try #require(form.rows.first { String($0.map(\.character)).contains("Work account") }?.drop { $0.character != "[" }.dropFirst().first)
        let passwordField = try #require(form.rows.first { String($0.map(\.character)).contains("Password") }?.drop { $0.character != "[" }.dropFirst().first)
        #expect(focusedField.style.look != passwordField.style.look)

        try signInAsAdeleAndOpenDevices(tmux)
        let devices = try tmux.styledScreen()
        let codes = devices.rows.joined().flatMap { [$0.style.foreground, $0.style.background] }.filter { $0 != "default" }
        #expect(codes.allSatisfy { (30...47).contains(Int($0) ?? 0) }, "beyond 8 colors: \(Set(codes))")
        let border = try #require(devices.rows[2].first)
        #expect(border.style.foreground != "36", "grey drawn as cyan: \(border.style)")
        let selected = try #require(devices.style(of: "ADELE-SURFACE"))
        let headerNow = try #require(devices.style(of: "Contoso  Company Portal"))
        let plain = try #require(devices.style(of: "Pixel 8"))
        #expect(selected.look != plain.look && selected.look != headerNow.look, "selection \(selected), row \(plain), header \(headerNow)")
        #expect(selected.background != headerNow.background, "the selection has the brand's color")

        try tmux.press("End")
        try tmux.waitFor("› Pixel 8")
        let moved = try tmux.styledScreen()
        let statuses = try ["Not compliant", "✓ Compliant", "In grace period"].map { try #require(moved.style(of: $0), "\($0) in mixed styles") }
        #expect(Set(statuses.map(\.look)).count == statuses.count, "status roles look alike: \(statuses)")
        try quit(tmux)
    }

    @Test func dumbTerminalIsRefused() throws {
        let tmux = try Tmux()
        try tmux.type("clear; TERM=dumb '\(PortalBinary.url.path)' --store '\(try demoStore().path)'; echo \"EXIT=$?\"")
        try tmux.press("Enter")
        // "EXIT=" alone would match the typed command line itself.
        let screen = try tmux.waitFor("EXIT=2")
        #expect(screen.contains("TERM=dumb cannot move the cursor"), "\(screen)")
    }
}
