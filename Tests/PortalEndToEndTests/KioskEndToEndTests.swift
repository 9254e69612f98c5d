import Foundation
import PortalCore
import PortalStore
import Testing

/// `portal kiosk`, the real binary in tmux: visitors cannot leave, the PIN
/// lets an operator out, the store is never written, and a terminal that
/// goes away takes the kiosk with it.
@Suite("Kiosk in a real terminal", .serialized)
struct KioskEndToEndTests {
    private static let pin = "2468"

    /// The demo organization with an exit PIN, at the store's lowest rounds.
    private func kioskStore() throws -> URL {
        let url = try temporaryFolder().appendingPathComponent("portal.json")
        var tenant = DemoOrganization.make(now: Date(), random: SeededRandomSource(seed: 4), iterations: PasswordHash.allowedIterations.lowerBound)
        tenant.organization.kioskExitPinHash = PasswordHash.make(password: Self.pin, iterations: PasswordHash.allowedIterations.lowerBound,
                                                                 random: SeededRandomSource(seed: 5))
        try JSONStore(url: url).create(tenant)
        return url
    }

    @Test func exitKeysDoNothingAndThePinExitsLeavingTheStoreAsItWas() throws {
        let store = try kioskStore()
        let before = try Data(contentsOf: store)
        let tmux = try Tmux()
        try tmux.type("clear; '\(PortalBinary.url.path)' kiosk --store '\(store.path)'; echo \"EXIT=$?\"")
        try tmux.press("Enter")
        try tmux.waitFor("Sign in with your Contoso work account.")
        // Signed in, where q quits the portal.
        try tmux.type("lee.gu@contoso.com")
        try tmux.press("Tab")
        try tmux.type("Contoso-Lee-4")
        try tmux.press("Enter")
        try tmux.waitFor("Authenticator app")
        let lee = try #require(try JSONStore(url: store).load().users.first { $0.userPrincipalName == "lee.gu@contoso.com" })
        let method = try #require(lee.defaultCodeMethod ?? lee.mfaMethods.first { $0.givesCodes })
        try tmux.type(method.oneTimeCode.code(secret: try #require(method.secret), at: Date()))
        try tmux.press("Enter")
        try tmux.waitFor("Welcome to the Contoso Company Portal.")
        for key in ["q", "C-c", "C-z", "C-\\", "F10"] { try tmux.press(key) }
        // A key pressed after them shows they were all read, and did nothing.
        try tmux.press("2")
        let screen = try tmux.waitFor("My devices (3)")
        #expect(!screen.contains("EXIT="))
        #expect(!screen.contains("Quit"))
        try tmux.press("F12")
        try tmux.waitFor("Leave kiosk mode")
        try tmux.type("0000")
        try tmux.press("Enter")
        try tmux.waitFor("That PIN is not right.")
        try tmux.type(Self.pin)
        try tmux.press("Enter")
        try tmux.waitFor("EXIT=0")
        #expect(try tmux.format("#{alternate_on}") == "0", "still on the alternate screen")
        #expect(try Data(contentsOf: store) == before)
    }

    @Test func aTerminalThatGoesAwayEndsTheKiosk() throws {
        let store = try kioskStore()
        let tmux = try Tmux()
        // exec: the pane's process is the kiosk itself.
        try tmux.type("exec '\(PortalBinary.url.path)' kiosk --store '\(store.path)'")
        try tmux.press("Enter")
        try tmux.waitFor("Sign in with your Contoso work account.")
        let pid = try #require(pid_t(try tmux.format("#{pane_pid}")))
        try tmux.tmux(["kill-session", "-t", tmux.session])
        let deadline = Date().addingTimeInterval(20)
        while kill(pid, 0) == 0, Date() < deadline { usleep(50_000) }
        #expect(kill(pid, 0) != 0, "the kiosk outlived its terminal")
    }

    @Test func sighupRestoresTheTerminalAndExitsAsForOtherSignals() throws {
        let store = try kioskStore()
        let tmux = try Tmux()
        try tmux.type("clear; '\(PortalBinary.url.path)' kiosk --store '\(store.path)'; echo \"EXIT=$?\"")
        try tmux.press("Enter")
        try tmux.waitFor("Sign in with your Contoso work account.")
        let shell = try tmux.format("#{pane_pid}")
        let children = try run(URL(fileURLWithPath: "/usr/bin/env"), ["pgrep", "-P", shell])
        let kiosk = try #require(children.output.split(separator: "\n").compactMap { pid_t($0) }.first)
        kill(kiosk, SIGHUP)
        try tmux.waitFor("EXIT=\(128 + SIGHUP)")
        #expect(try tmux.format("#{alternate_on}") == "0", "still on the alternate screen")
        #expect(try tmux.format("#{cursor_flag}") == "1", "cursor left hidden")
    }

    @Test func hashPinPrintsAHashTheStoreTakes() throws {
        let result = try run(URL(fileURLWithPath: "/bin/sh"), ["-c", "echo \(Self.pin) | '\(PortalBinary.url.path)' kiosk hash-pin"])
        #expect(result.status == 0)
        let hash = try JSONDecoder().decode(PasswordHash.self, from: Data(result.output.utf8))
        #expect(hash.verify(Self.pin))
        #expect(!hash.verify("0000"))
        #expect(StoreValidator().problems(in: hash, path: "pin").isEmpty)
        let short = try run(URL(fileURLWithPath: "/bin/sh"), ["-c", "echo 12 | '\(PortalBinary.url.path)' kiosk hash-pin"])
        #expect(short.status == 2)
    }
}
