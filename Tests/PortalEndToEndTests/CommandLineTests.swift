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
        let tenant = DemoOrganization.make(now: Date(), random: SeededRandomSource(seed: 1), iterations: PasswordHash.allowedIterations.lowerBound)
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
        let path = try temporaryFolder().appendingPathComponent("p.json").path
        #expect(try portal("store", "init", path).status == 0)
        let result = try portal("--store", path)
        #expect(result.status == 2)
        #expect(result.error.contains("portal needs a terminal"))
    }

    /// A mistyped path to a real store must not open a fresh demo there:
    /// only the default store is created on first run.
    @Test func aNamedStoreThatIsNotThereIsAnError() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("typo.json").path
        for result in [try portal("--store", path), try portal(environment: ["PORTAL_STORE": path])] {
            #expect(result.status == 1)
            #expect(result.error.contains("\(path): no store here. Create an empty organization with: portal store init"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func helpShowsTheDefaultCommandsOptionsAndVersion() throws {
        let help = try portal("--help")
        #expect(help.status == 0)
        for option in ["--store <path|url>", "--theme <name|path>", "--no-mouse", "--version"] {
            #expect(help.output.contains(option), "\(option)")
        }
        let version = try portal("--version")
        #expect(version.status == 0)
        #expect(version.output.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
    }

    /// Store text never reaches the terminal raw: no OSC 0 retitling, no line
    /// that seems to name another file.
    @Test func storeTextInErrorsIsEscaped() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("portal.json")
        let tenant = DemoOrganization.make(now: Date(), random: SeededRandomSource(seed: 1), iterations: PasswordHash.allowedIterations.lowerBound)
        var text = String(decoding: try StoreCodec.encode(tenant), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"userId\" : \"usr-adele\"", with: "\"userId\" : \"\\u001b]0;owned\\u0007\\nother.json: $: fine\"")
        try Data(text.utf8).write(to: url)
        let validate = try portal("store", "validate", url.path)
        let opened = try portal("--store", url.path)
        #expect(validate.status == 1)
        #expect(opened.status == 1)
        for output in [validate.output, opened.error] {
            #expect(!output.unicodeScalars.contains { $0 != "\n" && InertText.isUnsafe($0) })
            #expect(output.contains("\\u{1B}]0;owned\\u{7}\\u{A}other.json"))
            #expect(!output.split(separator: "\n").contains { $0.hasPrefix("other.json") })
        }
    }

    @Test func validateReportsTypesAndReferencesInOnePass() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("portal.json")
        let tenant = DemoOrganization.make(now: Date(), random: SeededRandomSource(seed: 1), iterations: PasswordHash.allowedIterations.lowerBound)
        var text = String(decoding: try StoreCodec.encode(tenant), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"operatingSystem\" : \"iOS\"", with: "\"operatingSystem\" : \"BeOS\"")
        text = text.replacingOccurrences(of: "\"groupId\" : \"grp-sales\"", with: "\"groupId\" : \"grp-gone\"")
        try Data(text.utf8).write(to: url)
        let result = try portal("store", "validate", url.path)
        #expect(result.status == 1)
        #expect(result.output.contains("operatingSystem: unknown value \"BeOS\""))
        #expect(result.output.contains("groupId: no group has id \"grp-gone\""))
    }

    /// Password hashes and salts never appear in what the commands print.
    @Test func secretsNeverAppearInOutput() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("portal.json")
        #expect(try portal("store", "init", "--demo", url.path).status == 0)
        let tenant = try JSONStore(url: url).load()
        let methodSecrets = tenant.users.flatMap { $0.mfaMethods.compactMap(\.secretKey) }
        #expect(methodSecrets.count >= 3)
        let secrets = tenant.users.flatMap { [$0.password.salt, $0.password.hash] } + methodSecrets
        var outputs = [try portal("store", "validate", url.path), try portal("store", "init", "--demo", url.path)]
        var text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        // A secret that is not Base32 is reported without being shown.
        text = text.replacingOccurrences(of: methodSecrets[0], with: methodSecrets[0] + "1")
        text = text.replacingOccurrences(of: "\"iterations\" : 600000", with: "\"iterations\" : \"600000\"")
        for secret in secrets.prefix(2) { text = text.replacingOccurrences(of: secret, with: secret + "\u{1}") }
        try Data(text.utf8).write(to: url)
        outputs += [try portal("store", "validate", url.path), try portal("--store", url.path)]
        #expect(outputs[2].status == 1)
        for output in outputs {
            for secret in secrets {
                #expect(!output.output.contains(secret))
                #expect(!output.error.contains(secret))
            }
        }
    }

    @Test func storeInitRefusesATrailingSlashAndADanglingLink() throws {
        let folder = try temporaryFolder()
        let slash = try portal("store", "init", folder.path + "/new.json/")
        #expect(slash.status == 1)
        #expect(slash.error.contains("ends with /"))
        let link = folder.appendingPathComponent("link.json")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "target.json")
        let refused = try portal("store", "init", link.path)
        #expect(refused.status == 1)
        #expect(refused.error.contains("pass --force"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("target.json").path))
        #expect(try portal("store", "init", "--force", link.path).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "target.json")
        #expect(try portal("store", "validate", folder.appendingPathComponent("target.json").path).status == 0)
    }

    @Test func aLockThatCannotBeTakenFailsAndWritesNothing() throws {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".portal.json.lock"), withIntermediateDirectories: false)
        let result = try portal("store", "init", folder.appendingPathComponent("portal.json").path)
        #expect(result.status == 1)
        #expect(result.error.contains("could not take the lock"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("portal.json").path))
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
