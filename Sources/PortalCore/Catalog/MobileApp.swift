import Foundation

/// An app the organization publishes, with Microsoft Graph's mobileApp names
/// plus the version, size and platforms the catalog shows.
public struct MobileApp: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var displayName: String
    public var publisher: String
    public var description: String
    public var isFeatured: Bool
    /// Ids of the app's `mobileAppCategories`.
    public var categories: [String]
    public var createdDateTime: Date
    public var lastModifiedDateTime: Date
    public var informationUrl: String?
    public var privacyInformationUrl: String?
    public var owner: String
    public var developer: String
    public var notes: String
    public var version: String
    public var sizeInBytes: Int
    public var platforms: [DevicePlatform]
    public var minimumSupportedOperatingSystem: String?
    /// Installs that fail on purpose, to show the failure path; absent in most stores.
    public var simulatedInstallFailures: [SimulatedInstallFailure]? = nil

    public init(id: String, displayName: String, publisher: String, description: String, isFeatured: Bool,
                categories: [String], createdDateTime: Date, lastModifiedDateTime: Date,
                informationUrl: String? = nil, privacyInformationUrl: String? = nil, owner: String = "",
                developer: String = "", notes: String = "", version: String, sizeInBytes: Int,
                platforms: [DevicePlatform], minimumSupportedOperatingSystem: String? = nil) {
        self.id = id
        self.displayName = displayName
        self.publisher = publisher
        self.description = description
        self.isFeatured = isFeatured
        self.categories = categories
        self.createdDateTime = createdDateTime
        self.lastModifiedDateTime = lastModifiedDateTime
        self.informationUrl = informationUrl
        self.privacyInformationUrl = privacyInformationUrl
        self.owner = owner
        self.developer = developer
        self.notes = notes
        self.version = version
        self.sizeInBytes = sizeInBytes
        self.platforms = platforms
        self.minimumSupportedOperatingSystem = minimumSupportedOperatingSystem
    }
}

public struct MobileAppCategory: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var displayName: String

    public init(id: String, displayName: String) {
        self.id = id
        self.displayName = displayName
    }
}

/// Graph's `installIntent` of a mobileAppAssignment.
public enum InstallIntent: String, GraphEnum {
    case available, required, uninstall, availableWithoutEnrollment
}

/// An app assigned to a group, as required (pushed) or available.
public struct MobileAppAssignment: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var appId: String
    public var groupId: String
    public var intent: InstallIntent

    public init(id: String, appId: String, groupId: String, intent: InstallIntent) {
        self.id = id
        self.appId = appId
        self.groupId = groupId
        self.intent = intent
    }
}

/// Graph's `resultantAppState`.
public enum ResultantAppState: String, GraphEnum {
    case installed, failed, notInstalled, uninstallFailed, pendingInstall, unknown, notApplicable

    /// The Company Portal's word for the state.
    public var label: String {
        switch self {
        case .installed: "Installed"
        case .failed: "Install failed"
        case .notInstalled: "Not installed"
        case .uninstallFailed: "Uninstall failed"
        case .pendingInstall: "Installing"
        case .unknown: "Unknown"
        case .notApplicable: "Not applicable"
        }
    }
}

/// The install state of one app on one device.
public struct AppInstallState: Codable, Sendable, Equatable {
    public var appId: String
    public var deviceId: String
    public var installState: ResultantAppState
    public var lastModifiedDateTime: Date
    /// Graph's errorCode of a failed install (an HRESULT); absent when none was reported.
    public var errorCode: Int? = nil
    /// The install or uninstall under way, if any.
    public var installRequest: InstallRequest? = nil
    /// Installs that failed in a row since the last one that succeeded.
    public var failedAttempts: Int? = nil

    public init(appId: String, deviceId: String, installState: ResultantAppState, lastModifiedDateTime: Date) {
        self.appId = appId
        self.deviceId = deviceId
        self.installState = installState
        self.lastModifiedDateTime = lastModifiedDateTime
    }
}
