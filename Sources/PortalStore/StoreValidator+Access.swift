import Foundation
import PortalCore

/// Cloud apps and conditional access policies: ids unique, every user, group
/// and app a policy names exists, and each policy grants with something.
/// Enumerations (state, platforms, client app types, controls, operator) are
/// already refused by decoding when they hold an unknown value.
extension StoreValidator {
    /// Entra's limit on a policy's name.
    static let accessNameLimit = 256

    func checkAccess(_ tenant: Tenant, userIds: Set<String>, groupIds: Set<String>, fail: (String, String) -> Void) {
        func unique(_ ids: [String], _ collection: String) -> Set<String> {
            var seen = Set<String>()
            for (index, id) in ids.enumerated() {
                if id.isEmpty { fail("$.\(collection)[\(index)].id", "must not be empty") }
                if !seen.insert(id).inserted { fail("$.\(collection)[\(index)].id", "duplicate id \"\(id)\"") }
            }
            return seen
        }
        func name(_ path: String, _ value: String) {
            if value.isEmpty { fail(path, "must not be empty") }
            if value.count > Self.accessNameLimit { fail(path, "\(value.count) characters; at most \(Self.accessNameLimit) allowed") }
            if value.unicodeScalars.contains(where: InertText.isUnsafe) { fail(path, "holds control characters") }
        }

        let appIds = unique(tenant.cloudApps.map(\.id), "cloudApps")
        for (index, app) in tenant.cloudApps.enumerated() {
            name("$.cloudApps[\(index)].displayName", app.displayName)
            if Self.appKeywords.contains(app.id) {
                fail("$.cloudApps[\(index)].id", "\"\(app.id)\" is a keyword policies use for many apps; give the app its own id")
            }
        }

        _ = unique(tenant.conditionalAccessPolicies.map(\.id), "conditionalAccessPolicies")
        for (index, policy) in tenant.conditionalAccessPolicies.enumerated() {
            let path = "$.conditionalAccessPolicies[\(index)]"
            name("\(path).displayName", policy.displayName)
            let users = policy.conditions.users
            let usersPath = "\(path).conditions.users"
            for (field, list) in [("includeUsers", users.includeUsers), ("excludeUsers", users.excludeUsers)] {
                for (item, id) in list.enumerated() where !userIds.contains(id) && !Self.userKeywords.contains(id) {
                    fail("\(usersPath).\(field)[\(item)]", "no user has id \"\(id)\"; expected a user id, \"All\" or \"None\"")
                }
            }
            for (field, list) in [("includeGroups", users.includeGroups), ("excludeGroups", users.excludeGroups)] {
                for (item, id) in list.enumerated() where !groupIds.contains(id) {
                    fail("\(usersPath).\(field)[\(item)]", "no group has id \"\(id)\"")
                }
            }
            let applications = policy.conditions.applications
            let appsPath = "\(path).conditions.applications"
            if applications.includeApplications.isEmpty {
                fail("\(appsPath).includeApplications", "names no cloud app; write app ids, \"Office365\" or \"All\"")
            }
            for (field, list) in [("includeApplications", applications.includeApplications), ("excludeApplications", applications.excludeApplications)] {
                for (item, id) in list.enumerated() where !appIds.contains(id) && !Self.appKeywords.contains(id) {
                    fail("\(appsPath).\(field)[\(item)]", "no cloud app has id \"\(id)\"; expected an id from cloudApps, \"Office365\", \"All\" or \"None\"")
                }
            }
            if let platforms = policy.conditions.platforms, platforms.includePlatforms.isEmpty {
                fail("\(path).conditions.platforms.includePlatforms", "is empty, so the policy would apply to no device; leave platforms out to apply to every platform")
            }
            let controls = policy.grantControls.builtInControls
            let controlsPath = "\(path).grantControls.builtInControls"
            if controls.isEmpty {
                fail(controlsPath, "is empty; a policy grants with at least one control (block, mfa, compliantDevice, ...)")
            } else if controls.contains(.block), controls.count > 1 {
                fail(controlsPath, "block cannot be combined with other controls")
            }
            if Set(controls).count != controls.count {
                fail(controlsPath, "names a control twice")
            }
        }
    }

    static let userKeywords: Set<String> = [ConditionalAccessUsers.all, "None"]
    static let appKeywords: Set<String> = [ConditionalAccessApplications.all, ConditionalAccessApplications.office365, "None"]
}
