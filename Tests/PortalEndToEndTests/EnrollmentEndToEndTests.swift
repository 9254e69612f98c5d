import Foundation
import PortalCore
import PortalStore
import Testing

/// The real binary in tmux: a walkthrough killed with SIGKILL mid-way (no
/// handler runs, nothing is flushed) resumes at the same step with the same
/// choices when the portal is started again and the user signs in.
@Suite("Real terminal: enrollment", .serialized)
struct EnrollmentEndToEndTests {
    private func start(_ tmux: Tmux, store: URL) throws {
        try tmux.type("clear; '\(PortalBinary.url.path)' --store '\(store.path)'; echo \"EXIT=$?\"")
        try tmux.press("Enter")
        try tmux.waitFor("Sign in with your Contoso work account.")
        try tmux.type("megan.bowen@contoso.com")
        try tmux.press("Tab")
        try tmux.type("Contoso-Megan-3")
        try tmux.press("Enter")
    }

    @Test func aKilledWalkthroughResumesAtTheSameStep() throws {
        let store = try temporaryFolder().appendingPathComponent("portal.json")
        try JSONStore(url: store).create(DemoOrganization.make(now: Date(), random: SeededRandomSource(seed: 4),
                                                                  iterations: PasswordHash.allowedIterations.lowerBound))
        let tmux = try Tmux()
        try start(tmux, store: store)
        try tmux.waitFor("Press e to enroll another.")
        try tmux.type("e")
        try tmux.waitFor("Step 1 of 9")
        try tmux.press("Enter")
        try tmux.waitFor("Who owns this device?")
        try tmux.press("Down")
        try tmux.press("Enter")
        try tmux.waitFor("What your organization can see")
        try tmux.press("Enter")
        try tmux.waitFor("Contoso acceptable use")
        try tmux.type("a")
        try tmux.waitFor("Device category")
        try tmux.press("Enter")
        try tmux.waitFor("Step 6 of 9")
        // The step is saved off the terminal thread a moment after it shows: kill once it is stored.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, (try? JSONStore(url: store).load().enrollmentSessions.first?.step) != .managementProfile {
            usleep(50_000)
        }

        let shell = try tmux.format("#{pane_pid}")
        let children = try run(URL(fileURLWithPath: "/usr/bin/env"), ["pgrep", "-P", shell, "portal"])
        let pid = try #require(Int32(children.output.split(separator: "\n").first ?? ""))
        kill(pid, SIGKILL)
        try tmux.waitFor("EXIT=137")
        // Killed, it could not restore the terminal: the shell takes it back (C-j is a newline even in raw mode).
        try tmux.type("stty sane; tput rmcup; clear")
        try tmux.press("C-j")
        try tmux.waitFor("e2e$")

        try start(tmux, store: store)
        let resumed = try tmux.waitFor("Picking up where you left off")
        #expect(resumed.contains("Step 6 of 9"))
        #expect(resumed.contains("Install the management profile"))
        // Esc by Esc, each step answered before the next key, so none reads as Alt.
        try tmux.press("Escape")
        try tmux.waitFor("› Work phone")
        for step in [4, 3, 2] {
            try tmux.press("Escape")
            try tmux.waitFor("Step \(step) of 9")
        }
        // The ownership chosen before the kill is still chosen.
        try tmux.waitFor("› Personal: I own this device")
        try tmux.press("F10")
        try tmux.waitFor("EXIT=0")
    }

    /// A person at the real terminal: password, a code computed from the
    /// method's secret as a phone would show it, then a Windows laptop enrolled.
    @Test func signsInWithAComputedCodeAndEnrollsASimulatedDevice() throws {
        let folder = try temporaryFolder()
        let store = folder.appendingPathComponent("portal.json")
        #expect(try portal("store", "init", "--demo", store.path).status == 0)
        let lee = try #require(try JSONStore(url: store).load().user(principalName: "lee.gu@contoso.com"))
        let method = try #require(lee.defaultCodeMethod)
        let secret = try #require(method.secret)

        let tmux = try Tmux()
        try tmux.type("clear; '\(PortalBinary.url.path)' --store '\(store.path)'; echo \"EXIT=$?\"")
        try tmux.press("Enter")
        try tmux.waitFor("Sign in with your Contoso work account.")
        try tmux.type("lee.gu@contoso.com")
        try tmux.press("Tab")
        try tmux.type("Contoso-Lee-4")
        try tmux.press("Enter")
        try tmux.waitFor("Enter the code from \(method.displayName).")
        try tmux.type(method.oneTimeCode.code(secret: secret, at: Date()))
        try tmux.press("Enter")
        try tmux.waitFor(", Lee.")
        try tmux.type("e")
        try tmux.waitFor("Step 1 of")
        // The last entry is this Linux machine, which the real binary offers.
        try tmux.press("End", "Up", "Up", "Up", "Up", "Enter")
        try tmux.waitFor("Step 2 of 7")
        try tmux.press("Enter")
        try tmux.waitFor("What your organization can see")
        try tmux.press("Enter")
        try tmux.type("a")
        try tmux.waitFor("Connect your work account")
        try tmux.press("Enter")
        let result = try tmux.waitFor("is enrolled")
        #expect(result.contains("Surface Pro 10 is enrolled"))
        try tmux.press("F10")
        try tmux.waitFor("EXIT=0")
        let enrolled = try JSONStore(url: store).load()
        #expect(enrolled.devices(of: lee).contains { $0.model == "Surface Pro 10" && $0.managedDeviceOwnerType == .company })
        // The code was used up: its step is recorded against the method.
        #expect(enrolled.user(id: lee.id)?.method(id: method.id)?.lastUsedStep != nil)
    }
}
