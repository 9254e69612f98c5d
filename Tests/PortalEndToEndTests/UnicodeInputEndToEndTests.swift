import Foundation
import Testing

/// Clusters typed into the sign-in form of the real binary: the terminal
/// hands over one scalar at a time, each of which may join the cluster
/// before it. The portal must not crash, and tmux must show what the
/// headless render of the same typing shows.
@Suite("Unicode input in a real terminal", .serialized)
struct UnicodeInputEndToEndTests {
    private static let account = "e\u{301}🇯🇵👍🏽👨‍👩‍👧\u{1100}\u{1161}\u{11A8}क्ष❤️1️⃣\u{2A6E0}"

    private func headless(store: URL, typing steps: [String], folder: URL) throws -> [String] {
        var lines = ["size 80x24", "store \(store.path)", "clock 2026-11-22T09:00:00Z", ""]
        lines += steps
        lines.append("snapshot form")
        let script = folder.appendingPathComponent("typing.screen")
        try (lines.joined(separator: "\n") + "\n").write(to: script, atomically: true, encoding: .utf8)
        let result = try run(PortalBinary.url, ["screens", "run", "--update", script.path])
        guard result.status == 0 else { throw TmuxError(message: "screens run: \(result.output)\(result.error)") }
        let golden = try String(contentsOf: folder.appendingPathComponent("typing.form.txt"), encoding: .utf8)
        return golden.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast().map(String.init)
    }

    @Test func joiningScalarsTypedIntoTheFormShowAsTheBufferHoldsThem() throws {
        let folder = try temporaryFolder()
        let store = folder.appendingPathComponent("portal.json")
        let created = try run(PortalBinary.url, ["store", "init", "--demo", store.path])
        #expect(created.status == 0)
        let expected = try headless(store: store, typing: ["type \(Self.account)", "press Left*3 Backspace End", "press Tab", "type \(Self.account)"], folder: folder)

        let tmux = try Tmux()
        try tmux.type("clear; '\(PortalBinary.url.path)' --store '\(store.path)'; echo \"EXIT=$?\"")
        try tmux.press("Enter")
        try tmux.waitFor("Sign in with")
        // Scalar by scalar, as a terminal delivers a paste.
        for scalar in Self.account.unicodeScalars { try tmux.type(String(scalar)) }
        try tmux.press("Left", "Left", "Left", "BSpace", "End", "Tab")
        for scalar in Self.account.unicodeScalars { try tmux.type(String(scalar)) }
        // The demo accounts' codes follow the real clock in the binary.
        let masked = { (row: String) in
            row.replacingOccurrences(of: "[0-9]{3} [0-9]{3}  ", with: "### ###  ", options: .regularExpression)
        }
        let shown = try tmux.waitForScreen(expected, normalize: masked)
        #expect(shown.map(masked) == expected.map(masked), "tmux shows\n\(shown.joined(separator: "\n"))\nbut the portal meant\n\(expected.joined(separator: "\n"))")
        try tmux.press("C-c")
        try tmux.waitFor("EXIT=0")
    }
}
