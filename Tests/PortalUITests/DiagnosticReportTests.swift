import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

@Suite struct DiagnosticReportTests {
    private static let tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
    private static let context = PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!)

    private static func host() -> HostFacts {
        var facts = HostFacts.allUnknown("not read in this test")
        facts.prettyName = .known("Ubuntu 24.04.1 LTS")
        facts.distributionId = .known("ubuntu")
        facts.versionId = .known("24.04")
        facts.hostName = .known("adele-laptop")
        facts.everyFilesystemEncrypted = .known(true)
        facts.machineId = .known("4f1c2a9be0d34e7c9a55d1e0b7c3a812")
        return facts
    }

    private static func report(for upn: String) throws -> String {
        let user = try #require(tenant.user(principalName: upn))
        let data = try #require(tenant.portalData(userId: user.id))
        let about = PortalAbout(version: "9.8.7", storePath: "store.json")
        return DiagnosticReport.text(about: about, isDemo: true, data: data, host: host(), context: context, now: testNow)
    }

    /// Every secret the demo store holds: hashes, salts, sign-in method keys, demo passwords.
    private static var secrets: [String] {
        var secrets = DemoOrganization.accounts.map(\.password)
        for user in tenant.users {
            secrets += [user.password.hash, user.password.salt]
            secrets += user.mfaMethods.compactMap(\.secretKey)
        }
        return secrets.filter { $0.count >= 6 }
    }

    @Test func holdsTheVersionStoreDeviceAndActivity() throws {
        let text = try Self.report(for: "adele.vance@contoso.com")
        #expect(text.contains("Portal version:   9.8.7"))
        #expect(text.contains("Store:            store.json"))
        #expect(text.contains("Schema version:   \(StoreCodec.schemaVersion)"))
        #expect(text.contains("Ubuntu 24.04.1 LTS"))
        #expect(text.contains("adele-laptop"))
        let user = try #require(Self.tenant.user(principalName: "adele.vance@contoso.com"))
        for device in Self.tenant.devices(of: user) {
            #expect(text.contains(device.deviceName))
        }
        #expect(text.contains("Compliance:"))
        #expect(text.contains("Recent activity"))
        #expect(text.contains("checked in"))
    }

    @Test func holdsNoSecretOfTheDemoStore() throws {
        #expect(Self.secrets.count > 10)
        for user in Self.tenant.users {
            let text = try Self.report(for: user.userPrincipalName)
            for secret in Self.secrets {
                #expect(!text.contains(secret), "a secret of the demo store is in \(user.userPrincipalName)'s report")
            }
            #expect(!text.contains("4f1c2a9be0d34e7c9a55d1e0b7c3a812"), "the raw machine id is in the report")
        }
    }

    // MARK: - The file

    private static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("portal-diagnostics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        return url.path
    }

    @Test func writesANewFileOnlyItsOwnerReads() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try DiagnosticReportFile.write("report\n", folder: folder, now: testNow)
        #expect(path == folder + "/portal-diagnostics-20261122-090000.txt")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "report\n")
    }

    @Test func neverOverwritesAnExistingFile() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try DiagnosticReportFile.write("first\n", folder: folder, now: testNow)
        let second = try DiagnosticReportFile.write("second\n", folder: folder, now: testNow)
        #expect(first != second)
        #expect(second.hasSuffix("portal-diagnostics-20261122-090000-2.txt"))
        #expect(try String(contentsOfFile: first, encoding: .utf8) == "first\n")
        #expect(try String(contentsOfFile: second, encoding: .utf8) == "second\n")
    }

    @Test func theHomeFolderIsTilde() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try DiagnosticReportFile.write("r\n", folder: "~", now: testNow, home: folder)
        #expect(path.hasPrefix(folder + "/"))
    }

    @Test func refusesFoldersThatCannotTakeIt() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func refusal(_ name: String) -> String? {
            do {
                _ = try DiagnosticReportFile.write("r\n", folder: name, now: testNow)
                return nil
            } catch {
                return error.message
            }
        }
        #expect(refusal(folder + "/missing")?.contains("There is no folder") == true)
        #expect(refusal("")?.contains("Type the folder") == true)
        #expect(refusal(folder + "/a\u{1B}[2J")?.contains("control character") == true)
        #expect(refusal(String(repeating: "a", count: 4097))?.contains("longer than 4096") == true)
        let file = try DiagnosticReportFile.write("r\n", folder: folder, now: testNow)
        #expect(refusal(file)?.contains("not a folder") == true)
        // Root writes anywhere: the permission check means something only for others.
        if geteuid() != 0 {
            let locked = folder + "/locked"
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o500])
            #expect(refusal(locked)?.contains("You cannot write in") == true)
        }
    }

    // MARK: - The screen

    @Test func savesFromHelpAndSupportAndSaysWhere() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("5"), .character("d"))
        #expect(runtime.screenText.contains("Save diagnostic report"))
        #expect(runtime.screenText.contains("[~"))
        runtime.press(.backspace)
        runtime.send(.input(.paste(folder)))
        runtime.press(.enter)
        let path = folder + "/" + DiagnosticReportFile.fileName(at: testNow)
        #expect(FileManager.default.fileExists(atPath: path))
        guard case let .portal(portal) = runtime.state.screen else { Issue.record("not signed in"); return }
        #expect(portal.diagnostics.saved == path)
        #expect(portal.diagnostics.folder == nil)
        #expect(runtime.screenText.contains("Saved the diagnostic report"))
    }

    @Test func aRefusedFolderKeepsTheDialogOpen() throws {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("5"), .character("d"), .control("u"))
        runtime.type("/no/such/folder")
        runtime.press(.enter)
        guard case let .portal(portal) = runtime.state.screen else { Issue.record("not signed in"); return }
        #expect(portal.diagnostics.folder?.text == "/no/such/folder")
        #expect(portal.diagnostics.message?.contains("There is no folder /no/such/folder") == true)
        runtime.press(.escape)
        guard case let .portal(closed) = runtime.state.screen else { return }
        #expect(closed.diagnostics.folder == nil)
    }
}
