import Foundation
import PortalCore

/// App protection policies and app registrations: ids unique, references
/// that resolve, identifiers that fit the platform, text that fits a screen.
extension StoreValidator {
    func checkAppProtection(_ tenant: Tenant, userIds: Set<String>, groupIds: Set<String>, fail: (String, String) -> Void) {
        func unique(_ ids: [String], _ collection: String) -> Set<String> {
            var seen = Set<String>()
            for (index, id) in ids.enumerated() {
                if id.isEmpty { fail("$.\(collection)[\(index)].id", "must not be empty") }
                if !seen.insert(id).inserted { fail("$.\(collection)[\(index)].id", "duplicate id \"\(id)\"") }
            }
            return seen
        }
        func text(_ path: String, _ value: String, limit: Int = Self.appProtectionTextLimit) {
            if value.isEmpty { fail(path, "must not be empty") }
            if value.count > limit { fail(path, "\(value.count) characters; at most \(limit) allowed") }
            if value.unicodeScalars.contains(where: InertText.isUnsafe) { fail(path, "holds control characters") }
        }
        func identifier(_ path: String, _ identifier: MobileAppIdentifier, platform: ManagedAppPlatform) {
            let (wanted, other) = platform == .iOS ? (identifier.bundleId, identifier.packageId) : (identifier.packageId, identifier.bundleId)
            let name = platform == .iOS ? "bundleId" : "packageId"
            if other != nil { fail(path, "an \(platform.displayName) app is named by its \(name) only") }
            guard let wanted else { return fail("\(path).\(name)", "missing: an \(platform.displayName) app is named by its \(name), like com.microsoft.office.outlook") }
            text("\(path).\(name)", wanted)
            if wanted.contains(where: { $0.isWhitespace }) { fail("\(path).\(name)", "holds spaces; write it like com.microsoft.office.outlook") }
        }

        let policyIds = unique(tenant.managedAppProtections.map(\.id), "managedAppProtections")
        for (index, policy) in tenant.managedAppProtections.enumerated() {
            let path = "$.managedAppProtections[\(index)]"
            text("\(path).displayName", policy.displayName)
            if policy.apps.isEmpty { fail("\(path).apps", "protects no app; list at least one") }
            var seen = Set<String>()
            for (appIndex, app) in policy.apps.enumerated() {
                text("\(path).apps[\(appIndex)].displayName", app.displayName)
                identifier("\(path).apps[\(appIndex)].mobileAppIdentifier", app.mobileAppIdentifier, platform: policy.platform)
                if !seen.insert(app.mobileAppIdentifier.value).inserted {
                    fail("\(path).apps[\(appIndex)].mobileAppIdentifier", "\"\(app.mobileAppIdentifier.value)\" is listed twice")
                }
            }
            for (groupIndex, group) in policy.assignedGroups.enumerated() where !groupIds.contains(group) {
                fail("\(path).assignedGroups[\(groupIndex)]", "no group has id \"\(group)\"")
            }
            text("\(path).threatDefenseApp.displayName", policy.threatDefenseApp.displayName)
            text("\(path).threatDefenseApp.storeName", policy.threatDefenseApp.storeName)
        }

        _ = unique(tenant.managedAppRegistrations.map(\.id), "managedAppRegistrations")
        let deviceIds = Set(tenant.simulatedDevices.map(\.id))
        var registered = Set<String>()
        for (index, registration) in tenant.managedAppRegistrations.enumerated() {
            let path = "$.managedAppRegistrations[\(index)]"
            if !userIds.contains(registration.userId) { fail("\(path).userId", "no user has id \"\(registration.userId)\"") }
            if !deviceIds.contains(registration.simulatedDeviceId) {
                fail("\(path).simulatedDeviceId", "no simulated device has id \"\(registration.simulatedDeviceId)\"")
            }
            let policy = tenant.managedAppProtections.first { $0.id == registration.policyId }
            if !policyIds.contains(registration.policyId) {
                fail("\(path).policyId", "no app protection policy has id \"\(registration.policyId)\"")
            }
            if let policy { identifier("\(path).appIdentifier", registration.appIdentifier, platform: policy.platform) }
            text("\(path).deviceName", registration.deviceName, limit: ManagedAppRegistration.deviceNameLimit)
            text("\(path).appDisplayName", registration.appDisplayName)
            for (field, value) in [("deviceType", registration.deviceType), ("deviceModel", registration.deviceModel),
                                   ("deviceManufacturer", registration.deviceManufacturer), ("platformVersion", registration.platformVersion)]
                where value.count > Self.appProtectionTextLimit || value.unicodeScalars.contains(where: InertText.isUnsafe) {
                fail("\(path).\(field)", "at most \(Self.appProtectionTextLimit) characters, no control characters")
            }
            if registration.lastSyncDateTime < registration.createdDateTime {
                fail("\(path).lastSyncDateTime", "is before createdDateTime")
            }
            let key = "\(registration.userId)\u{0}\(registration.simulatedDeviceId)\u{0}\(registration.appIdentifier.value)"
            if !registered.insert(key).inserted { fail(path, "the user registered this app on this device already") }
        }
    }

    static let appProtectionTextLimit = 80
}
