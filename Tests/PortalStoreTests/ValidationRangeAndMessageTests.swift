import Foundation
import PortalCore
import Testing
@testable import PortalStore

/// Lines `store validate` would print for a document.
func problemLines(_ data: Data) -> [String] {
    do {
        _ = try StoreCodec.decode(data, path: "portal.json")
        return []
    } catch {
        return error.problemLines
    }
}

func demoText() throws -> String {
    String(decoding: try StoreCodec.encode(demoFixture()), as: UTF8.self)
}

private func problems(_ change: (inout [String: Any]) -> Void) throws -> [String] {
    var object = try demoJSONObject()
    change(&object)
    return problemLines(try jsonData(object))
}

private func edit(_ object: inout [String: Any], _ key: String, _ index: Int, _ change: (inout [String: Any]) -> Void) {
    var items = object[key] as! [[String: Any]]
    change(&items[index])
    object[key] = items
}

private func editNested(_ object: inout [String: Any], _ key: String, _ index: Int, _ field: String, _ change: (inout [String: Any]) -> Void) {
    edit(&object, key, index) { item in
        var nested = item[field] as! [String: Any]
        change(&nested)
        item[field] = nested
    }
}

@Suite("Store ranges")
struct StoreRangeTests {
    @Test(arguments: [99_999, 10_000_001, 4_294_967_295, 4_294_967_296, Int.max, 0])
    func iterationsOutsideWhatAnOrganizationMayUse(_ iterations: Int) throws {
        let lines = try problems { editNested(&$0, "users", 0, "password") { $0["iterations"] = iterations } }
        #expect(lines == ["portal.json: $.users[0].password.iterations: \(iterations) is outside 100,000 to 10,000,000"])
    }

    @Test func iterationsAtTheBoundsAreValid() throws {
        // The floor is what the fixture uses; the ceiling is checked on the model.
        #expect(try problems { _ in }.isEmpty)
        var tenant = demoFixture()
        tenant.users[0].password.iterations = 10_000_000
        #expect(StoreValidator().problems(in: tenant).isEmpty)
    }

    @Test func everyOtherNumberHasARange() throws {
        let linux = try #require(demoFixture().compliancePolicies.firstIndex { $0.platform == .linux })
        let lines = try problems {
            var organization = $0["organization"] as! [String: Any]
            organization["complianceValidityPeriodDays"] = 121
            var terms = organization["termsAndConditions"] as! [String: Any]
            terms["version"] = 0
            organization["termsAndConditions"] = terms
            $0["organization"] = organization
            edit(&$0, "mobileApps", 0) { $0["sizeInBytes"] = -1 }
            edit(&$0, "mobileApps", 1) { $0["sizeInBytes"] = Int.max }
            editNested(&$0, "managedDevices", 0, "passcode") { $0["length"] = Int.max - 1; $0["digits"] = Int.max }
            editNested(&$0, "managedDevices", 1, "passcode") { $0["length"] = 4; $0["digits"] = 3; $0["symbols"] = 2 }
            edit(&$0, "compliancePolicies", linux) { $0["passwordMinimumDigits"] = 17; $0["passwordMinimumSymbols"] = -1 }
        }
        #expect(lines.contains("portal.json: $.organization.complianceValidityPeriodDays: 121 is outside 1 to 120"))
        #expect(lines.contains("portal.json: $.organization.termsAndConditions.version: 0 is outside 1 to 1,000,000"))
        #expect(lines.contains("portal.json: $.mobileApps[0].sizeInBytes: -1 is outside 0 to 1,099,511,627,776"))
        #expect(lines.contains("portal.json: $.mobileApps[1].sizeInBytes: \(Int.max) is outside 0 to 1,099,511,627,776"))
        #expect(lines.contains("portal.json: $.managedDevices[0].passcode.length: \(Int.max - 1) is outside 0 to 1,024"))
        #expect(lines.contains("portal.json: $.managedDevices[0].passcode.digits: \(Int.max) is outside 0 to 1,024"))
        #expect(lines.contains("portal.json: $.managedDevices[1].passcode.length: 4 is less than its digits, lowercase, uppercase and symbols together"))
        #expect(lines.contains("portal.json: $.compliancePolicies[\(linux)].passwordMinimumDigits: 17 is outside 0 to 16"))
        #expect(lines.contains("portal.json: $.compliancePolicies[\(linux)].passwordMinimumSymbols: -1 is outside 0 to 16"))
        #expect(lines.count == 9, "\(lines)")
    }

    @Test func saltsAndHashesHaveSizes() throws {
        let lines = try problems {
            editNested(&$0, "users", 2, "password") { $0["salt"] = "AAAA"; $0["hash"] = Data(count: 4_096).base64EncodedString() }
        }
        #expect(lines == ["portal.json: $.users[2].password.salt: holds 3 bytes; expected 8 to 64",
                          "portal.json: $.users[2].password.hash: holds 4096 bytes; expected 8 to 64"])
    }
}

@Suite("Store validation in one pass")
struct OnePassValidationTests {
    /// References and ranges are reported beside type problems, not after
    /// the types are fixed.
    @Test func typeReferenceAndRangeProblemsTogether() throws {
        let lines = try problems {
            edit(&$0, "managedDevices", 0) { $0["operatingSystem"] = "BeOS" }
            edit(&$0, "managedDevices", 3) { $0["userId"] = "usr-nobody" }
            edit(&$0, "mobileAppAssignments", 0) { $0["groupId"] = "grp-ghosts" }
            edit(&$0, "mobileApps", 2) { $0["sizeInBytes"] = -5 }
            $0["organization"] = ["displayName": 5]
        }
        #expect(lines.contains { $0.hasPrefix("portal.json: $.managedDevices[0].operatingSystem: unknown value \"BeOS\"") })
        #expect(lines.contains("portal.json: $.managedDevices[3].userId: no user has id \"usr-nobody\""))
        #expect(lines.contains("portal.json: $.mobileAppAssignments[0].groupId: no group has id \"grp-ghosts\""))
        #expect(lines.contains("portal.json: $.mobileApps[2].sizeInBytes: -5 is outside 0 to 1,099,511,627,776"))
        #expect(lines.contains { $0.hasPrefix("portal.json: $.organization") })
        #expect(lines.count == 5, "\(lines)")
    }

    /// An element that does not decode is not also reported as a missing
    /// reference target, and later elements keep their own positions.
    @Test func undecodedElementsKeepIdsAndPositions() throws {
        let lines = try problems {
            edit(&$0, "managedDevices", 0) { $0["enrolledDateTime"] = 7 }
            edit(&$0, "managedDevices", 4) { $0["deviceName"] = "" }
        }
        #expect(lines == ["portal.json: $.managedDevices[0].enrolledDateTime: expected a string",
                          "portal.json: $.managedDevices[4].deviceName: must not be empty"])
    }

    @Test func aMissingCollectionDoesNotHideTheRest() throws {
        let lines = try problems {
            $0.removeValue(forKey: "groups")
            $0["appInstallStates"] = "none"
        }
        #expect(lines.contains("portal.json: $.groups: missing required field \"groups\""))
        #expect(lines.contains("portal.json: $.appInstallStates: expected an array"))
        #expect(lines.contains { $0.contains("$.users[0].groups[0]: no group has id") })
    }
}

@Suite("Store messages a person can act on")
struct StoreMessageTests {
    private static let rawSwiftText = ["cannotConvert", "numberIsNotRepresentable", "NSCocoaErrorDomain", "The given data was not valid JSON",
                                       "Error Domain", "DecodingError", "..", "You don't have permission"]

    private func expectReadable(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!lines.isEmpty, sourceLocation: sourceLocation)
        for line in lines {
            #expect(line.hasPrefix("portal.json: $"), "\(line)", sourceLocation: sourceLocation)
            for raw in Self.rawSwiftText { #expect(!line.contains(raw), "\(line)", sourceLocation: sourceLocation) }
        }
    }

    @Test func notUTF8SaysWhere() throws {
        var data = Data(try demoText().utf8)
        let at = data.firstIndex(of: UInt8(ascii: "C"))!
        data[at] = 0xFF
        let lines = problemLines(data)
        expectReadable(lines)
        #expect(lines.first?.contains("not UTF-8 text: line ") == true)
    }

    @Test(arguments: ["1e400", "99999999999999999999", "1.5", "-1e400"])
    func numbersAFieldCannotHold(_ number: String) throws {
        let text = try demoText().replacingOccurrences(of: "\"sizeInBytes\" : ", with: "\"sizeInBytes\" : \(number), \"x\" : ", options: [], range: nil)
        let lines = problemLines(Data(text.utf8))
        expectReadable(lines)
        #expect(lines.first == "portal.json: $.mobileApps[0].sizeInBytes: \(number): expected a whole number, with no fraction or exponent, of at most 9,223,372,036,854,775,807")
        #expect(lines.count == demoFixture().mobileApps.count)
    }

    @Test(arguments: ["1.5", "\"1\"", "true", "null", "1e400"])
    func aSchemaVersionThatIsNotAWholeNumber(_ value: String) throws {
        let text = try demoText().replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : \(value)")
        let lines = problemLines(Data(text.utf8))
        expectReadable(lines)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("portal.json: $.schemaVersion: ") == true)
        #expect(lines.first?.contains("is not a schema version") == true)
    }

    @Test(arguments: ["{\"a\": 1,}", "[1, 2,]", "{\"a\" 1}", "{\"a\": tru}", "{\"a\": 01}", "{\"a\": \"\u{1}\"}", "{} x", "{\"a\": \"\\q\"}"])
    func syntaxErrorsSayWhere(_ text: String) {
        let lines = problemLines(Data(text.utf8))
        expectReadable(lines)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("portal.json: $: not valid JSON: line 1, column ") == true, "\(lines)")
    }

    @Test func tooDeepIsRefusedNotCrashed() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let lines = problemLines(Data(text.utf8))
        expectReadable(lines)
        #expect(lines.first?.contains("nested deeper than 64 levels") == true)
    }

    @Test(arguments: ["2026-02-30T10:00:00Z", "2026-02-10T25:00:00Z", "2026-02-10T10:00:00Zjunk", "2026-13-01T00:00:00Z",
                      "2026-04-31T00:00:00Z", "2027-02-29T00:00:00Z", "2026-02-10T10:60:00Z", "2026-02-10T10:00:60Z",
                      "2026-02-10 10:00:00Z", "12026-02-10T10:00:00Z", "2026-02-10T10:00:00+25:00", "1969-12-31T23:59:59Z"])
    func impossibleDatesAreRejectedNotShifted(_ date: String) throws {
        let lines = try problems { edit(&$0, "managedDevices", 0) { $0["enrolledDateTime"] = date } }
        expectReadable(lines)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("portal.json: $.managedDevices[0].enrolledDateTime: \"\(date)\" is not an ISO-8601 date") == true, "\(lines)")
    }

    @Test func realDatesReadExactly() {
        #expect(StoreDate.parse("2028-02-29T23:59:59Z") == Date(timeIntervalSince1970: 1_835_481_599))
        #expect(StoreDate.parse("2026-11-22T09:30:00.250+01:00") == Date(timeIntervalSince1970: 1_795_336_200))
        #expect(StoreDate.parse("1970-01-01T00:00:00Z") == Date(timeIntervalSince1970: 0))
        #expect(StoreDate.parse("2000-02-29T00:00:00Z") != nil)
        #expect(StoreDate.parse("1900-02-29T00:00:00Z") == nil)
    }

    /// Foundation keeps one value of a repeated key without a word, and jq
    /// keeps the other: a repeated key is refused, with its path.
    @Test func duplicateKeysAreRejectedWithTheirPath() throws {
        var text = try demoText()
        text = text.replacingOccurrences(of: "\"displayName\" : \"Contoso\",", with: "\"displayName\" : \"Contoso\",\n    \"displayName\" : \"Fabrikam\",")
        text = text.replacingOccurrences(of: "{\n  \"appInstallStates\"", with: "{\n  \"we\\u0069rd key\" : 1,\n  \"weird key\" : 2,\n  \"appInstallStates\"")
        let lines = problemLines(Data(text.utf8))
        #expect(lines.contains("portal.json: $.organization.displayName: this key appears more than once in the same object; keep one"))
        #expect(lines.contains("portal.json: $[\"weird key\"]: this key appears more than once in the same object; keep one"))
        #expect(lines.count == 2, "\(lines)")
    }

    /// Store text with control characters is escaped in every line, and one
    /// problem stays one line, so a store cannot retitle the terminal (OSC 0)
    /// or print a line that seems to name another file.
    @Test func controlCharactersInStoreTextAreEscaped() throws {
        let hostile = "\u{1B}]0;owned\u{07}\nother.json: $: all good\u{9B}2J\u{202E}"
        let lines = try problems {
            edit(&$0, "managedDevices", 0) { $0["userId"] = hostile }
            edit(&$0, "managedDevices", 1) { $0["complianceState"] = hostile }
            var organization = $0["organization"] as! [String: Any]
            organization["themeColor"] = hostile
            $0["organization"] = organization
        }
        #expect(lines.count == 3)
        for line in lines {
            #expect(!line.unicodeScalars.contains { InertText.isUnsafe($0) }, "\(line)")
            #expect(line.contains("\\u{1B}]0;owned\\u{7}\\u{A}other.json"))
        }
        let error = StoreError.invalid(path: "dir\u{1B}[2J/portal.json", problems: [StoreProblem(path: "$", message: hostile)])
        #expect(!error.description.unicodeScalars.contains { $0 != "\n" && InertText.isUnsafe($0) })
        #expect(error.description.split(separator: "\n").count == 2)
    }

    /// Password hashes and salts are never echoed, whatever is wrong with them.
    @Test func secretsNeverAppearInMessages() throws {
        let tenant = demoFixture()
        let methods = tenant.users.flatMap { $0.mfaMethods.compactMap(\.secretKey) }
        let secrets = tenant.users.flatMap { [$0.password.salt, $0.password.hash] } + methods
        let lines = try problems {
            if var users = $0["users"] as? [[String: Any]], var methods = users[3]["mfaMethods"] as? [[String: Any]] {
                methods[0]["secretKey"] = "\(methods[0]["secretKey"]!)1"
                users[3]["mfaMethods"] = methods
                $0["users"] = users
            }
            editNested(&$0, "users", 0, "password") { $0["salt"] = "\($0["salt"]!)!"; $0["hash"] = "\u{1B}\($0["hash"]!)" }
            editNested(&$0, "users", 1, "password") { $0["hash"] = 12; $0["iterations"] = "many" }
            editNested(&$0, "users", 2, "password") { $0["algorithm"] = "MD5" }
            edit(&$0, "users", 3) { $0["userPrincipalName"] = "no-at-sign" }
        }
        #expect(lines.count >= 5)
        for line in lines {
            for secret in secrets { #expect(!line.contains(secret)) }
            #expect(!line.contains(String(secrets[0].prefix(12))))
        }
    }
}

@Suite("Store reading refuses what is not a store file")
struct StoreReadTests {
    @Test func aFolderIsNamedAsOne() throws {
        let folder = try temporaryFolder()
        #expect(throws: StoreError.unreadable(path: folder.path, reason: "it is a folder, not a store file")) { try JSONStore(url: folder).load() }
        let description = StoreError.unreadable(path: folder.path, reason: "it is a folder, not a store file").description
        #expect(!description.contains(".."))
        #expect(!description.contains("NSCocoaErrorDomain"))
    }

    @Test func aMissingFileNamesStoreInit() throws {
        let url = try temporaryFolder().appendingPathComponent("nowhere.json")
        #expect(throws: StoreError.notFound(path: url.path)) { try JSONStore(url: url).load() }
        #expect(StoreError.notFound(path: url.path).description.contains("portal store init"))
    }
}

@Suite("Install ranges")
struct InstallRangeTests {
    @Test func installNumbersHaveRanges() throws {
        let acrobat = try #require(demoFixture().mobileApps.firstIndex { $0.id == "app-adobe-acrobat-reader" })
        let lines = try problems {
            edit(&$0, "mobileApps", acrobat) { app in
                app["simulatedInstallFailures"] = [["platform": "macOS", "errorCode": 4_294_967_296, "attempts": 0],
                                                   ["platform": "macOS", "errorCode": -1, "attempts": 1_001]]
            }
            edit(&$0, "appInstallStates", 0) { record in
                record["errorCode"] = -2_147_483_649
                record["failedAttempts"] = -1
                record["installRequest"] = ["action": "install", "requestedDateTime": "2026-11-22T09:00:00Z", "progressInSeconds": 86_401]
            }
        }
        #expect(lines.contains("portal.json: $.mobileApps[\(acrobat)].simulatedInstallFailures[0].errorCode: 4294967296 is outside -2,147,483,648 to 4,294,967,295"))
        #expect(lines.contains("portal.json: $.mobileApps[\(acrobat)].simulatedInstallFailures[1].attempts: 1001 is outside 0 to 1,000"))
        #expect(lines.contains("portal.json: $.mobileApps[\(acrobat)].simulatedInstallFailures[1].platform: macOS is listed twice"))
        #expect(lines.contains("portal.json: $.appInstallStates[0].errorCode: -2147483649 is outside -2,147,483,648 to 4,294,967,295"))
        #expect(lines.contains("portal.json: $.appInstallStates[0].failedAttempts: -1 is outside 0 to 1,000"))
        #expect(lines.contains("portal.json: $.appInstallStates[0].installRequest.progressInSeconds: 86401 is outside 0 to 86,400"))
    }

    @Test func aRequestMustGoWithItsState() throws {
        let lines = try problems {
            edit(&$0, "appInstallStates", 0) { record in
                record["installState"] = "notInstalled"
                record["installRequest"] = ["action": "uninstall", "requestedDateTime": "2026-11-22T09:00:00Z", "progressInSeconds": 0]
            }
        }
        #expect(lines == ["portal.json: $.appInstallStates[0].installState: notInstalled does not go with an installRequest to uninstall"])
    }
}
