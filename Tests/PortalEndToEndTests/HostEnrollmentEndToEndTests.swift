import Foundation
import PortalCore
import PortalStore
import Testing

/// The real binary in tmux enrolls "This Linux machine", inspected on a
/// fixture tree (the hidden --probe-root), twice: one device, updated.
@Suite("Real terminal: this Linux machine", .serialized)
struct HostEnrollmentEndToEndTests {
    private func enroll(_ tmux: Tmux, store: URL, root: URL, termsAsked: Bool) throws -> String {
        try tmux.type("clear; '\(PortalBinary.url.path)' --store '\(store.path)' --probe-root '\(root.path)'; echo \"EXIT=$?\"")
        try tmux.press("Enter")
        try tmux.waitFor("Sign in with your Contoso work account.")
        try tmux.type("megan.bowen@contoso.com")
        try tmux.press("Tab")
        try tmux.type("Contoso-Megan-3")
        try tmux.press("Enter")
        try tmux.waitFor("Press e to enroll another.")
        try tmux.type("e")
        try tmux.waitFor("Step 1 of")
        try tmux.press("End", "Enter")
        try tmux.waitFor("Who owns this device?")
        try tmux.press("Enter")
        try tmux.waitFor("What your organization can see")
        try tmux.press("Enter")
        // Accepted once, the terms are not asked again.
        if termsAsked {
            try tmux.waitFor("Terms and conditions")
            try tmux.type("a")
        }
        let result = try tmux.waitFor("is enrolled")
        try tmux.press("F10")
        try tmux.waitFor("EXIT=0")
        return result
    }

    @Test func thisMachineOnAFixtureTreeIsEnrolledOnceAndUpdated() throws {
        let folder = try temporaryFolder()
        let store = folder.appendingPathComponent("portal.json")
        #expect(try portal("store", "init", "--demo", store.path).status == 0)
        let root = folder.appendingPathComponent("host")
        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("etc/os-release", "ID=ubuntu\nVERSION_ID=\"22.04\"\nPRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\n")
        try write("etc/machine-id", "0123456789abcdef0123456789abcdef\n")
        try write("etc/hostname", "fixture-box\n")
        let tmux = try Tmux()
        let first = try enroll(tmux, store: store, root: root, termsAsked: true)
        #expect(first.contains("fixture-box is enrolled"))
        #expect(first.contains("Not read from this machine"))
        try tmux.type("clear")
        try tmux.press("Enter")
        _ = try enroll(tmux, store: store, root: root, termsAsked: false)
        let tenant = try JSONStore(url: store).load()
        let megan = try #require(tenant.user(principalName: "megan.bowen@contoso.com"))
        let hosts = tenant.devices(of: megan).filter { $0.deviceName == "fixture-box" }
        #expect(hosts.count == 1)
        #expect(hosts.first?.operatingSystem == .linux && hosts.first?.osVersion == "22.04")
    }
}
