import Foundation
import PortalCore
import PortalStore
import Testing

/// The commands' exit codes and messages, run as a user would run them.
@Suite("Command line")
struct CommandLineTests {
    @Test func storeInitAndValidate() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("org.json").path
        let created = try portal("store", "init", path)
        #expect(created.status == 0)
        #expect(try portal("store", "validate", path).status == 0)
        let again = try portal("store", "init", path)
        #expect(again.status == 1)
        #expect(again.error.contains("pass --force to replace it"))
        #expect(try portal("store", "init", "--force", path).status == 0)
    }

    @Test func validateListsEveryProblemAndChangesNothing() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("portal.json")
        let tenant = DemoOrganization.make(now: Date(), random: SeededRandomSource(seed: 1), iterations: 10)
        var text = String(decoding: try StoreCodec.encode(tenant), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"complianceState\" : \"compliant\"", with: "\"complianceState\" : \"fine\"")
        try Data(text.utf8).write(to: url)
        let before = try Data(contentsOf: url)
        let result = try portal("store", "validate", url.path)
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == tenant.managedDevices.filter { $0.complianceState == .compliant }.count)
        #expect(lines.allSatisfy { $0.hasPrefix("\(url.path): $.managedDevices[") && $0.contains("unknown value \"fine\"") })
        // Running the portal on the broken store refuses too, and leaves it as it was.
        let opened = try portal("--store", url.path)
        #expect(opened.status != 0)
        #expect(try Data(contentsOf: url) == before)
    }

    @Test func storeFromEnvironment() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("env.json").path
        #expect(try portal("store", "init", environment: ["PORTAL_STORE": path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try portal("store", "validate", "a", "b").status == 2)
        #expect(try portal("store", "frobnicate").status == 2)
        let theme = try portal("--theme", "neon")
        #expect(theme.status == 2)
        #expect(theme.error.contains("available themes: default, dark, light, high-contrast, monochrome"))
    }

    @Test func noTerminalIsAClearError() throws {
        let folder = try temporaryFolder()
        let result = try portal("--store", folder.appendingPathComponent("p.json").path)
        #expect(result.status == 2)
        #expect(result.error.contains("portal needs a terminal"))
    }

    @Test func screensRunReportsMalformedScriptsWithFileAndLine() throws {
        let folder = try temporaryFolder()
        try Data("size 80x24\npress Nope\n".utf8).write(to: folder.appendingPathComponent("bad.screen"))
        let result = try portal("screens", "run", "bad.screen", directory: folder)
        #expect(result.status == 2)
        #expect(result.error.contains("bad.screen:2: unknown key \"Nope\""))
    }

    @Test func screensRunFailsWithTheDiff() throws {
        let folder = try temporaryFolder()
        try Data("expect \"Nowhere to be seen\"\n".utf8).write(to: folder.appendingPathComponent("fails.screen"))
        let result = try portal("screens", "run", "fails.screen", directory: folder)
        #expect(result.status == 1)
        #expect(result.output.contains("FAIL  fails.screen"))
        #expect(result.output.contains("line 1: `expect \"Nowhere to be seen\"`"))
        #expect(result.output.contains("0 passed, 1 failed"))
    }
}
