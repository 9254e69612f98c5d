import Foundation

/// A device that exists only in the store: kiosks and screen scripts enroll
/// it, and its facts (kept by the organization) decide whether the
/// walkthrough ends compliant or not. Field names follow Graph's managedDevice.
public struct SimulatedDevice: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    /// What the walkthrough lists, e.g. "iPhone 15 (passcode set)".
    public var displayName: String
    public var operatingSystem: DevicePlatform
    public var manufacturer: String
    public var model: String
    public var osVersion: String
    public var serialNumber: String
    public var imei: String
    public var passcode: PasscodeFacts?
    public var isEncrypted: Bool?
    public var jailBroken: JailBrokenState
    public var partnerReportedThreatState: ManagedDevicePartnerReportedHealthState
    /// Whether the threat-defense app (Microsoft Defender) is installed and set up; absent means not.
    public var mobileThreatDefenseAppInstalled: Bool?

    public init(id: String, displayName: String, operatingSystem: DevicePlatform, manufacturer: String, model: String,
                osVersion: String, serialNumber: String, imei: String = "", passcode: PasscodeFacts?, isEncrypted: Bool?,
                jailBroken: JailBrokenState = .no, partnerReportedThreatState: ManagedDevicePartnerReportedHealthState = .secured,
                mobileThreatDefenseAppInstalled: Bool? = nil) {
        self.id = id
        self.displayName = displayName
        self.operatingSystem = operatingSystem
        self.manufacturer = manufacturer
        self.model = model
        self.osVersion = osVersion
        self.serialNumber = serialNumber
        self.imei = imei
        self.passcode = passcode
        self.isEncrypted = isEncrypted
        self.jailBroken = jailBroken
        self.partnerReportedThreatState = partnerReportedThreatState
        self.mobileThreatDefenseAppInstalled = mobileThreatDefenseAppInstalled
    }

    /// The platforms the walkthrough enrolls as simulated devices.
    public static let platforms: [DevicePlatform] = [.iOS, .iPadOS, .android, .windows, .macOS]

    /// The name a device suggests for itself, as iOS does ("iPhone").
    public var suggestedName: String { model }
}

/// Graph's deviceCategory: a label the user files an enrolled device under.
public struct DeviceCategory: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var displayName: String
    public var description: String

    public init(id: String, displayName: String, description: String = "") {
        self.id = id
        self.displayName = displayName
        self.description = description
    }
}

/// One user's acceptance of one version of the terms and conditions.
public struct TermsAcceptance: Codable, Sendable, Equatable {
    public var userId: String
    public var version: Int
    public var acceptedDateTime: Date

    public init(userId: String, version: Int, acceptedDateTime: Date) {
        self.userId = userId
        self.version = version
        self.acceptedDateTime = acceptedDateTime
    }
}

extension Tenant {
    /// Whether the user accepted the organization's current terms; a new version asks again.
    public func hasAcceptedCurrentTerms(userId: String) -> Bool {
        let version = organization.termsAndConditions.version
        return termsAcceptances.contains { $0.userId == userId && $0.version == version }
    }

    public func simulatedDevice(id: String) -> SimulatedDevice? { simulatedDevices.first { $0.id == id } }
}
