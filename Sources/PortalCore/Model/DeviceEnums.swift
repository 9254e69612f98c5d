import Foundation

// Enumerations of Microsoft Graph's managedDevice, spelled as Graph spells them.

public enum ComplianceState: String, GraphEnum {
    case unknown, compliant, noncompliant, conflict, error, inGracePeriod, configManager
}

public enum ManagedDeviceOwnerType: String, GraphEnum {
    case unknown, company, personal
}

public enum ManagementAgentType: String, GraphEnum {
    case eas, mdm, easMdm, intuneClient, easIntuneClient, configurationManagerClient
    case configurationManagerClientMdm, configurationManagerClientMdmEas, unknown, jamf
    case googleCloudDevicePolicyController, microsoft365ManagedMdm, msSense

    /// How the portal names what manages the device.
    public var label: String {
        switch self {
        case .eas: "Exchange ActiveSync"
        case .mdm: "Mobile device management"
        case .easMdm: "Exchange ActiveSync and MDM"
        case .intuneClient: "Intune client"
        case .easIntuneClient: "Exchange ActiveSync and Intune client"
        case .configurationManagerClient: "Configuration Manager"
        case .configurationManagerClientMdm, .configurationManagerClientMdmEas: "Configuration Manager and MDM"
        case .unknown: "Unknown"
        case .jamf: "Jamf"
        case .googleCloudDevicePolicyController: "Android device policy"
        case .microsoft365ManagedMdm: "Basic Mobility and Security"
        case .msSense: "Microsoft Defender for Endpoint"
        }
    }
}

public enum DeviceEnrollmentType: String, GraphEnum {
    case unknown, userEnrollment, deviceEnrollmentManager, appleBulkWithUser
    case appleBulkWithoutUser, windowsAzureADJoin, windowsBulkUserless, windowsAutoEnrollment
    case windowsBulkAzureDomainJoin, windowsCoManagement, windowsAzureADJoinUsingDeviceAuth
    case appleUserEnrollment, appleUserEnrollmentWithServiceAccount

    /// How the portal names the enrollment.
    public var label: String {
        switch self {
        case .unknown: "Unknown"
        case .userEnrollment: "Enrolled by the user"
        case .deviceEnrollmentManager: "Device enrollment manager"
        case .appleBulkWithUser, .appleBulkWithoutUser: "Automated device enrollment"
        case .windowsAzureADJoin, .windowsAzureADJoinUsingDeviceAuth: "Microsoft Entra joined"
        case .windowsBulkUserless, .windowsBulkAzureDomainJoin: "Bulk enrollment"
        case .windowsAutoEnrollment: "Automatic enrollment"
        case .windowsCoManagement: "Co-managed"
        case .appleUserEnrollment, .appleUserEnrollmentWithServiceAccount: "Apple User Enrollment"
        }
    }
}

public enum DeviceRegistrationState: String, GraphEnum {
    case notRegistered, registered, revoked, keyConflict, approvalPending
    case certificateReset, notRegisteredPendingEnrollment, unknown
}

/// Graph reports jailbreak as the strings "True", "False" and "Unknown".
public enum JailBrokenState: String, GraphEnum {
    case yes = "True"
    case no = "False"
    case unknown = "Unknown"
}

public enum ManagedDevicePartnerReportedHealthState: String, GraphEnum {
    case unknown, activated, deactivated, secured, lowSeverity, mediumSeverity
    case highSeverity, unresponsive, compromised, misconfigured

    /// The threat level this state stands for, or nil when it says nothing
    /// about threats (the device must then be checked again).
    public var threatLevel: DeviceThreatLevel? {
        switch self {
        case .secured: .secured
        case .lowSeverity: .low
        case .mediumSeverity: .medium
        case .highSeverity, .compromised: .high
        case .unknown, .activated, .deactivated, .unresponsive, .misconfigured: nil
        }
    }
}

/// `deviceThreatProtectionRequiredSecurityLevel`, ordered from safest.
public enum DeviceThreatLevel: String, GraphEnum, Comparable {
    case secured, low, medium, high

    private var rank: Int {
        switch self {
        case .secured: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        }
    }

    public static func < (lhs: DeviceThreatLevel, rhs: DeviceThreatLevel) -> Bool { lhs.rank < rhs.rank }
}

/// The platforms the portal knows, with Graph's `operatingSystem` spellings.
public enum DevicePlatform: String, GraphEnum {
    case iOS, iPadOS, android = "Android", windows = "Windows", macOS, linux = "Linux"

    public var displayName: String {
        switch self {
        case .iOS: "iOS"
        case .iPadOS: "iPadOS"
        case .android: "Android"
        case .windows: "Windows"
        case .macOS: "macOS"
        case .linux: "Linux"
        }
    }

    /// What the platform calls the secret that unlocks it, as in its Graph
    /// setting names (passcodeRequired, passwordRequired).
    public var secretWord: String { policyPlatform == .iOS ? "passcode" : "password" }

    /// Compliance policies for iPhone and iPad are one policy type in Intune.
    public var policyPlatform: DevicePlatform { self == .iPadOS ? .iOS : self }
}

extension DevicePlatform {
    /// The app on the device that reports to the organization and has Check status.
    public var managementApp: String { self == .linux ? "Microsoft Intune app" : "Company Portal app" }
}

extension ManagedDeviceOwnerType {
    /// The Company Portal's word for who owns the device.
    public var label: String {
        switch self {
        case .company: "Corporate"
        case .personal: "Personal"
        case .unknown: "Unknown"
        }
    }
}
