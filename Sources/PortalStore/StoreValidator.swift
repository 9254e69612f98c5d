import Foundation
import PortalCore

/// Checks what JSON decoding cannot: unique ids, references that resolve,
/// and the limits product rules put on text and numbers.
public struct StoreValidator: Sendable {
    /// What a lenient decode kept: where each decoded element sat in the file,
    /// and the ids of elements that did not decode, so references to them are
    /// not reported as dangling on top of their own problems.
    struct Partial: Sendable {
        var positions: [String: [Int]] = [:]
        var undecodedIds: [String: Set<String>] = [:]
        var organizationDecoded = true
        /// False for one user's part of a database: a reference to a row
        /// outside the part is not a dangling one.
        var holdsEveryRow = true
    }

    private let partial: Partial

    public init() { partial = Partial() }

    init(partial: Partial) { self.partial = partial }

    /// For a part of the store (what a database reads for one user): every
    /// check of a file's but that a reference must find its row in the part.
    static let part = StoreValidator(partial: Partial(holdsEveryRow: false))

    /// `$.users[3]`, numbered as in the file even when earlier elements did not decode.
    private func at(_ collection: String, _ index: Int) -> String {
        let original = partial.positions[collection].flatMap { index < $0.count ? $0[index] : nil } ?? index
        return "$.\(collection)[\(original)]"
    }

    public func problems(in tenant: Tenant) -> [StoreProblem] {
        var problems: [StoreProblem] = []
        func fail(_ path: String, _ message: String) { problems.append(StoreProblem(path: path, message: message)) }

        if partial.organizationDecoded { checkOrganization(tenant.organization, fail: fail) }

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
            let path = at("users", index)
            if !user.userPrincipalName.contains("@") {
                fail("\(path).userPrincipalName", "\"\(user.userPrincipalName)\" is not a user principal name like name@contoso.com")
            }
            if let first = principalNames[user.userPrincipalName.lowercased()] {
                fail("\(path).userPrincipalName", "duplicate of \(at("users", first)).userPrincipalName (names are case-insensitive)")
            } else {
                principalNames[user.userPrincipalName.lowercased()] = index
            }
            if user.displayName.isEmpty { fail("\(path).displayName", "must not be empty") }
            for (groupIndex, group) in user.groups.enumerated() where !groupIds.contains(group) {
                fail("\(path).groups[\(groupIndex)]", "no group has id \"\(group)\"")
            }
            checkPasswordHash(user.password, path: "\(path).password", fail: fail)
            _ = uniqueIds(user.mfaMethods.map(\.id), collection: "\(path.dropFirst(2)).mfaMethods", fail: fail)
            checkAccount(user, path: path, fail: fail)
        }
        checkLockouts(tenant.signInLockouts, fail: fail)
        checkEnrollmentData(tenant, userIds: userIds, fail: fail)
        checkNotificationReads(tenant.notificationReads, userIds: userIds, fail: fail)
        checkAppProtection(tenant, userIds: userIds, groupIds: groupIds, fail: fail)
        checkAccess(tenant, userIds: userIds, groupIds: groupIds, fail: fail)

        let usersById = Dictionary(tenant.users.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, device) in tenant.managedDevices.enumerated() {
            let path = at("managedDevices", index)
            if let owner = usersById[device.userId] {
                if owner.userPrincipalName.lowercased() != device.userPrincipalName.lowercased() {
                    fail("\(path).userPrincipalName", "\"\(device.userPrincipalName)\" is not the principal name of user \"\(device.userId)\" (\(owner.userPrincipalName))")
                }
            } else if !userIds.contains(device.userId), !undecoded("users", device.userId) {
                fail("\(path).userId", "no user has id \"\(device.userId)\"")
            }
            if device.deviceName.isEmpty { fail("\(path).deviceName", "must not be empty") }
            if device.complianceState == .inGracePeriod, device.complianceGracePeriodExpirationDateTime == nil {
                fail("\(path).complianceGracePeriodExpirationDateTime", "required while complianceState is inGracePeriod")
            }
            if let facts = device.passcode { checkPasscode(facts, path: "\(path).passcode", fail: fail) }
        }

        for (index, policy) in tenant.compliancePolicies.enumerated() {
            checkPolicy(policy, path: at("compliancePolicies", index), groupIds: groupIds, fail: fail)
        }

        for (index, app) in tenant.mobileApps.enumerated() {
            let path = at("mobileApps", index)
            if app.displayName.isEmpty { fail("\(path).displayName", "must not be empty") }
            range("\(path).sizeInBytes", app.sizeInBytes, Self.appSizes, fail: fail)
            if app.platforms.isEmpty { fail("\(path).platforms", "must list at least one platform") }
            var failingPlatforms: Set<DevicePlatform> = []
            for (failureIndex, failure) in (app.simulatedInstallFailures ?? []).enumerated() {
                let failurePath = "\(path).simulatedInstallFailures[\(failureIndex)]"
                range("\(failurePath).errorCode", failure.errorCode, Self.errorCodes, fail: fail)
                if let attempts = failure.attempts { range("\(failurePath).attempts", attempts, Self.installAttempts, fail: fail) }
                if !failingPlatforms.insert(failure.platform).inserted {
                    fail("\(failurePath).platform", "\(failure.platform.rawValue) is listed twice")
                }
            }
            for (categoryIndex, category) in app.categories.enumerated()
                where !categoryIds.contains(category) && !undecoded("mobileAppCategories", category) {
                fail("\(path).categories[\(categoryIndex)]", "no mobileAppCategory has id \"\(category)\"")
            }
        }

        for (index, assignment) in tenant.mobileAppAssignments.enumerated() {
            let path = at("mobileAppAssignments", index)
            if !appIds.contains(assignment.appId), !undecoded("mobileApps", assignment.appId) {
                fail("\(path).appId", "no mobileApp has id \"\(assignment.appId)\"")
            }
            if !groupIds.contains(assignment.groupId), !undecoded("groups", assignment.groupId) {
                fail("\(path).groupId", "no group has id \"\(assignment.groupId)\"")
            }
        }

        var seenStates: [String: Int] = [:]
        for (index, state) in tenant.appInstallStates.enumerated() {
            let path = at("appInstallStates", index)
            if !appIds.contains(state.appId), !undecoded("mobileApps", state.appId) {
                fail("\(path).appId", "no mobileApp has id \"\(state.appId)\"")
            }
            if !deviceIds.contains(state.deviceId), !undecoded("managedDevices", state.deviceId) {
                fail("\(path).deviceId", "no managedDevice has id \"\(state.deviceId)\"")
            }
            if let code = state.errorCode { range("\(path).errorCode", code, Self.errorCodes, fail: fail) }
            if let attempts = state.failedAttempts { range("\(path).failedAttempts", attempts, Self.installAttempts, fail: fail) }
            if let request = state.installRequest {
                range("\(path).installRequest.progressInSeconds", request.progressInSeconds, Self.installProgressSeconds, fail: fail)
                switch (request.action, state.installState) {
                case (.install, .pendingInstall), (.uninstall, .installed), (.uninstall, .uninstallFailed): break
                default:
                    fail("\(path).installState", "\(state.installState.rawValue) does not go with an installRequest to \(request.action.rawValue)")
                }
            }
            let key = "\(state.appId)\u{0}\(state.deviceId)"
            if let first = seenStates[key] {
                fail(path, "duplicate of \(at("appInstallStates", first)) (same appId and deviceId)")
            } else {
                seenStates[key] = index
            }
        }
        return problems
    }

    private func undecoded(_ collection: String, _ id: String) -> Bool {
        !partial.holdsEveryRow || partial.undecodedIds[collection]?.contains(id) == true
    }

    /// Reports each repeated id and returns the set of ids.
    private func uniqueIds(_ ids: [String], collection: String, fail: (String, String) -> Void) -> Set<String> {
        var seen: [String: Int] = [:]
        for (index, id) in ids.enumerated() {
            if id.isEmpty { fail("\(at(collection, index)).id", "must not be empty") }
            if let first = seen[id] {
                fail("\(at(collection, index)).id", "duplicate id \"\(id)\" (first at \(at(collection, first)))")
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
        range("$.organization.termsAndConditions.version", organization.termsAndConditions.version, Self.termsVersions, fail: fail)
        range("$.organization.complianceValidityPeriodDays", organization.complianceValidityPeriodDays,
              Self.validityPeriodDays, fail: fail)
        for (index, note) in organization.notifications.enumerated() {
            limit("$.organization.notifications[\(index)].title", note.title, Limits.notificationTitle)
            limit("$.organization.notifications[\(index)].body", note.body, Limits.notificationBody)
        }
        _ = uniqueIds(organization.notifications.map(\.id), collection: "organization.notifications", fail: fail)
        if let policy = organization.signInPolicy { checkSignInPolicy(policy, fail: fail) }
        if let restrictions = organization.enrollmentRestrictions { checkEnrollmentRestrictions(restrictions, fail: fail) }
        if let pin = organization.kioskExitPinHash { checkPasswordHash(pin, path: "$.organization.kioskExitPinHash", fail: fail) }
    }

    private func checkPolicy(_ policy: CompliancePolicy, path: String, groupIds: Set<String>, fail: (String, String) -> Void) {
        for (index, group) in policy.assignedGroups.enumerated() where !groupIds.contains(group) {
            fail("\(path).assignedGroups[\(index)]", "no group has id \"\(group)\"")
        }
        if !(0...CompliancePolicy.maximumGracePeriodHours).contains(policy.gracePeriodHours) {
            fail("\(path).gracePeriodHours", "\(policy.gracePeriodHours) is outside 0 to \(CompliancePolicy.maximumGracePeriodHours) (365 days)")
        }
        for (index, distribution) in (policy.allowedDistributions ?? []).enumerated() {
            if distribution.type == .other {
                fail("\(path).allowedDistributions[\(index)].type", "\"other\" matches no distribution; allow ubuntu or rhel")
            }
            for (setting, value) in [("minimumVersion", distribution.minimumVersion), ("maximumVersion", distribution.maximumVersion)] {
                if let value, VersionNumber(value) == nil {
                    fail("\(path).allowedDistributions[\(index)].\(setting)", "\"\(value)\" is not a version like 22.04")
                }
            }
        }
        let isApple = policy.platform.policyPlatform == .iOS
        if isApple {
            if policy.passwordRequired != nil || policy.passwordMinimumLength != nil || policy.passwordRequiredType != nil {
                fail(path, "iOS policies use passcodeRequired, passcodeMinimumLength and passcodeRequiredType, not password*")
            }
            if let length = policy.passcodeMinimumLength { range("\(path).passcodeMinimumLength", length, 4...14, fail: fail) }
        } else {
            if policy.passcodeRequired != nil || policy.passcodeMinimumLength != nil || policy.passcodeRequiredType != nil {
                fail(path, "\(policy.platform.displayName) policies use password*, not passcode* (iOS only)")
            }
            if let length = policy.passwordMinimumLength { range("\(path).passwordMinimumLength", length, 4...16, fail: fail) }
        }
        for (setting, value) in [("passwordMinimumDigits", policy.passwordMinimumDigits),
                                 ("passwordMinimumLowerCase", policy.passwordMinimumLowerCase),
                                 ("passwordMinimumUpperCase", policy.passwordMinimumUpperCase),
                                 ("passwordMinimumSymbols", policy.passwordMinimumSymbols)] {
            if let value { range("\(path).\(setting)", value, Self.characterClassMinimums, fail: fail) }
        }
        if policy.platform != .linux, policy.allowedDistributions != nil {
            fail("\(path).allowedDistributions", "applies to Linux policies only")
        }
        for (setting, value) in [("osMinimumVersion", policy.osMinimumVersion), ("osMaximumVersion", policy.osMaximumVersion)] {
            if let value, VersionNumber(value) == nil { fail("\(path).\(setting)", "\"\(value)\" is not a version like 17.4") }
        }
    }

    // MARK: - Numbers

    /// Ranges for the store's numbers: every number gets one, so no value can
    /// make arithmetic trap or a loop run unbounded further on.
    static let termsVersions = 1...1_000_000
    /// Intune's "compliance status validity period" is 1 to 120 days.
    static let validityPeriodDays = 1...120
    /// Up to 1 TiB: bigger than any app package, small enough to add up safely.
    static let appSizes = 0...(1 << 40)
    /// Graph's errorCode is a signed 32-bit HRESULT; the unsigned spelling is accepted too.
    static let errorCodes = Int(Int32.min)...Int(UInt32.max)
    static let installAttempts = 0...1_000
    /// A request's work is minutes at most (InstallSchedule); a day bounds any stored checkpoint.
    static let installProgressSeconds = 0...86_400
    /// Intune's Linux password settings allow 1 to 16 characters of a class; 0 means none required.
    static let characterClassMinimums = 0...16
    /// The longest passcode or password a device reports (Windows allows 127,
    /// macOS and Linux more); the counts of each class fit within it.
    static let passcodeLengths = 0...1_024

    func range(_ path: String, _ value: Int, _ allowed: ClosedRange<Int>, fail: (String, String) -> Void) {
        if !allowed.contains(value) {
            fail(path, "\(value) is outside \(Self.grouped(allowed.lowerBound)) to \(Self.grouped(allowed.upperBound))")
        }
    }

    func checkPasscode(_ facts: PasscodeFacts, path: String, fail: (String, String) -> Void) {
        let counts = [("length", facts.length), ("digits", facts.digits), ("lowercase", facts.lowercase),
                      ("uppercase", facts.uppercase), ("symbols", facts.symbols)]
        var inRange = true
        for (field, value) in counts where !Self.passcodeLengths.contains(value) {
            range("\(path).\(field)", value, Self.passcodeLengths, fail: fail)
            inRange = false
        }
        // Only added once each is known to be small, so the sum cannot overflow.
        if inRange, facts.digits + facts.lowercase + facts.uppercase + facts.symbols > facts.length {
            fail("\(path).length", "\(facts.length) is less than its digits, lowercase, uppercase and symbols together")
        }
    }

    /// 10000000 reads as 10,000,000 in a message, whatever the locale.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }
}
