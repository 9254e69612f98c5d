import Foundation
import PortalCore
import Testing
@testable import PortalStore

@Suite("Conditional access in the store")
struct AccessValidationTests {
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

    private func editPolicy(_ object: inout [String: Any], _ index: Int, _ change: (inout [String: Any]) -> Void) {
        var items = object["conditionalAccessPolicies"] as! [[String: Any]]
        change(&items[index])
        object["conditionalAccessPolicies"] = items
    }

    private func editPath(_ policy: inout [String: Any], _ keys: [String], _ value: Any) {
        guard let key = keys.first else { return }
        if keys.count == 1 { policy[key] = value; return }
        var inner = policy[key] as? [String: Any] ?? [:]
        editPath(&inner, Array(keys.dropFirst()), value)
        policy[key] = inner
    }

    @Test func theDemoHasPoliciesAndApps() throws {
        let tenant = demoFixture()
        #expect(tenant.cloudApps.count == 4)
        #expect(tenant.conditionalAccessPolicies.contains { $0.state == .enabledForReportingButNotEnforced })
        #expect(tenant.conditionalAccessPolicies.contains { $0.state == .disabled })
        #expect(try problems { _ in }.isEmpty)
    }

    @Test func anOlderStoreWithoutThemLoadsUnchanged() throws {
        var object = try demoJSONObject()
        object.removeValue(forKey: "conditionalAccessPolicies")
        object.removeValue(forKey: "cloudApps")
        let tenant = try StoreCodec.decode(try jsonData(object), path: "portal.json")
        #expect(tenant.conditionalAccessPolicies.isEmpty)
        #expect(tenant.cloudApps.isEmpty)
        #expect(AccessRules(tenant: tenant).isEmpty)
    }

    @Test func aHandWrittenPolicyMayLeaveEmptyListsOut() throws {
        let lines = try problems {
            editPolicy(&$0, 0) { policy in
                policy["conditions"] = ["users": ["includeUsers": ["All"]],
                                        "applications": ["includeApplications": ["Office365"]]]
            }
        }
        #expect(lines.isEmpty)
    }

    @Test func refusesUnknownReferences() throws {
        let lines = try problems {
            editPolicy(&$0, 1) { policy in
                editPath(&policy, ["conditions", "users", "includeGroups"], ["grp-nobody"])
                editPath(&policy, ["conditions", "users", "excludeUsers"], ["usr-nobody"])
                editPath(&policy, ["conditions", "applications", "includeApplications"], ["app-nowhere"])
            }
        }
        #expect(lines.contains("portal.json: $.conditionalAccessPolicies[1].conditions.users.includeGroups[0]: no group has id \"grp-nobody\""))
        #expect(lines.contains("portal.json: $.conditionalAccessPolicies[1].conditions.users.excludeUsers[0]: no user has id \"usr-nobody\"; expected a user id, \"All\" or \"None\""))
        #expect(lines.contains { $0.hasPrefix("portal.json: $.conditionalAccessPolicies[1].conditions.applications.includeApplications[0]: no cloud app has id \"app-nowhere\"") })
    }

    @Test func refusesBadControls() throws {
        let empty = try problems { editPolicy(&$0, 0) { editPath(&$0, ["grantControls", "builtInControls"], [String]()) } }
        #expect(empty == ["portal.json: $.conditionalAccessPolicies[0].grantControls.builtInControls: is empty; a policy grants with at least one control (block, mfa, compliantDevice, ...)"])
        let blockAndMore = try problems { editPolicy(&$0, 0) { editPath(&$0, ["grantControls", "builtInControls"], ["block", "mfa"]) } }
        #expect(blockAndMore == ["portal.json: $.conditionalAccessPolicies[0].grantControls.builtInControls: block cannot be combined with other controls"])
        let twice = try problems { editPolicy(&$0, 0) { editPath(&$0, ["grantControls", "builtInControls"], ["mfa", "mfa"]) } }
        #expect(twice == ["portal.json: $.conditionalAccessPolicies[0].grantControls.builtInControls: names a control twice"])
    }

    @Test func refusesUnknownEnumValues() throws {
        let control = try problems { editPolicy(&$0, 0) { editPath(&$0, ["grantControls", "builtInControls"], ["faceScan"]) } }
        #expect(control.count == 1 && control[0].contains("unknown value \"faceScan\"; expected one of: block, mfa, compliantDevice"))
        let state = try problems { editPolicy(&$0, 0) { $0["state"] = "on" } }
        #expect(state.count == 1 && state[0].contains("expected one of: enabled, disabled, enabledForReportingButNotEnforced"))
        let op = try problems { editPolicy(&$0, 0) { editPath(&$0, ["grantControls", "operator"], "XOR") } }
        #expect(op.count == 1 && op[0].contains("expected one of: AND, OR"))
        let platform = try problems { editPolicy(&$0, 2) { editPath(&$0, ["conditions", "platforms", "includePlatforms"], ["beos"]) } }
        #expect(platform.count == 1 && platform[0].contains("expected one of: android, iOS, windowsPhone, windows, macOS, linux, all"))
    }

    @Test func refusesEmptyAppsAndPlatforms() throws {
        let apps = try problems { editPolicy(&$0, 0) { editPath(&$0, ["conditions", "applications", "includeApplications"], [String]()) } }
        #expect(apps == ["portal.json: $.conditionalAccessPolicies[0].conditions.applications.includeApplications: names no cloud app; write app ids, \"Office365\" or \"All\""])
        let platforms = try problems { editPolicy(&$0, 2) { editPath(&$0, ["conditions", "platforms", "includePlatforms"], [String]()) } }
        #expect(platforms.count == 1 && platforms[0].contains("includePlatforms: is empty, so the policy would apply to no device"))
    }

    @Test func refusesDuplicateIdsAndKeywordAppIds() throws {
        let duplicate = try problems { editPolicy(&$0, 1) { $0["id"] = "ca-exchange-compliant" } }
        #expect(duplicate == ["portal.json: $.conditionalAccessPolicies[1].id: duplicate id \"ca-exchange-compliant\""])
        let keyword = try problems { object in
            var apps = object["cloudApps"] as! [[String: Any]]
            apps.append(["id": "All", "displayName": "Everything"])
            object["cloudApps"] = apps
        }
        #expect(keyword == ["portal.json: $.cloudApps[4].id: \"All\" is a keyword policies use for many apps; give the app its own id"])
    }

    @Test func theSyntheticOrganizationStillLoads() throws {
        let tenant = SyntheticOrganization.make(.init(users: 5, devices: 20, apps: 10), seed: 7, now: Date(timeIntervalSince1970: 1_795_338_000), iterations: 1)
        // Fixtures hash with one round, which the validator refuses on its own.
        #expect(StoreValidator().problems(in: tenant).filter { !$0.path.hasSuffix("password.iterations") }.isEmpty)
        #expect(!tenant.conditionalAccessPolicies.isEmpty)
    }
}
