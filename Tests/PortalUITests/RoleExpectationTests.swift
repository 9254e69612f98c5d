import Foundation
import Testing
@testable import PortalUI

/// Issue 12: `expect-role TEXT ROLE`, a golden mismatch as a numbered diff,
/// and the status line the terminal runner reads from the real binary.
@Suite("Role expectations and mismatch output")
struct RoleExpectationTests {
    let file = URL(fileURLWithPath: "Screens/x.screen")

    private func parseError(_ text: String) -> ScriptError? {
        do {
            _ = try ScriptParser.parse(text, file: file)
            return nil
        } catch {
            return error
        }
    }

    private let signedIn = """
    type adele.vance@contoso.com
    press Tab
    type Contoso-Adele-1
    press Enter
    press 2

    """

    @Test func parsesTextAndRole() throws {
        let script = try ScriptParser.parse("expect-role \"✗ Not compliant\" noncompliant\nexpect-role Sign in  title\n", file: file)
        #expect(script.steps.map(\.command) == [.expectRole("✗ Not compliant", .noncompliant), .expectRole("Sign in", .title)])
    }

    /// The README's line, as written there.
    @Test func theReadmeExampleParses() throws {
        let line = "expect-role \"✗ Not compliant\" noncompliant   # every cell of its first occurrence in that role (theme role names)\n"
        #expect(try ScriptParser.parse(line, file: file).steps.map(\.command) == [.expectRole("✗ Not compliant", .noncompliant)])
    }

    @Test func malformedRoleExpectationsNameTheirLine() {
        let unknown = parseError("press Enter\n\nexpect-role \"Not compliant\" red\n")
        #expect(unknown?.line == 3)
        #expect(unknown?.description.hasPrefix("Screens/x.screen:3: unknown role \"red\"; expected one of: text, dim, title") == true)
        #expect(unknown?.message.contains("noncompliant, inGracePeriod") == true)
        #expect(parseError("expect-role\n")?.description.hasPrefix("Screens/x.screen:1: expect-role needs text and a role") == true)
        #expect(parseError("expect-role noncompliant\n")?.message.hasPrefix("expect-role needs text and a role") == true)
    }

    @Test func passesWhenEveryCellCarriesTheRole() throws {
        let script = try ScriptParser.parse(signedIn + """
        expect-role "✗ Not compliant" selection
        expect-role "✓ Compliant" compliant
        expect-role "! In grace period" inGracePeriod
        """, file: file)
        let outcome = try ScriptRunner().run(script)
        #expect(outcome.passed, "\(outcome.failures)")
    }

    @Test func failsWithTheRoleFound() throws {
        let script = try ScriptParser.parse(signedIn + """
        expect-role "✓ Compliant" noncompliant
        expect-role "No such text" text
        """, file: file)
        let failures = try ScriptRunner().run(script).failures
        #expect(failures.count == 2)
        #expect(failures[0].hasPrefix("line 6: `expect-role \"✓ Compliant\" noncompliant`: expected \"✓ Compliant\" in the noncompliant role; found compliant on row 6; the screen was:"), "\(failures[0])")
        #expect(failures[1].hasPrefix("line 7: `expect-role \"No such text\" text`: expected \"No such text\" in the text role, but it is not on screen"))
    }

    @Test func mixedRolesAreListedInRuns() {
        var screen = CellBuffer(size: Size(width: 20, height: 2))
        screen.write("Wide", x: 0, y: 0)
        screen.write("山田 ok", x: 2, y: 1, role: .error)
        screen.write("ok", x: 7, y: 1, role: .success)
        #expect(RoleExpectation.firstOccurrence(of: "田 ok", in: screen)?.columns == [4, 5, 6, 7, 8])
        #expect(RoleExpectation.problem("山田", .error, on: screen) == nil)
        #expect(RoleExpectation.problem("田 ok", .error, on: screen)
                == "expected \"田 ok\" in the error role; found error (columns 4-6), success (columns 7-8) on row 1")
    }

    @Test func aMismatchCountsItsLinesAndSaysHowToAccept() {
        let text = Snapshot.mismatch(expected: "size 80x24 cursor hidden\nTitle\nb\nc", actual: "size 80x24 cursor hidden\nTitle!\nb\nC",
                                     golden: URL(fileURLWithPath: "Screens/x.home.txt"), script: file)
        #expect(text == """
        the screen differs from x.home.txt in 2 lines (- golden, + screen, rows from 0):
        -  0|Title
        +  0|Title!
        -  2|c
        +  2|C
        if the new screen is right: portal screens run --update Screens/x.screen
        """)
    }

    @Test func aFailedSnapshotShowsTheNumberedDiff() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-roles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("s.screen")
        try "snapshot start\n".write(to: script, atomically: true, encoding: .utf8)
        #expect(try ScriptRunner(updateGoldens: true).run(file: script).passed)
        let golden = folder.appendingPathComponent("s.start.txt")
        let right = try String(contentsOf: golden, encoding: .utf8)
        try right.replacingOccurrences(of: "Sign in with", with: "Log in with").write(to: golden, atomically: true, encoding: .utf8)
        let failure = try #require(try ScriptRunner().run(file: script).failures.first)
        let lines = failure.split(separator: "\n").map(String.init)
        #expect(lines[0] == "line 1: `snapshot start`: the screen differs from s.start.txt in 1 line (- golden, + screen, rows from 0):")
        #expect(lines[1].hasPrefix("-  4|") && lines[1].contains("Log in with"), "\(lines[1])")
        #expect(lines[2].hasPrefix("+  4|") && lines[2].contains("Sign in with"), "\(lines[2])")
        #expect(lines[3].hasPrefix("if the new screen is right: portal screens run --update "))
    }

    @Test func theTerminalStatusLineRoundTrips() {
        var status = ScriptControl.Status()
        status.inputs = 12
        status.clock = 3
        status.size = Size(width: 132, height: 43)
        status.idle = true
        #expect(status.line == "process=0 inputs=12 clock=3 size=132x43 idle=1 finished=0\n")
        #expect(ScriptControl.Status(line: status.line) == status)
        #expect(ScriptControl.Status(line: "garbage") == nil)
    }

    @Test func skippedScriptsArePrintedWithTheirReasonAndCountedApart() {
        var batch = ScriptBatch(runner: ScriptRunner())
        batch.skips = ["x.screen": "a reason"]
        let report = batch.run([URL(fileURLWithPath: "Screens/x.screen")])
        #expect(report.output == ["skip  Screens/x.screen: a reason", "0 passed, 0 failed, 1 skipped"])
        #expect(report.exitCode == 0)
    }
}
