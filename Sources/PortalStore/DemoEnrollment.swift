import Foundation
import PortalCore

/// What the demo organization offers to enroll: simulated devices of every
/// platform, some that end compliant and some that do not, device
/// categories, and the enrollment restrictions a script can run into.
public enum DemoEnrollment {
    public static let categories = [
        DeviceCategory(id: "cat-work-phone", displayName: "Work phone", description: "A phone used mainly for work."),
        DeviceCategory(id: "cat-shared", displayName: "Shared device", description: "Used by several people, such as a kiosk or a meeting-room iPad."),
        DeviceCategory(id: "cat-developer", displayName: "Developer machine", description: "Builds and tests software."),
    ]

    /// Windows devices must be the company's; Android below 10 cannot enroll.
    public static let restrictions = EnrollmentRestrictions(limit: EnrollmentRestrictions.defaultDeviceLimit, platformRestrictions: [
        .init(platform: .windows, personalDeviceEnrollmentBlocked: true),
        .init(platform: .android, osMinimumVersion: "10"),
    ])

    public static let devices: [SimulatedDevice] = {
        let sixDigits = PasscodeFacts(isSet: true, length: 6, digits: 6)
        let strong = PasscodeFacts(isSet: true, length: 14, digits: 3, lowercase: 8, uppercase: 2, symbols: 1)
        return [
            SimulatedDevice(id: "sim-iphone-15", displayName: "iPhone 15 - passcode set, up to date", operatingSystem: .iOS,
                            manufacturer: "Apple", model: "iPhone 15", osVersion: "18.1", serialNumber: "SIMF2LX1001",
                            imei: "356789012345671", passcode: sixDigits, isEncrypted: true),
            SimulatedDevice(id: "sim-iphone-se", displayName: "iPhone SE - no passcode yet", operatingSystem: .iOS,
                            manufacturer: "Apple", model: "iPhone SE (3rd generation)", osVersion: "17.5", serialNumber: "SIMF2LX1002",
                            imei: "356789012345672", passcode: .notSet, isEncrypted: false),
            SimulatedDevice(id: "sim-iphone-11", displayName: "iPhone 11 - jailbroken, iOS 16", operatingSystem: .iOS,
                            manufacturer: "Apple", model: "iPhone 11", osVersion: "16.7.10", serialNumber: "SIMF2LX1003",
                            imei: "356789012345673", passcode: sixDigits, isEncrypted: true, jailBroken: .yes),
            SimulatedDevice(id: "sim-ipad-air", displayName: "iPad Air - passcode set, up to date", operatingSystem: .iPadOS,
                            manufacturer: "Apple", model: "iPad Air (M2)", osVersion: "18.1", serialNumber: "SIMDMPX2001",
                            passcode: sixDigits, isEncrypted: true),
            SimulatedDevice(id: "sim-pixel-7", displayName: "Pixel 7 - PIN set, encrypted", operatingSystem: .android,
                            manufacturer: "Google", model: "Pixel 7", osVersion: "14", serialNumber: "SIM27281003",
                            imei: "354321098765431", passcode: sixDigits, isEncrypted: true),
            SimulatedDevice(id: "sim-galaxy-a14", displayName: "Galaxy A14 - no PIN, not encrypted", operatingSystem: .android,
                            manufacturer: "Samsung", model: "Galaxy A14", osVersion: "13", serialNumber: "SIMR58T3004",
                            imei: "354321098765432", passcode: .notSet, isEncrypted: false),
            SimulatedDevice(id: "sim-moto-g", displayName: "moto g - rooted, high threat", operatingSystem: .android,
                            manufacturer: "Motorola", model: "moto g power", osVersion: "12", serialNumber: "SIMZY22A005",
                            imei: "354321098765433", passcode: sixDigits, isEncrypted: true, jailBroken: .yes,
                            partnerReportedThreatState: .highSeverity),
            SimulatedDevice(id: "sim-surface-pro", displayName: "Surface Pro - BitLocker on", operatingSystem: .windows,
                            manufacturer: "Microsoft", model: "Surface Pro 10", osVersion: "10.0.26100", serialNumber: "SIM0F3K6006",
                            passcode: strong, isEncrypted: true),
            SimulatedDevice(id: "sim-latitude", displayName: "Latitude 5490 - old build, no BitLocker", operatingSystem: .windows,
                            manufacturer: "Dell", model: "Latitude 5490", osVersion: "10.0.19044", serialNumber: "SIMDL5490007",
                            passcode: PasscodeFacts(isSet: true, length: 6, digits: 6), isEncrypted: false),
            SimulatedDevice(id: "sim-macbook-air", displayName: "MacBook Air - FileVault on", operatingSystem: .macOS,
                            manufacturer: "Apple", model: "MacBook Air (M3)", osVersion: "15.1", serialNumber: "SIMC02X8008",
                            passcode: strong, isEncrypted: true),
            SimulatedDevice(id: "sim-imac", displayName: "iMac - macOS 13, FileVault off", operatingSystem: .macOS,
                            manufacturer: "Apple", model: "iMac (24-inch, 2021)", osVersion: "13.6", serialNumber: "SIMC02Y9009",
                            passcode: strong, isEncrypted: false),
        ]
    }()

    /// Adele accepted an older version (so she is asked again); Zoë the current one.
    static func termsAcceptances(version: Int, now: Date) -> [TermsAcceptance] {
        [TermsAcceptance(userId: "usr-adele", version: version - 1, acceptedDateTime: now.addingTimeInterval(-200 * 86_400)),
         TermsAcceptance(userId: "usr-zoe", version: version, acceptedDateTime: now.addingTimeInterval(-30 * 86_400))]
    }

    /// Adds what enrollment needs to a demo tenant; categories only when it has none.
    static func add(to tenant: inout Tenant, now: Date) {
        if tenant.deviceCategories.isEmpty { tenant.deviceCategories = categories }
        tenant.simulatedDevices = devices
        tenant.organization.enrollmentRestrictions = restrictions
        tenant.termsAcceptances = termsAcceptances(version: tenant.organization.termsAndConditions.version, now: now)
    }
}
