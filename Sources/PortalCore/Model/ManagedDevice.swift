import Foundation

/// A device a user enrolled, with Microsoft Graph's managedDevice property names,
/// plus the facts the compliance evaluator reads.
public struct ManagedDevice: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var userId: String
    public var userPrincipalName: String
    public var deviceName: String
    public var managedDeviceOwnerType: ManagedDeviceOwnerType
    public var enrolledDateTime: Date
    public var lastSyncDateTime: Date?
    public var operatingSystem: DevicePlatform
    public var osVersion: String
    public var complianceState: ComplianceState
    public var complianceGracePeriodExpirationDateTime: Date?
    public var jailBroken: JailBrokenState
    public var managementAgent: ManagementAgentType
    public var deviceEnrollmentType: DeviceEnrollmentType
    public var deviceRegistrationState: DeviceRegistrationState
    public var deviceCategoryDisplayName: String
    public var isEncrypted: Bool?
    public var isSupervised: Bool
    public var model: String
    public var manufacturer: String
    public var serialNumber: String
    public var imei: String
    public var partnerReportedThreatState: ManagedDevicePartnerReportedHealthState
    /// What the device last reported about its sign-in secret; nil when it has not.
    public var passcode: PasscodeFacts?
    /// Linux only: the distribution from os-release.
    public var distribution: LinuxDistribution?
    /// When the device first failed a setting it still fails; grace runs from here.
    public var noncompliantSinceDateTime: Date?
    /// Linux only: os-release's PRETTY_NAME ("Ubuntu 22.04.4 LTS"), the name people know.
    public var osPrettyName: String?
    /// Graph's managementState: a retire or wipe an administrator asked for; absent means managed.
    public var managementState: ManagementState?
    /// iOS: true when the work email account is the one the Company Portal set
    /// up, false when an account it cannot manage is in the way, nil when the
    /// device has not said. Optional in the store.
    public var managedEmailProfile: Bool? = nil

    public init(id: String, userId: String, userPrincipalName: String, deviceName: String,
                managedDeviceOwnerType: ManagedDeviceOwnerType, enrolledDateTime: Date,
                lastSyncDateTime: Date?, operatingSystem: DevicePlatform, osVersion: String,
                complianceState: ComplianceState = .unknown,
                complianceGracePeriodExpirationDateTime: Date? = nil,
                jailBroken: JailBrokenState = .no, managementAgent: ManagementAgentType = .mdm,
                deviceEnrollmentType: DeviceEnrollmentType = .userEnrollment,
                deviceRegistrationState: DeviceRegistrationState = .registered,
                deviceCategoryDisplayName: String = "", isEncrypted: Bool?, isSupervised: Bool = false,
                model: String, manufacturer: String, serialNumber: String, imei: String = "",
                partnerReportedThreatState: ManagedDevicePartnerReportedHealthState = .secured,
                passcode: PasscodeFacts?, distribution: LinuxDistribution? = nil,
                noncompliantSinceDateTime: Date? = nil, osPrettyName: String? = nil) {
        self.id = id
        self.userId = userId
        self.userPrincipalName = userPrincipalName
        self.deviceName = deviceName
        self.managedDeviceOwnerType = managedDeviceOwnerType
        self.enrolledDateTime = enrolledDateTime
        self.lastSyncDateTime = lastSyncDateTime
        self.operatingSystem = operatingSystem
        self.osVersion = osVersion
        self.complianceState = complianceState
        self.complianceGracePeriodExpirationDateTime = complianceGracePeriodExpirationDateTime
        self.jailBroken = jailBroken
        self.managementAgent = managementAgent
        self.deviceEnrollmentType = deviceEnrollmentType
        self.deviceRegistrationState = deviceRegistrationState
        self.deviceCategoryDisplayName = deviceCategoryDisplayName
        self.isEncrypted = isEncrypted
        self.isSupervised = isSupervised
        self.model = model
        self.manufacturer = manufacturer
        self.serialNumber = serialNumber
        self.imei = imei
        self.partnerReportedThreatState = partnerReportedThreatState
        self.passcode = passcode
        self.distribution = distribution
        self.noncompliantSinceDateTime = noncompliantSinceDateTime
        self.osPrettyName = osPrettyName
    }
}

/// The shape of a device's passcode or password, never the secret itself.
public struct PasscodeFacts: Codable, Sendable, Equatable {
    public var isSet: Bool
    public var length: Int
    public var digits: Int
    public var lowercase: Int
    public var uppercase: Int
    public var symbols: Int

    public init(isSet: Bool, length: Int, digits: Int, lowercase: Int = 0, uppercase: Int = 0, symbols: Int = 0) {
        self.isSet = isSet
        self.length = length
        self.digits = digits
        self.lowercase = lowercase
        self.uppercase = uppercase
        self.symbols = symbols
    }

    public static let notSet = PasscodeFacts(isSet: false, length: 0, digits: 0)

    /// Saturates: the counts come from a store and may be any Int.
    public var letters: Int {
        let (sum, overflow) = lowercase.addingReportingOverflow(uppercase)
        return overflow ? (lowercase < 0 ? Int.min : Int.max) : sum
    }
}

/// A Linux distribution as os-release names it (`ID` and `VERSION_ID`).
public struct LinuxDistribution: Codable, Sendable, Equatable {
    public enum Kind: String, GraphEnum {
        /// Any distribution compliance has no type for (Debian, Fedora, Rocky ...).
        case ubuntu, rhel, other
    }

    public var type: Kind
    public var version: String

    public init(type: Kind, version: String) {
        self.type = type
        self.version = version
    }
}

extension LinuxDistribution.Kind {
    public var displayName: String {
        switch self {
        case .ubuntu: "Ubuntu"
        case .rhel: "RHEL"
        case .other: "Other distribution"
        }
    }
}
