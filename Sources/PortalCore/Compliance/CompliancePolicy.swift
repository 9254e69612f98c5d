import Foundation

/// A device compliance policy for one platform. Setting names follow Microsoft
/// Graph (`iosCompliancePolicy`, `androidCompliancePolicy`,
/// `windows10CompliancePolicy`, `macOSCompliancePolicy`) and the Intune app for
/// Linux; a setting left nil is not checked.
public struct CompliancePolicy: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var displayName: String
    public var platform: DevicePlatform
    /// Groups the policy is assigned to.
    public var assignedGroups: [String]
    /// Hours between the first failure and "mark device noncompliant" (0 to 8760).
    public var gracePeriodHours: Int

    // iOS / iPadOS
    public var passcodeRequired: Bool?
    public var passcodeMinimumLength: Int?
    public var passcodeRequiredType: RequiredPasswordType?
    // Android, Windows, macOS, Linux
    public var passwordRequired: Bool?
    public var passwordMinimumLength: Int?
    public var passwordRequiredType: RequiredPasswordType?
    // Linux character classes
    public var passwordMinimumDigits: Int?
    public var passwordMinimumLowerCase: Int?
    public var passwordMinimumUpperCase: Int?
    public var passwordMinimumSymbols: Int?
    // Every platform but iOS, where the passcode implies encryption.
    public var storageRequireEncryption: Bool?
    public var securityBlockJailbrokenDevices: Bool?
    public var osMinimumVersion: String?
    public var osMaximumVersion: String?
    public var deviceThreatProtectionRequiredSecurityLevel: DeviceThreatLevel?
    /// Linux only: distributions allowed, each with an optional version range.
    public var allowedDistributions: [AllowedDistribution]?
    /// iOS only: the work email account must be the one the Company Portal set up.
    public var managedEmailProfileRequired: Bool?

    public init(id: String, displayName: String, platform: DevicePlatform, assignedGroups: [String],
                gracePeriodHours: Int = 0) {
        self.id = id
        self.displayName = displayName
        self.platform = platform
        self.assignedGroups = assignedGroups
        self.gracePeriodHours = gracePeriodHours
    }

    public static let maximumGracePeriodHours = 365 * 24
}

/// Graph's `requiredPasswordType` values across the platforms.
public enum RequiredPasswordType: String, GraphEnum {
    case deviceDefault, alphabetic, alphanumeric, alphanumericWithSymbols, numeric, numericComplex

    public var label: String {
        switch self {
        case .deviceDefault: "any"
        case .alphabetic: "letters"
        case .alphanumeric: "letters and numbers"
        case .alphanumericWithSymbols: "letters, numbers and symbols"
        case .numeric: "numbers or more (any passcode)"
        case .numericComplex: "numbers or more, no repeats or sequences"
        }
    }

    /// Whether a passcode of this shape meets the type.
    public func isSatisfied(by passcode: PasscodeFacts) -> Bool {
        switch self {
        case .deviceDefault, .numeric, .numericComplex: passcode.isSet
        case .alphabetic: passcode.letters > 0
        case .alphanumeric: passcode.letters > 0 && passcode.digits > 0
        case .alphanumericWithSymbols: passcode.letters > 0 && passcode.digits > 0 && passcode.symbols > 0
        }
    }
}

public struct AllowedDistribution: Codable, Sendable, Equatable {
    public var type: LinuxDistribution.Kind
    public var minimumVersion: String?
    public var maximumVersion: String?

    public init(type: LinuxDistribution.Kind, minimumVersion: String? = nil, maximumVersion: String? = nil) {
        self.type = type
        self.minimumVersion = minimumVersion
        self.maximumVersion = maximumVersion
    }
}
