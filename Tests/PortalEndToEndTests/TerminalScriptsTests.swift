import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// Issue 12: `portal screens run --terminal` drives the real binary in tmux
/// with the same scripts and goldens as the headless run. CI plays a set of
/// them, one for each thing a terminal run must pin: type-code, roles, the
/// virtual clock, clicks, resizes, a restart, a host and a kiosk.
@Suite("Screen scripts in a real terminal", .serialized)
struct TerminalScriptsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let chosen = [
        "signin-code", "devices", "device-grace", "mouse", "resize", "enroll-resume", "enroll-linux-compliant", "kiosk",
    ]

    @Test func aChosenSetPassesInTmuxAsHeadless() throws {
        let files = Self.chosen.map { "Screens/\($0).screen" }
        let result = try run(PortalBinary.url, ["screens", "run", "--terminal"] + files, directory: Self.root)
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(result.output.hasSuffix("\(files.count) passed, 0 failed\n"), "\(result.output)")
    }

    /// A folder with a copy of a script, so goldens can be broken and written.
    private func copy(_ name: String, as copyName: String, body: String? = nil) throws -> URL {
        let folder = try temporaryFolder()
        let text = try body ?? String(contentsOf: Self.root.appendingPathComponent("Screens/\(name).screen"), encoding: .utf8)
        try text.write(to: folder.appendingPathComponent("\(copyName).screen"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func updateWritesWhatTheTerminalShowsAndItEqualsTheHeadlessGolden() throws {
        let folder = try copy("devices", as: "d")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try portal("screens", "run", "--terminal", "--update", "d.screen", directory: folder)
        #expect(written.status == 0, "\(written.output)")
        #expect(written.output.contains("pass  d.screen (updated 2 goldens)"), "\(written.output)")
        for label in ["list", "surface"] {
            let terminal = try String(contentsOf: folder.appendingPathComponent("d.\(label).txt"), encoding: .utf8)
            let headless = try String(contentsOf: Self.root.appendingPathComponent("Screens/devices.\(label).txt"), encoding: .utf8)
            #expect(terminal == headless)
        }
        let again = try portal("screens", "run", "--terminal", "d.screen", directory: folder)
        #expect(again.output == "pass  d.screen\n1 passed, 0 failed\n")
    }

    @Test func aMismatchShowsTheNumberedRowsThatDiffer() throws {
        let folder = try copy("devices", as: "d")
        defer { try? FileManager.default.removeItem(at: folder) }
        for label in ["list", "surface"] {
            try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Screens/devices.\(label).txt"),
                                             to: folder.appendingPathComponent("d.\(label).txt"))
        }
        let golden = folder.appendingPathComponent("d.list.txt")
        let text = try String(contentsOf: golden, encoding: .utf8)
        try text.replacingOccurrences(of: "Pixel 8", with: "Pixel 9").write(to: golden, atomically: true, encoding: .utf8)
        let result = try portal("screens", "run", "--terminal", "d.screen", directory: folder)
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "FAIL  d.screen")
        #expect(lines.contains { $0.hasSuffix("the terminal screen differs from d.list.txt in 1 line (- golden, + screen, rows from 0):") },
                "\(result.output)")
        #expect(lines.contains { $0.hasPrefix("      -  8|  Pixel 9") }, "\(result.output)")
        #expect(lines.contains { $0.hasPrefix("      +  8|  Pixel 8") }, "\(result.output)")
        #expect(lines.last == "0 passed, 1 failed")
        // Headless differs from this golden too: the screen changed, not the terminal.
        #expect(!result.output.contains("the terminal and headless disagree"))
        // The golden is left as it was.
        #expect(try String(contentsOf: golden, encoding: .utf8).contains("Pixel 9"))
    }

    /// tmux reads a leading "-" as a flag and a trailing ";" as the end of a command.
    @Test func typedTextReachesTheProgramAsWritten() throws {
        let folder = try copy("", as: "t", body: "type \"-a;b;\"\nexpect \"[-a;b;\"\npress ;\nexpect \"[-a;b;;\"\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try portal("screens", "run", "--terminal", "t.screen", directory: folder)
        #expect(result.output == "pass  t.screen\n1 passed, 0 failed\n", "\(result.output)")
    }

    @Test func aWrongRoleFailsInTheTerminalRunToo() throws {
        let folder = try copy("", as: "r", body: """
        type adele.vance@contoso.com
        press Tab
        type Contoso-Adele-1
        press Enter
        press 2
        expect-role "✓ Compliant" compliant
        expect-role "✓ Compliant" noncompliant

        """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try portal("screens", "run", "--terminal", "r.screen", directory: folder)
        #expect(result.status == 1)
        #expect(result.output.contains("line 7: `expect-role \"✓ Compliant\" noncompliant`: expected \"✓ Compliant\" in the noncompliant role; found compliant"),
                "\(result.output)")
        #expect(!result.output.contains("line 6:"), "\(result.output)")
    }
}

/// The terminal side of `expect-role`: what tmux reports maps back to roles.
@Suite("Roles in a real terminal")
struct TerminalRoleTests {
    @Test func theTerminalsColorsMapBackToTheirRoles() throws {
        let script = try ScriptParser.parse("size 80x24\n", file: URL(fileURLWithPath: "roles.screen"))
        let session = try TerminalSession(script: script, portal: PortalBinary.url, timeout: 20)
        try session.type("adele.vance@contoso.com")
        try session.press(.tab)
        try session.type("Contoso-Adele-1")
        try session.press(.enter)
        try session.press(.character("2"))
        #expect(try session.screen().text.contains("✓ Compliant"))
        let screen = try session.tmux.styledScreen()
        let brand = try #require(ColorText.rgb(DemoOrganization.make(now: script.clock, random: SeededRandomSource(seed: 7), iterations: 1).organization.themeColor))
        let styles = TerminalRoleStyles(theme: try ThemeCatalog.load("default"), depth: .colors256, brand: brand)
        for (text, role) in [("✓ Compliant", Role.compliant), ("! In grace period", .inGracePeriod), ("? Unknown", .unknown),
                             ("› ADELE-SURFACE", .selection), ("[ 2 Devices ]", .tabActive)] {
            let style = try #require(screen.style(of: text), "\(text) is not drawn in one style")
            #expect(styles.roles(drawnIn: style).contains(role), "\(text): \(style) is not \(role)")
            #expect(styles.problem(text, role, on: screen) == nil)
        }
        let wrong = try #require(styles.problem("✓ Compliant", .noncompliant, on: screen))
        #expect(wrong.hasPrefix("expected \"✓ Compliant\" in the noncompliant role ("), "\(wrong)")
        #expect(wrong.contains("the terminal draws it in") && wrong.hasSuffix("the style of compliant"), "\(wrong)")
    }
}
