import Foundation
import PortalCore
import PortalStore
import Testing

/// `portal tokens import` on a real store file: all or nothing, every problem
/// by line, and no secret in what it prints.
@Suite("portal tokens import")
struct TokensImportCommandTests {
    static let header = "upn,serial number,secret key,time interval,manufacturer,model"

    /// The demo organization, with cheap password hashes, in a fresh folder.
    func demoStore() throws -> URL {
        let url = try temporaryFolder().appendingPathComponent("portal.json")
        let tenant = DemoOrganization.make(now: Date(), random: SeededRandomSource(seed: 8), iterations: PasswordHash.allowedIterations.lowerBound)
        try StoreCodec.encode(tenant).write(to: url)
        return url
    }

    func csv(_ lines: [String], in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("tokens.csv")
        try Data(lines.joined(separator: "\r\n").utf8).write(to: url)
        return url
    }

    @Test func importsEveryRowAsAnUnactivatedToken() throws {
        let store = try demoStore()
        let secrets = ["JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "MZXW6YTBOIMZXW6YTBOI"]
        let file = try csv([Self.header,
                            "megan.bowen@contoso.com,SN-100,\(secrets[0]),30,Token2,C202",
                            "Megan.Bowen@contoso.com,SN-101,\(secrets[1].lowercased()),60,Token2,C202",
                            "nestor.wilke@contoso.com,SN-102,\(secrets[2]),30,,"], in: store.deletingLastPathComponent())
        let result = try portal("tokens", "import", file.path, "--store", store.path)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("Imported 3 hardware tokens for 2 users"))
        for secret in secrets {
            #expect(!result.output.contains(secret) && !result.error.contains(secret))
        }
        let tenant = try JSONStore(url: store).load()
        let megan = try #require(tenant.user(principalName: "megan.bowen@contoso.com"))
        #expect(megan.mfaMethods.map(\.serialNumber) == ["SN-100", "SN-101"])
        #expect(megan.mfaMethods.map(\.secretKey) == [secrets[0], secrets[1]])
        #expect(megan.mfaMethods.map(\.timeIntervalInSeconds) == [30, 60])
        #expect(megan.mfaMethods.allSatisfy { $0.methodType == .hardwareOath && !$0.isActivated && !$0.canSignIn })
        #expect(megan.mfaMethods.first?.displayName == "Token SN-100")
        let nestor = try #require(tenant.user(principalName: "nestor.wilke@contoso.com"))
        #expect(nestor.mfaMethods.first?.manufacturer == nil)
        #expect(try portal("store", "validate", store.path).status == 0)
    }

    @Test func anyBadRowImportsNothingAndListsEveryProblem() throws {
        let store = try demoStore()
        let before = try Data(contentsOf: store)
        let file = try csv([Self.header,
                            "megan.bowen@contoso.com,SN-200,JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP,30,Token2,C202", // good
                            "nobody@contoso.com,SN-201,JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP,30,Token2,C202",  // unknown upn
                            "megan.bowen@contoso.com,4412,JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP,30,Token2,C202", // serial in the store
                            "megan.bowen@contoso.com,SN-203,MZXW6YTB,30,Token2,C202"], in: store.deletingLastPathComponent()) // too short
        let result = try portal("tokens", "import", file.path, "--store", store.path)
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        let lines = result.error.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "\(file.path): line 3: no user signs in as \"nobody@contoso.com\"; check the upn or add the user first")
        #expect(lines[1].hasPrefix("\(file.path): line 4: serial number \"4412\" is already registered to alex.wilber@contoso.com"))
        #expect(lines[2].hasPrefix("\(file.path): line 5: the secret key has 8 characters"))
        #expect(lines[3] == "Nothing was imported: fix 3 problems and run the import again.")
        #expect(try Data(contentsOf: store) == before)
    }

    @Test func formatAndStoreProblemsAreListedInOneRun() throws {
        let store = try demoStore()
        let before = try Data(contentsOf: store)
        let file = try csv([Self.header,
                            "ghost@contoso.com,SN-300,JBSWY3DPEHPK3PXP,30,a,b",          // unknown upn
                            "megan.bowen@contoso.com,SN-301,JBSWY3DPEHPK3PXP,45,a,b",    // bad interval
                            "megan.bowen@contoso.com,4412,JBSWY3DPEHPK3PXP,30,a,b"],     // serial in the store
                           in: store.deletingLastPathComponent())
        let result = try portal("tokens", "import", file.path, "--store", store.path)
        #expect(result.status == 1)
        let lines = result.error.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(result.error)")
        #expect(lines.first?.contains("line 2: no user signs in as \"ghost@contoso.com\"") == true)
        #expect(lines.dropFirst().first?.contains("line 3: the time interval is \"45\"") == true)
        #expect(lines.dropFirst(2).first?.contains("line 4: serial number \"4412\" is already registered") == true)
        #expect(lines.last == "Nothing was imported: fix 3 problems and run the import again.")
        #expect(try Data(contentsOf: store) == before)
    }

    @Test func aMalformedFileIsRefusedBeforeTheStoreIsRead() throws {
        let folder = try temporaryFolder()
        let file = try csv([Self.header, "a@contoso.com,1,JBSWY3DPEHPK3PX1,45,,"], in: folder)
        // No store at all: the file's own problems come first.
        let result = try portal("tokens", "import", file.path, "--store", folder.appendingPathComponent("none.json").path)
        #expect(result.status == 1)
        #expect(result.error.contains("line 2: secret key: '1' (character 16) is not a Base32 character"))
        #expect(result.error.contains("line 2: the time interval is \"45\"; write 30 or 60"))
        let missing = try portal("tokens", "import", folder.appendingPathComponent("nope.csv").path)
        #expect(missing.status == 1)
        #expect(missing.error.contains("nope.csv: no such file"))
        #expect(try portal("tokens", "import").status == 2)
    }
}
