import Foundation

/// Graph's managedAppRegistration: one protected app on one device the
/// organization does not manage, registered through the broker app, with
/// the outcome of its last device health check.
public struct ManagedAppRegistration: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var userId: String
    public var deviceName: String
    public var deviceType: String
    public var deviceModel: String
    public var deviceManufacturer: String
    public var platformVersion: String
    public var appIdentifier: MobileAppIdentifier
    /// What the user knows the app as ("Outlook"); not in Graph, kept so lists read well.
    public var appDisplayName: String
    public var createdDateTime: Date
    /// When the app last checked in: the last device health check.
    public var lastSyncDateTime: Date
    public var flaggedReasons: [ManagedAppFlaggedReason]
    /// The policy the app's health is checked against.
    public var policyId: String
    /// The simulated device the registration stands for.
    public var simulatedDeviceId: String
    /// The user installed and set up the threat-defense app (or the device came with it).
    public var mobileThreatDefenseAppInstalled: Bool
    /// The user removed the threat the threat-defense app found (simulated); absent means not.
    public var threatRemoved: Bool?
    public var healthState: AppProtectionHealthState
    /// The level the threat-defense app reported at the last check, if any.
    public var reportedThreatLevel: DeviceThreatLevel?

    public init(id: String, userId: String, deviceName: String, deviceType: String, deviceModel: String, deviceManufacturer: String,
                platformVersion: String, appIdentifier: MobileAppIdentifier, appDisplayName: String, createdDateTime: Date,
                lastSyncDateTime: Date, flaggedReasons: [ManagedAppFlaggedReason] = [], policyId: String, simulatedDeviceId: String,
                mobileThreatDefenseAppInstalled: Bool, healthState: AppProtectionHealthState, reportedThreatLevel: DeviceThreatLevel? = nil) {
        self.id = id
        self.userId = userId
        self.deviceName = deviceName
        self.deviceType = deviceType
        self.deviceModel = deviceModel
        self.deviceManufacturer = deviceManufacturer
        self.platformVersion = platformVersion
        self.appIdentifier = appIdentifier
        self.appDisplayName = appDisplayName
        self.createdDateTime = createdDateTime
        self.lastSyncDateTime = lastSyncDateTime
        self.flaggedReasons = flaggedReasons
        self.policyId = policyId
        self.simulatedDeviceId = simulatedDeviceId
        self.mobileThreatDefenseAppInstalled = mobileThreatDefenseAppInstalled
        self.healthState = healthState
        self.reportedThreatLevel = reportedThreatLevel
    }

    /// The longest device name a registration keeps.
    public static let deviceNameLimit = 60
}

/// Graph's managedAppFlaggedReason.
public enum ManagedAppFlaggedReason: String, GraphEnum {
    case none, rootedDevice, androidBootloaderUnlocked, androidFactoryRomModified
}

extension Tenant {
    public func appRegistrations(of user: User) -> [ManagedAppRegistration] {
        managedAppRegistrations.filter { $0.userId == user.id }
    }
}
