import Foundation

/// Graph's iosManagedAppProtection / androidManagedAppProtection: an app
/// protection policy for apps on devices the organization does not manage
/// (bring-your-own-device). Its conditional launch sets the highest threat
/// level the threat-defense app may report, and what happens above it.
public struct ManagedAppProtection: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var displayName: String
    public var description: String?
    public var platform: ManagedAppPlatform
    /// The protected apps; a user registers a device from one of them.
    public var apps: [ProtectedApp]
    public var assignedGroups: [String]
    public var maximumAllowedDeviceThreatLevel: ManagedAppDeviceThreatLevel
    public var mobileThreatDefenseRemediationAction: ManagedAppRemediationAction
    /// The threat-defense partner app the device needs while a maximum is set.
    public var threatDefenseApp: ThreatDefensePartnerApp

    public init(id: String, displayName: String, description: String? = nil, platform: ManagedAppPlatform, apps: [ProtectedApp],
                assignedGroups: [String], maximumAllowedDeviceThreatLevel: ManagedAppDeviceThreatLevel,
                mobileThreatDefenseRemediationAction: ManagedAppRemediationAction,
                threatDefenseApp: ThreatDefensePartnerApp = .microsoftDefender) {
        self.id = id
        self.displayName = displayName
        self.description = description
        self.platform = platform
        self.apps = apps
        self.assignedGroups = assignedGroups
        self.maximumAllowedDeviceThreatLevel = maximumAllowedDeviceThreatLevel
        self.mobileThreatDefenseRemediationAction = mobileThreatDefenseRemediationAction
        self.threatDefenseApp = threatDefenseApp
    }

    public func app(identifier: String) -> ProtectedApp? { apps.first { $0.mobileAppIdentifier.value == identifier } }
}

/// The two platforms app protection without enrollment covers.
public enum ManagedAppPlatform: String, GraphEnum {
    case iOS, android

    public var displayName: String { self == .iOS ? "iOS/iPadOS" : "Android" }

    /// iPhone and iPad share iOS policies; other platforms have none.
    public init?(_ platform: DevicePlatform) {
        switch platform {
        case .iOS, .iPadOS: self = .iOS
        case .android: self = .android
        case .windows, .macOS, .linux: return nil
        }
    }

    /// The app that registers the device for app protection (seed 004):
    /// Microsoft Authenticator on iOS, Company Portal on Android.
    public var brokerApp: String { self == .iOS ? "Microsoft Authenticator" : "Company Portal" }

    public var storeName: String { self == .iOS ? "App Store" : "Google Play" }
}

/// Graph's managedAppDeviceThreatLevel.
public enum ManagedAppDeviceThreatLevel: String, GraphEnum {
    case notConfigured, secured, low, medium, high

    /// The highest level allowed, or nil when no threat-defense app is required.
    public var maximum: DeviceThreatLevel? {
        switch self {
        case .notConfigured: nil
        case .secured: .secured
        case .low: .low
        case .medium: .medium
        case .high: .high
        }
    }
}

/// Graph's managedAppRemediationAction: what happens above the maximum threat level.
public enum ManagedAppRemediationAction: String, GraphEnum {
    case block, wipe, warn
}

/// One protected app with Graph's mobileAppIdentifier: a bundle id on iOS,
/// a package id on Android.
public struct ProtectedApp: Codable, Sendable, Equatable {
    public var displayName: String
    public var mobileAppIdentifier: MobileAppIdentifier

    public init(displayName: String, mobileAppIdentifier: MobileAppIdentifier) {
        self.displayName = displayName
        self.mobileAppIdentifier = mobileAppIdentifier
    }
}

/// Graph's iosMobileAppIdentifier (bundleId) or androidMobileAppIdentifier (packageId).
public struct MobileAppIdentifier: Codable, Sendable, Equatable, Hashable {
    public var bundleId: String?
    public var packageId: String?

    public init(bundleId: String? = nil, packageId: String? = nil) {
        self.bundleId = bundleId
        self.packageId = packageId
    }

    public static func ios(_ bundleId: String) -> MobileAppIdentifier { MobileAppIdentifier(bundleId: bundleId) }
    public static func android(_ packageId: String) -> MobileAppIdentifier { MobileAppIdentifier(packageId: packageId) }

    public var value: String { bundleId ?? packageId ?? "" }
}

/// The threat-defense partner app (Mobile Threat Defense) a device installs
/// and sets up so it can report the device's threat level.
public struct ThreatDefensePartnerApp: Codable, Sendable, Equatable {
    public var displayName: String
    /// The name to search for in the App Store or Google Play.
    public var storeName: String

    public init(displayName: String, storeName: String) {
        self.displayName = displayName
        self.storeName = storeName
    }

    public static let microsoftDefender = ThreatDefensePartnerApp(displayName: "Microsoft Defender", storeName: "Microsoft Defender")
}

extension Tenant {
    /// The policies that target the user on a platform, in store order.
    public func appProtectionPolicies(for user: User, platform: ManagedAppPlatform) -> [ManagedAppProtection] {
        let groups = Set(user.groups)
        return managedAppProtections.filter { $0.platform == platform && !groups.isDisjoint(with: $0.assignedGroups) }
    }

    /// The policy that protects this app for the user: the first in store
    /// order, so the same store always gives the same answer.
    public func appProtectionPolicy(for user: User, platform: ManagedAppPlatform, app identifier: String) -> ManagedAppProtection? {
        appProtectionPolicies(for: user, platform: platform).first { $0.app(identifier: identifier) != nil }
    }
}
