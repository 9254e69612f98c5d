import Foundation
import Testing

/// A store full of terminal-injection payloads, walked through every screen
/// of the real binary in tmux: none of the payloads reaches the terminal
/// raw, and what tmux shows is, row for row, what the portal meant to draw
/// (the headless render of the same walk).
@Suite("Injection in a real terminal", .serialized)
struct InjectionEndToEndTests {
    /// One step of the walk: the screen-script command and the same keys for tmux.
    private struct Step {
        var script: String
        var keys: [[String]]
        var label: String
    }

    private static let walk: [Step] = [
        Step(script: "", keys: [], label: "signin"),
        Step(script: "type adele.vance@contoso.com\npress Tab\ntype Contoso-Adele-1\npress Enter",
             keys: [["-l", "adele.vance@contoso.com"], ["Tab"], ["-l", "Contoso-Adele-1"], ["Enter"]], label: "home"),
        Step(script: "press End", keys: [["End"]], label: "home-end"),
        Step(script: "press 2", keys: [["2"]], label: "devices"),
        Step(script: "press Enter", keys: [["Enter"]], label: "device"),
        Step(script: "press End", keys: [["End"]], label: "device-end"),
        Step(script: "press Backspace Down Enter", keys: [["BSpace"], ["Down"], ["Enter"]], label: "device-second"),
        Step(script: "press Backspace 3", keys: [["BSpace"], ["3"]], label: "apps"),
        Step(script: "press Enter", keys: [["Enter"]], label: "app"),
        Step(script: "press PgDn", keys: [["PgDn"]], label: "app-page"),
        Step(script: "press End", keys: [["End"]], label: "app-end"),
        Step(script: "press Backspace End", keys: [["BSpace"], ["End"]], label: "apps-end"),
        Step(script: "press 5", keys: [["5"]], label: "support"),
        Step(script: "press End", keys: [["End"]], label: "support-end"),
        Step(script: "press ?", keys: [["?"]], label: "help"),
    ]

    /// Clock-dependent numbers ("3 hours ago") may tick between the two runs.
    private static func normalize(_ row: String) -> String {
        String(row.map { $0.isASCII && $0.isNumber ? "0" : $0 })
    }

    /// The headless render of the walk, one screen per step, from the portal's
    /// own screen-script runner on the same store and clock.
    private func headlessScreens(store: URL, clock: Date, folder: URL) throws -> [[String]] {
        let formatter = ISO8601DateFormatter()
        var lines = ["size 80x24", "store \(store.path)", "clock \(formatter.string(from: clock))", "timezone UTC", ""]
        for step in Self.walk {
            if !step.script.isEmpty { lines.append(step.script) }
            lines.append("snapshot \(step.label)")
        }
        let script = folder.appendingPathComponent("walk.screen")
        try (lines.joined(separator: "\n") + "\n").write(to: script, atomically: true, encoding: .utf8)
        let result = try run(PortalBinary.url, ["screens", "run", "--update", script.path])
        guard result.status == 0 else { throw TmuxError(message: "screens run: \(result.output)\(result.error)") }
        return try Self.walk.map { step in
            let golden = folder.appendingPathComponent("walk.\(step.label).txt")
            let rows = try String(contentsOf: golden, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            return rows.dropFirst().dropLast().map(String.init)
        }
    }

    @Test func hostileStoreTextNeverReachesTheTerminalRaw() throws {
        let folder = try temporaryFolder()
        let store = folder.appendingPathComponent("portal.json")
        try HostileStore.make(at: store)
        let recording = folder.appendingPathComponent("terminal.bytes")

        let tmux = try Tmux()
        try tmux.record(to: recording)
        let clock = Date()
        try tmux.type("clear; '\(PortalBinary.url.path)' --store '\(store.path)'; echo \"EXIT=$?\"")
        try tmux.press("Enter")
        let expected = try headlessScreens(store: store, clock: clock, folder: folder)

        for (step, screen) in zip(Self.walk, expected) {
            for keys in step.keys { try tmux.tmux(["send-keys", "-t", tmux.session] + keys) }
            let shown = try tmux.waitForScreen(screen, normalize: Self.normalize, seconds: 10)
            #expect(shown.map(Self.normalize) == screen.map(Self.normalize),
                    "\(step.label): tmux shows\n\(shown.joined(separator: "\n"))\nbut the portal meant\n\(screen.joined(separator: "\n"))")
        }
        #expect(try !tmux.format("#{pane_title}").contains("PWNED"), "the store retitled the terminal")
        // Esc and F10 sent together would read as one escape sequence.
        try tmux.press("Escape")
        _ = try tmux.waitForScreen(expected[expected.count - 2], normalize: Self.normalize)
        try tmux.press("F10")
        try tmux.waitFor("EXIT=0")
        try tmux.stopRecording()

        let bytes = Array(try Data(contentsOf: recording))
        #expect(bytes.count > 10_000, "the recording holds \(bytes.count) bytes")
        let leaked = Self.forbidden.filter { contains(bytes, $0.1) }.map(\.0)
        #expect(leaked.isEmpty, "reached the terminal raw: \(leaked)")
        // C0 controls other than those curses moves the cursor with.
        let allowed: Set<UInt8> = [0x08, 0x09, 0x0A, 0x0D, 0x1B]
        let controls = Set(bytes.filter { ($0 < 0x20 && !allowed.contains($0)) || $0 == 0x7F })
        #expect(controls.isEmpty, "raw control bytes: \(controls.sorted())")
        // C1 controls, raw or UTF-8 encoded.
        let c1 = zip(bytes, bytes.dropFirst()).contains { $0 == 0xC2 && (0x80...0x9F).contains($1) }
        #expect(!c1, "a C1 control reached the terminal")
    }

    private static let forbidden: [(String, [UInt8])] = [
        ("OSC 0 (window title)", Array("\u{1B}]0;".utf8)),
        ("the CSI payload", Array("\u{1B}[7777".utf8)),
        ("DCS", Array("\u{1B}P".utf8)),
        ("U+2066 LEFT-TO-RIGHT ISOLATE", Array("\u{2066}".utf8)),
        ("U+2067 RIGHT-TO-LEFT ISOLATE", Array("\u{2067}".utf8)),
        ("U+202E RIGHT-TO-LEFT OVERRIDE", Array("\u{202E}".utf8)),
        ("U+061C ARABIC LETTER MARK", Array("\u{061C}".utf8)),
        ("U+FFF9 INTERLINEAR ANNOTATION ANCHOR", Array("\u{FFF9}".utf8)),
    ]

    private func contains(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard let first = pattern.first, bytes.count >= pattern.count else { return false }
        var index = 0
        while index <= bytes.count - pattern.count {
            if bytes[index] == first && Array(bytes[index..<index + pattern.count]) == pattern { return true }
            index += 1
        }
        return false
    }
}
