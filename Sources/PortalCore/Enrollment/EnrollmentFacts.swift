import Foundation

/// What the walkthrough reads from the store for one user, in one go: the
/// organization's rules, the devices it can enroll, the user's enrolled
/// devices and policies, and the walkthrough left unfinished, if any.
public struct EnrollmentFacts: Sendable, Equatable {
    public var user: User
    public var organization: Organization
    public var categories: [DeviceCategory]
    public var simulatedDevices: [SimulatedDevice]
    /// The user's enrolled devices: the limit counts them, re-enrolling finds one.
    public var enrolledDevices: [ManagedDevice]
    public var policies: [CompliancePolicy]
    public var termsAccepted: Bool
    /// The last version of the terms this user accepted, when it is an older one.
    public var termsAcceptedBefore: Int?
    public var session: EnrollmentSession?
    /// Serial numbers of the offered devices (and machines) another user has
    /// enrolled: never whose, only that they are taken.
    public var takenSerials: Set<String>
    /// What the enrolled device will reach, shown on the result.
    public var accessRules: AccessRules

    public init(user: User, tenant: Tenant) {
        self.user = user
        organization = tenant.organization
        categories = tenant.deviceCategories
        simulatedDevices = tenant.simulatedDevices
        enrolledDevices = tenant.devices(of: user)
        let groups = Set(user.groups)
        policies = tenant.compliancePolicies.filter { !groups.isDisjoint(with: $0.assignedGroups) }
        termsAccepted = tenant.hasAcceptedCurrentTerms(userId: user.id)
        termsAcceptedBefore = termsAccepted ? nil : tenant.termsAcceptances.filter { $0.userId == user.id }.map(\.version).max()
        session = tenant.enrollmentSessions.first { $0.userId == user.id }
        let offered = Set(simulatedDevices.map(\.serialNumber))
        takenSerials = Set(tenant.managedDevices.lazy
            .filter { $0.userId != user.id && (offered.contains($0.serialNumber) || HostEnrollment.isHostDevice($0)) }
            .map(\.serialNumber))
        accessRules = AccessRules(tenant: tenant)
    }

    public var restrictions: EnrollmentRestrictions { organization.enrollment }

    public func simulatedDevice(id: String?) -> SimulatedDevice? { simulatedDevices.first { $0.id == id } }

    /// Whether enrolling this device again updates one the user has.
    public func isEnrolled(_ device: SimulatedDevice) -> Bool {
        enrolledDevices.contains { $0.serialNumber == device.serialNumber }
    }

    /// Whether another user has this device enrolled, so it cannot be enrolled here.
    public func isTaken(_ device: SimulatedDevice) -> Bool { takenSerials.contains(device.serialNumber) }

    /// The user's device this one is, when enrolling it again.
    public func enrolledDevice(_ device: SimulatedDevice) -> ManagedDevice? {
        enrolledDevices.first { $0.serialNumber == device.serialNumber }
    }

    /// What keeps the user from starting at all (the device limit), or nil.
    public var blockBeforeStart: EnrollmentRestrictions.Block? {
        restrictions.blockBeforeStart(enrolledCount: enrolledDevices.count)
    }

    /// Everything that keeps this device out once its owner is known.
    public func blocks(_ device: SimulatedDevice, ownership: ManagedDeviceOwnerType?) -> [EnrollmentRestrictions.Block] {
        restrictions.blocks(platform: device.operatingSystem, ownership: ownership, osVersion: device.osVersion,
                            enrolledCount: enrolledDevices.count, reenrolling: isEnrolled(device))
    }

    public func policies(for platform: DevicePlatform) -> [CompliancePolicy] {
        policies.filter { $0.platform.policyPlatform == platform.policyPlatform }
    }

    /// The steps of the walkthrough for this device.
    public func plan(for device: SimulatedDevice) -> [EnrollmentStep] {
        EnrollmentSession.plan(for: device.operatingSystem, termsAccepted: termsAccepted, hasCategories: !categories.isEmpty,
                               needsPasscode: !passcodeFailures(device.passcode, on: device).isEmpty)
    }

    /// The passcode settings a passcode of this shape fails on this device.
    public func passcodeFailures(_ passcode: PasscodeFacts?, on device: SimulatedDevice) -> [SettingResult] {
        var probe = EnrollmentRecord.device(device, session: nil, user: user, id: "", categoryName: "", now: .distantPast)
        probe.passcode = passcode ?? .notSet
        let evaluator = ComplianceEvaluator(validityPeriodDays: organization.complianceValidityPeriodDays)
        return evaluator.evaluate(probe, policies: policies(for: device.operatingSystem), now: .distantPast).failures
            .filter { SettingChecks.passcodeSettings.contains($0.setting) }
    }

    /// Why a passcode typed on the passcode step does not meet the policy, or nil.
    public func passcodeProblem(_ text: String, on device: SimulatedDevice) -> String? {
        if text.isEmpty { return "Type a \(device.operatingSystem.secretWord)." }
        guard let failure = passcodeFailures(PasscodeFacts(text: text), on: device).first else { return nil }
        return "\(failure.title): \(failure.expected.lowercased()); this one has \(failure.actual.lowercased())."
    }

    /// The device as it would be enrolled now, and its compliance.
    public func outcome(of session: EnrollmentSession, now: Date) -> (ManagedDevice, ComplianceEvaluation)? {
        guard let simulated = simulatedDevice(id: session.simulatedDeviceId) else { return nil }
        let category = categories.first { $0.id == session.categoryId }?.displayName ?? ""
        var device = EnrollmentRecord.device(simulated, session: session, user: user, id: "", categoryName: category, now: now)
        let evaluation = ComplianceEvaluator(validityPeriodDays: organization.complianceValidityPeriodDays)
            .evaluate(device, policies: policies(for: simulated.operatingSystem), now: now)
        EnrollmentRecord.record(evaluation, on: &device, now: now)
        return (device, evaluation)
    }
}

extension PasscodeFacts {
    /// The shape of a typed passcode; the text itself is never kept.
    public init(text: String) {
        var digits = 0, lower = 0, upper = 0, symbols = 0
        for character in text {
            if character.isNumber { digits += 1 } else if character.isLowercase { lower += 1 }
            else if character.isUppercase { upper += 1 } else { symbols += 1 }
        }
        self.init(isSet: !text.isEmpty, length: text.count, digits: digits, lowercase: lower, uppercase: upper, symbols: symbols)
    }
}
