import Foundation
import PortalCore

/// Checks what JSON decoding cannot: unique ids, references that resolve,
/// and the limits product rules put on text and numbers.
public struct StoreValidator: Sendable {
    public init() {}

    public func problems(in tenant: Tenant) -> [StoreProblem] {
        var problems: [StoreProblem] = []
        func fail(_ path: String, _ message: String) { problems.append(StoreProblem(path: path, message: message)) }

        checkOrganization(tenant.organization, fail: fail)

        let groupIds = uniqueIds(tenant.groups.map(\.id), collection: "groups", fail: fail)
        checkNotifications(tenant.organization.notifications, groupIds: groupIds, fail: fail)
        let userIds = uniqueIds(tenant.users.map(\.id), collection: "users", fail: fail)
        let deviceIds = uniqueIds(tenant.managedDevices.map(\.id), collection: "managedDevices", fail: fail)
        _ = uniqueIds(tenant.compliancePolicies.map(\.id), collection: "compliancePolicies", fail: fail)
        let categoryIds = uniqueIds(tenant.mobileAppCategories.map(\.id), collection: "mobileAppCategories", fail: fail)
        let appIds = uniqueIds(tenant.mobileApps.map(\.id), collection: "mobileApps", fail: fail)
        _ = uniqueIds(tenant.mobileAppAssignments.map(\.id), collection: "mobileAppAssignments", fail: fail)

        var principalNames: [String: Int] = [:]
        for (index, user) in tenant.users.enumerated() {
            let path = "$.users[\(index)]"
            if !user.userPrincipalName.contains("@") {
                fail("\(path).userPrincipalName", "\"\(user.userPrincipalName)\" is not a user principal name like name@contoso.com")
            }
            if let first = principalNames[user.userPrincipalName.lowercased()] {
                fail("\(path).userPrincipalName", "duplicate of $.users[\(first)].userPrincipalName (names are case-insensitive)")
            } else {
                principalNames[user.userPrincipalName.lowercased()] = index
            }
            if user.displayName.isEmpty { fail("\(path).displayName", "must not be empty") }
            for (groupIndex, group) in user.groups.enumerated() where !groupIds.contains(group) {
                fail("\(path).groups[\(groupIndex)]", "no group has id \"\(group)\"")
            }
            if user.password.algorithm != "PBKDF2-HMAC-SHA256" {
                fail("\(path).password.algorithm", "unknown value \"\(user.password.algorithm)\"; expected PBKDF2-HMAC-SHA256")
            }
            if user.password.iterations < 1 { fail("\(path).password.iterations", "must be at least 1") }
            if Data(base64Encoded: user.password.salt) == nil { fail("\(path).password.salt", "is not Base64") }
            if Data(base64Encoded: user.password.hash) == nil { fail("\(path).password.hash", "is not Base64") }
            _ = uniqueIds(user.mfaMethods.map(\.id), collection: "users[\(index)].mfaMethods", fail: fail)
        }

        let usersById = Dictionary(tenant.users.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, device) in tenant.managedDevices.enumerated() {
            let path = "$.managedDevices[\(index)]"
            if let owner = usersById[device.userId] {
                if owner.userPrincipalName.lowercased() != device.userPrincipalName.lowercased() {
                    fail("\(path).userPrincipalName", "\"\(device.userPrincipalName)\" is not the principal name of user \"\(device.userId)\" (\(owner.userPrincipalName))")
                }
            } else if !userIds.contains(device.userId) {
                fail("\(path).userId", "no user has id \"\(device.userId)\"")
            }
            if device.deviceName.isEmpty { fail("\(path).deviceName", "must not be empty") }
            if device.complianceState == .inGracePeriod, device.complianceGracePeriodExpirationDateTime == nil {
                fail("\(path).complianceGracePeriodExpirationDateTime", "required while complianceState is inGracePeriod")
            }
        }

        for (index, policy) in tenant.compliancePolicies.enumerated() {
            checkPolicy(policy, path: "$.compliancePolicies[\(index)]", groupIds: groupIds, fail: fail)
        }

        for (index, app) in tenant.mobileApps.enumerated() {
            let path = "$.mobileApps[\(index)]"
            if app.displayName.isEmpty { fail("\(path).displayName", "must not be empty") }
            if app.sizeInBytes < 0 { fail("\(path).sizeInBytes", "must not be negative") }
            if app.platforms.isEmpty { fail("\(path).platforms", "must list at least one platform") }
            for (categoryIndex, category) in app.categories.enumerated() where !categoryIds.contains(category) {
                fail("\(path).categories[\(categoryIndex)]", "no mobileAppCategory has id \"\(category)\"")
            }
        }

        for (index, assignment) in tenant.mobileAppAssignments.enumerated() {
            let path = "$.mobileAppAssignments[\(index)]"
            if !appIds.contains(assignment.appId) { fail("\(path).appId", "no mobileApp has id \"\(assignment.appId)\"") }
            if !groupIds.contains(assignment.groupId) { fail("\(path).groupId", "no group has id \"\(assignment.groupId)\"") }
        }

        var seenStates: [String: Int] = [:]
        for (index, state) in tenant.appInstallStates.enumerated() {
            let path = "$.appInstallStates[\(index)]"
            if !appIds.contains(state.appId) { fail("\(path).appId", "no mobileApp has id \"\(state.appId)\"") }
            if !deviceIds.contains(state.deviceId) { fail("\(path).deviceId", "no managedDevice has id \"\(state.deviceId)\"") }
            let key = "\(state.appId)\u{0}\(state.deviceId)"
            if let first = seenStates[key] {
                fail(path, "duplicate of $.appInstallStates[\(first)] (same appId and deviceId)")
            } else {
                seenStates[key] = index
            }
        }
        return problems
    }

    /// Reports each repeated id and returns the set of ids.
    private func uniqueIds(_ ids: [String], collection: String, fail: (String, String) -> Void) -> Set<String> {
        var seen: [String: Int] = [:]
        for (index, id) in ids.enumerated() {
            if id.isEmpty { fail("$.\(collection)[\(index)].id", "must not be empty") }
            if let first = seen[id] {
                fail("$.\(collection)[\(index)].id", "duplicate id \"\(id)\" (first at $.\(collection)[\(first)])")
            } else {
                seen[id] = index
            }
        }
        return Set(seen.keys)
    }

    private func checkOrganization(_ organization: Organization, fail: (String, String) -> Void) {
        typealias Limits = Organization.Limits
        func limit(_ path: String, _ text: String, _ maximum: Int) {
            if text.count > maximum { fail(path, "\(text.count) characters; at most \(maximum) allowed") }
        }
        if organization.displayName.isEmpty { fail("$.organization.displayName", "must not be empty") }
        limit("$.organization.displayName", organization.displayName, Limits.displayName)
        if !ColorText.isHex(organization.themeColor) {
            fail("$.organization.themeColor", "\"\(organization.themeColor)\" is not a color like #0078d4")
        }
        let support = organization.support
        limit("$.organization.support.contactName", support.contactName, Limits.contactName)
        limit("$.organization.support.phoneNumber", support.phoneNumber, Limits.phone)
        limit("$.organization.support.emailAddress", support.emailAddress, Limits.email)
        limit("$.organization.support.websiteName", support.websiteName, Limits.websiteName)
        limit("$.organization.support.websiteUrl", support.websiteUrl, Limits.websiteUrl)
        limit("$.organization.support.additionalInformation", support.additionalInformation, Limits.additionalInformation)
        if organization.termsAndConditions.version < 1 {
            fail("$.organization.termsAndConditions.version", "must be 1 or more")
        }
        if organization.complianceValidityPeriodDays < 1 {
            fail("$.organization.complianceValidityPeriodDays", "must be 1 or more")
        }
        for (index, note) in organization.notifications.enumerated() {
            limit("$.organization.notifications[\(index)].title", note.title, Limits.notificationTitle)
            limit("$.organization.notifications[\(index)].body", note.body, Limits.notificationBody)
        }
        _ = uniqueIds(organization.notifications.map(\.id), collection: "organization.notifications", fail: fail)
    }

    private func checkPolicy(_ policy: CompliancePolicy, path: String, groupIds: Set<String>, fail: (String, String) -> Void) {
        for (index, group) in policy.assignedGroups.enumerated() where !groupIds.contains(group) {
            fail("\(path).assignedGroups[\(index)]", "no group has id \"\(group)\"")
        }
        if !(0...CompliancePolicy.maximumGracePeriodHours).contains(policy.gracePeriodHours) {
            fail("\(path).gracePeriodHours", "\(policy.gracePeriodHours) is outside 0 to \(CompliancePolicy.maximumGracePeriodHours) (365 days)")
        }
        let isApple = policy.platform.policyPlatform == .iOS
        if isApple {
            if policy.passwordRequired != nil || policy.passwordMinimumLength != nil || policy.passwordRequiredType != nil {
                fail(path, "iOS policies use passcodeRequired, passcodeMinimumLength and passcodeRequiredType, not password*")
            }
            if let length = policy.passcodeMinimumLength, !(4...14).contains(length) {
                fail("\(path).passcodeMinimumLength", "\(length) is outside 4 to 14")
            }
        } else {
            if policy.passcodeRequired != nil || policy.passcodeMinimumLength != nil || policy.passcodeRequiredType != nil {
                fail(path, "\(policy.platform.displayName) policies use password*, not passcode* (iOS only)")
            }
            if let length = policy.passwordMinimumLength, !(4...16).contains(length) {
                fail("\(path).passwordMinimumLength", "\(length) is outside 4 to 16")
            }
        }
        if policy.platform != .linux, policy.allowedDistributions != nil {
            fail("\(path).allowedDistributions", "applies to Linux policies only")
        }
        for (setting, value) in [("osMinimumVersion", policy.osMinimumVersion), ("osMaximumVersion", policy.osMaximumVersion)] {
            if let value, VersionNumber(value) == nil { fail("\(path).\(setting)", "\"\(value)\" is not a version like 17.4") }
        }
    }
}
