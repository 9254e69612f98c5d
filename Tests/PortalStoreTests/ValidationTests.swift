import Foundation
import PortalCore
import Testing
@testable import PortalStore

@Suite("Store validation messages")
struct ValidationTests {
    private func problems(_ change: (inout [String: Any]) -> Void) throws -> [String] {
        var object = try demoJSONObject()
        change(&object)
        let data = try jsonData(object)
        do {
            _ = try StoreCodec.decode(data, path: "portal.json")
            return []
        } catch {
            return error.problemLines
        }
    }

    private func edit(_ object: inout [String: Any], _ key: String, _ index: Int, _ change: (inout [String: Any]) -> Void) {
        var items = object[key] as! [[String: Any]]
        change(&items[index])
        object[key] = items
    }

    @Test func theDemoIsValid() throws {
        #expect(try problems { _ in }.isEmpty)
        #expect(StoreValidator().problems(in: demoFixture()).isEmpty)
    }

    @Test func unknownEnumValueNamesPathAndChoices() throws {
        let lines = try problems { edit(&$0, "managedDevices", 2) { $0["complianceState"] = "sorta" } }
        #expect(lines == ["portal.json: $.managedDevices[2].complianceState: unknown value \"sorta\"; expected one of: unknown, compliant, noncompliant, conflict, error, inGracePeriod, configManager"])
    }

    @Test func missingRequiredField() throws {
        let lines = try problems { edit(&$0, "users", 1) { $0.removeValue(forKey: "displayName") } }
        #expect(lines == ["portal.json: $.users[1].displayName: missing required field \"displayName\""])
    }

    @Test func wrongType() throws {
        let lines = try problems { edit(&$0, "mobileApps", 0) { $0["sizeInBytes"] = "big" } }
        #expect(lines == ["portal.json: $.mobileApps[0].sizeInBytes: expected a number"])
    }

    @Test func badDate() throws {
        let lines = try problems { edit(&$0, "managedDevices", 0) { $0["enrolledDateTime"] = "yesterday" } }
        #expect(lines.first?.contains("$.managedDevices[0].enrolledDateTime: \"yesterday\" is not an ISO-8601 date") == true)
    }

    @Test func everyBadElementIsReported() throws {
        let lines = try problems {
            edit(&$0, "managedDevices", 0) { $0["operatingSystem"] = "BeOS" }
            edit(&$0, "managedDevices", 5) { $0["jailBroken"] = "Maybe" }
            edit(&$0, "mobileApps", 3) { $0.removeValue(forKey: "publisher") }
        }
        #expect(lines.count == 3)
        #expect(lines.contains { $0.contains("$.managedDevices[0].operatingSystem") })
        #expect(lines.contains { $0.contains("$.managedDevices[5].jailBroken") })
        #expect(lines.contains { $0.contains("$.mobileApps[3].publisher") })
    }

    @Test func duplicateIds() throws {
        let lines = try problems { edit(&$0, "managedDevices", 1) { $0["id"] = "dev-adele-iphone" } }
        #expect(lines.contains("portal.json: $.managedDevices[1].id: duplicate id \"dev-adele-iphone\" (first at $.managedDevices[0])"))
    }

    @Test func danglingReferences() throws {
        let lines = try problems {
            edit(&$0, "managedDevices", 0) { $0["userId"] = "usr-nobody" }
            edit(&$0, "mobileAppAssignments", 0) { $0["groupId"] = "grp-ghosts" }
        }
        #expect(lines.contains("portal.json: $.managedDevices[0].userId: no user has id \"usr-nobody\""))
        #expect(lines.contains("portal.json: $.mobileAppAssignments[0].groupId: no group has id \"grp-ghosts\""))
    }

    @Test func limitsFromTheProductRules() throws {
        let lines = try problems {
            var organization = $0["organization"] as! [String: Any]
            organization["displayName"] = String(repeating: "x", count: 41)
            organization["themeColor"] = "blue"
            $0["organization"] = organization
            edit(&$0, "compliancePolicies", 0) { $0["gracePeriodHours"] = 9_000; $0["passcodeMinimumLength"] = 3 }
        }
        #expect(lines.contains("portal.json: $.organization.displayName: 41 characters; at most 40 allowed"))
        #expect(lines.contains("portal.json: $.organization.themeColor: \"blue\" is not a color like #0078d4"))
        #expect(lines.contains("portal.json: $.compliancePolicies[0].gracePeriodHours: 9000 is outside 0 to 8760 (365 days)"))
        #expect(lines.contains("portal.json: $.compliancePolicies[0].passcodeMinimumLength: 3 is outside 4 to 14"))
    }

    @Test func missingSchemaVersionAndNotJSON() throws {
        let noVersion = try problems { $0.removeValue(forKey: "schemaVersion") }
        #expect(noVersion.first?.hasPrefix("portal.json: $.schemaVersion: missing required field") == true)
        do {
            _ = try StoreCodec.decode(Data("{ nope".utf8), path: "portal.json")
            Issue.record("garbage decoded")
        } catch {
            #expect(error.problemLines.first?.hasPrefix("portal.json: $: not valid JSON") == true)
        }
    }
}

@Suite("Demo organization")
struct DemoOrganizationTests {
    @Test func hasWhatTheFoundationPromises() {
        let tenant = demoFixture()
        #expect(tenant.users.count >= 4)
        // Every user with devices has a few; two accounts exist for their sign-in steps alone.
        for user in tenant.users where user.mfaState == .disabled || !user.codeMethods.isEmpty {
            guard user.forceChangePasswordNextSignIn != true else { continue }
            #expect((2...5).contains(tenant.devices(of: user).count), "\(user.displayName)")
        }
        #expect(Set(tenant.managedDevices.map(\.operatingSystem.policyPlatform)) == [.iOS, .android, .windows, .macOS, .linux])
        let states = Set(tenant.managedDevices.map(\.complianceState))
        #expect(states.isSuperset(of: [.compliant, .noncompliant, .inGracePeriod, .unknown]))
        #expect(tenant.mobileApps.count >= 40)
        #expect(Set(tenant.mobileApps.flatMap(\.categories)).count >= 6)
        #expect(tenant.mobileApps.contains { $0.isFeatured })
        #expect(tenant.mobileAppAssignments.contains { $0.intent == .required })
    }

    @Test func demoPasswordsVerify() {
        let tenant = demoFixture()
        for account in DemoOrganization.accounts {
            #expect(tenant.user(principalName: account.userPrincipalName)?.password.verify(account.password) == true)
        }
    }

    @Test func realDemoStoresUseTheRecommendedIterations() {
        let tenant = DemoOrganization.make(now: fixtureNow, random: SeededRandomSource(seed: 1), iterations: PasswordHash.recommendedIterations)
        #expect(tenant.users.allSatisfy { $0.password.iterations == 600_000 })
    }
}
