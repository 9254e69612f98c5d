import Foundation

/// Everything one organization's portal knows: the document the store keeps.
public struct Tenant: Codable, Sendable, Equatable {
    public var organization: Organization
    public var groups: [Group]
    public var users: [User]
    public var managedDevices: [ManagedDevice]
    public var compliancePolicies: [CompliancePolicy]
    public var mobileAppCategories: [MobileAppCategory]
    public var mobileApps: [MobileApp]
    public var mobileAppAssignments: [MobileAppAssignment]
    public var appInstallStates: [AppInstallState]
    /// Failed sign-ins and lockouts, shared by every portal on the store.
    public var signInLockouts: [SignInLockout]
    /// Graph's deviceCategory: what a user files an enrolled device under.
    public var deviceCategories: [DeviceCategory]
    /// Devices kiosks and scripts enroll, with facts the store decides.
    public var simulatedDevices: [SimulatedDevice]
    /// Walkthroughs under way, one per user, so an interrupted one resumes.
    public var enrollmentSessions: [EnrollmentSession]
    /// Which version of the terms each user accepted.
    public var termsAcceptances: [TermsAcceptance]
    /// Which notifications each user read; older stores have none.
    public var notificationReads: [NotificationRead] = []
    /// App protection policies for devices the organization does not manage.
    public var managedAppProtections: [ManagedAppProtection]
    /// Protected apps registered on such devices, with their last health check.
    public var managedAppRegistrations: [ManagedAppRegistration]
    /// Conditional access: which cloud apps each user may reach from each device.
    public var conditionalAccessPolicies: [ConditionalAccessPolicy]
    public var cloudApps: [CloudApp]

    public init(organization: Organization, groups: [Group], users: [User], managedDevices: [ManagedDevice],
                compliancePolicies: [CompliancePolicy], mobileAppCategories: [MobileAppCategory],
                mobileApps: [MobileApp], mobileAppAssignments: [MobileAppAssignment],
                appInstallStates: [AppInstallState], signInLockouts: [SignInLockout] = [],
                deviceCategories: [DeviceCategory] = [], simulatedDevices: [SimulatedDevice] = [],
                enrollmentSessions: [EnrollmentSession] = [], termsAcceptances: [TermsAcceptance] = [],
                managedAppProtections: [ManagedAppProtection] = [], managedAppRegistrations: [ManagedAppRegistration] = [],
                conditionalAccessPolicies: [ConditionalAccessPolicy] = [], cloudApps: [CloudApp] = []) {
        self.organization = organization
        self.groups = groups
        self.users = users
        self.managedDevices = managedDevices
        self.compliancePolicies = compliancePolicies
        self.mobileAppCategories = mobileAppCategories
        self.mobileApps = mobileApps
        self.mobileAppAssignments = mobileAppAssignments
        self.appInstallStates = appInstallStates
        self.signInLockouts = signInLockouts
        self.deviceCategories = deviceCategories
        self.simulatedDevices = simulatedDevices
        self.enrollmentSessions = enrollmentSessions
        self.termsAcceptances = termsAcceptances
        self.managedAppProtections = managedAppProtections
        self.managedAppRegistrations = managedAppRegistrations
        self.conditionalAccessPolicies = conditionalAccessPolicies
        self.cloudApps = cloudApps
    }

    /// Sign-in names are case-insensitive, as in Entra.
    public func user(principalName: String) -> User? {
        let wanted = principalName.lowercased()
        return users.first { $0.userPrincipalName.lowercased() == wanted }
    }

    public func user(id: String) -> User? { users.first { $0.id == id } }

    /// Only the user's own devices, never anyone else's.
    public func devices(of user: User) -> [ManagedDevice] {
        managedDevices.filter { $0.userId == user.id }
    }

    /// The policies that target the user's groups on the device's platform.
    public func policies(for device: ManagedDevice, user: User) -> [CompliancePolicy] {
        let groups = Set(user.groups)
        return compliancePolicies.filter {
            $0.platform.policyPlatform == device.operatingSystem.policyPlatform && !groups.isDisjoint(with: $0.assignedGroups)
        }
    }

    public func evaluate(_ device: ManagedDevice, for user: User, now: Date) -> ComplianceEvaluation {
        ComplianceEvaluator(validityPeriodDays: organization.complianceValidityPeriodDays)
            .evaluate(device, policies: policies(for: device, user: user), now: now)
    }

    public func category(id: String) -> MobileAppCategory? { mobileAppCategories.first { $0.id == id } }
}
