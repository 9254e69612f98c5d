import Foundation

/// Decides, for one user on one device, which of the organization's cloud
/// apps the conditional access policies let them reach. Pure: the device's
/// compliance comes in as its evaluation, so the grace deadline and the
/// validity period are decided once, by the compliance evaluator.
public struct AccessEvaluator: Sendable {
    public var policies: [ConditionalAccessPolicy]
    public var cloudApps: [CloudApp]

    public init(policies: [ConditionalAccessPolicy], cloudApps: [CloudApp]) {
        self.policies = policies
        self.cloudApps = cloudApps
    }

    public func evaluate(user: User, device: ManagedDevice, compliance: ComplianceEvaluation,
                         clientApps: ClientAppFacts = .unknown) -> DeviceAccess {
        DeviceAccess(apps: cloudApps.map { evaluate(user: user, device: device, compliance: compliance, app: $0, clientApps: clientApps) })
    }

    public func evaluate(user: User, device: ManagedDevice, compliance: ComplianceEvaluation, app: CloudApp,
                         clientApps: ClientAppFacts = .unknown) -> AppAccess {
        let platform = ConditionalAccessDevicePlatform(device.operatingSystem)
        // Disabled and report-only policies never decide access.
        let enforced = policies.filter {
            $0.state == .enabled && $0.applies(to: user) && $0.applies(to: app) && $0.applies(to: platform)
                && $0.applies(to: clientApps.clientAppType)
        }
        let checks = ControlChecks(user: user, device: device, compliance: compliance, app: app, clientApps: clientApps)
        // Grace counts as compliant; checked again without it, a policy that
        // fails then is one the device keeps only until the deadline.
        let now = enforced.compactMap { checks.unmet($0, graceCounts: true) }
        if !now.isEmpty { return AppAccess(app: app, verdict: .cannotAccess, unmet: now) }
        let afterGrace = enforced.compactMap { checks.unmet($0, graceCounts: false) }
        if !afterGrace.isEmpty, let deadline = compliance.graceDeadline {
            return AppAccess(app: app, verdict: .inGrace(until: deadline), unmet: afterGrace)
        }
        return AppAccess(app: app, verdict: .canAccess, unmet: [])
    }
}

extension ConditionalAccessPolicy {
    /// Included by "All", by id or by a group, and not excluded by id or group.
    func applies(to user: User) -> Bool {
        let users = conditions.users
        let groups = Set(user.groups)
        let included = users.includeUsers.contains(ConditionalAccessUsers.all) || users.includeUsers.contains(user.id)
            || !groups.isDisjoint(with: users.includeGroups)
        let excluded = users.excludeUsers.contains(user.id) || !groups.isDisjoint(with: users.excludeGroups)
        return included && !excluded
    }

    func applies(to app: CloudApp) -> Bool {
        func matches(_ ids: [String]) -> Bool {
            ids.contains(ConditionalAccessApplications.all) || ids.contains(app.id)
                || (app.isOffice365 && ids.contains(ConditionalAccessApplications.office365))
        }
        let applications = conditions.applications
        return matches(applications.includeApplications) && !matches(applications.excludeApplications)
    }

    /// No platform condition means every platform.
    func applies(to platform: ConditionalAccessDevicePlatform) -> Bool {
        guard let platforms = conditions.platforms else { return true }
        func matches(_ list: [ConditionalAccessDevicePlatform]) -> Bool { list.contains(.all) || list.contains(platform) }
        return matches(platforms.includePlatforms) && !matches(platforms.excludePlatforms)
    }

    /// An empty list is Graph's default, every client app.
    func applies(to client: ConditionalAccessClientApp) -> Bool {
        let types = conditions.clientAppTypes
        return types.isEmpty || types.contains(.all) || types.contains(client)
    }
}

/// Each grant control decided from what the portal knows.
struct ControlChecks {
    let user: User
    let device: ManagedDevice
    let compliance: ComplianceEvaluation
    let app: CloudApp
    let clientApps: ClientAppFacts

    /// The policy's unmet controls when it denies access, else nil.
    func unmet(_ policy: ConditionalAccessPolicy, graceCounts: Bool) -> UnmetPolicy? {
        let controls = policy.grantControls.builtInControls
        let failing = controls.filter { !isMet($0, graceCounts: graceCounts) }
        let denies = switch policy.grantControls.operator {
        case .and: !failing.isEmpty
        case .or: failing.count == controls.count
        }
        guard denies else { return nil }
        return UnmetPolicy(policyId: policy.id, displayName: policy.displayName, operator: policy.grantControls.operator,
                           unmet: failing.map { UnmetControl(control: $0, remedy: remedy($0, policy: policy)) })
    }

    func isMet(_ control: ConditionalAccessGrantControl, graceCounts: Bool) -> Bool {
        switch control {
        case .block:
            // Nothing the user does meets a block.
            return false
        case .mfa:
            // The user can answer the second factor the app's sign-in asks
            // for: some method of theirs is registered and activated.
            return user.mfaMethods.contains(where: \.isActivated)
        case .compliantDevice:
            // The compliance evaluation's state, as the service reports it to
            // the directory: a device in grace still counts as compliant.
            switch compliance.state {
            case .compliant, .configManager: return true
            case .inGracePeriod: return graceCounts
            case .noncompliant, .unknown, .conflict, .error: return false
            }
        case .domainJoinedDevice:
            // Hybrid joined: a Windows device IT joined to the domain, which
            // the portal sees in how it was enrolled.
            return device.operatingSystem == .windows && Self.domainJoinedEnrollments.contains(device.deviceEnrollmentType)
        case .approvedApplication:
            // Known only from app protection; approved apps exist on iOS and Android alone.
            return Self.hasClientApps(device.operatingSystem) && clientApps.approvedApplication == true
        case .compliantApplication:
            return Self.hasClientApps(device.operatingSystem) && clientApps.compliantApplication == true
        case .passwordChange:
            // The directory asks for a new password at the next sign-in.
            return user.forceChangePasswordNextSignIn != true
        }
    }

    static let domainJoinedEnrollments: Set<DeviceEnrollmentType> = [.windowsCoManagement, .windowsAutoEnrollment, .windowsBulkAzureDomainJoin]

    static func hasClientApps(_ platform: DevicePlatform) -> Bool {
        [.iOS, .iPadOS, .android].contains(platform)
    }

    /// What to do about one unmet control, in the user's words.
    func remedy(_ control: ConditionalAccessGrantControl, policy: ConditionalAccessPolicy) -> String {
        let portal = device.operatingSystem.managementApp
        switch control {
        case .block:
            return "Your organization blocks \(app.displayName) on \(device.operatingSystem.displayName) (\(policy.displayName)). Use another device, or contact IT support."
        case .mfa:
            return "Sign in with a second factor: add an authenticator app or a hardware token under Security info (press 4)."
        case .compliantDevice:
            return compliantDeviceRemedy(portal: portal)
        case .domainJoinedDevice:
            return "Use a company computer joined to your organization's domain; IT support can tell you which."
        case .approvedApplication:
            return Self.hasClientApps(device.operatingSystem)
                ? "Open \(app.displayName) in an approved Microsoft app, such as Outlook, Teams or OneDrive, from the App Store or Google Play."
                : "Only approved apps on iOS and Android can reach \(app.displayName); use your phone or tablet."
        case .compliantApplication:
            return Self.hasClientApps(device.operatingSystem)
                ? "Open \(app.displayName) in an app your organization protects, such as Outlook or Teams, and sign in to it with your work account."
                : "Only protected apps on iOS and Android can reach \(app.displayName); use your phone or tablet."
        case .passwordChange:
            return "Change your password under Security info (press 4), then sign in again."
        }
    }

    private func compliantDeviceRemedy(portal: String) -> String {
        if device.managementAgent == .eas || [.notRegistered, .notRegisteredPendingEnrollment, .revoked].contains(device.deviceRegistrationState) {
            return "Enroll \(device.deviceName) in the \(portal) so your organization can check it."
        }
        if !compliance.hasReported {
            return "Open the \(portal) on \(device.deviceName) and choose Check status so it reports its settings."
        }
        if let stale = compliance.staleCheckIn {
            return "\(device.deviceName) last reported \(stale.actual), longer than your organization allows: open the \(portal) on it and choose Check status."
        }
        switch compliance.state {
        case .conflict, .error:
            return "The compliance service cannot vouch for \(device.deviceName); contact IT support."
        case .inGracePeriod:
            return "Fix the failing compliance settings before the deadline, then choose Check status."
        case .unknown:
            return "Open the \(portal) on \(device.deviceName) and choose Check status so it reports the settings it has not."
        default:
            return "Fix the failing compliance settings, then choose Check status."
        }
    }
}
