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
    /// A request under way and the failures in a row, kept out of line: an
    /// organization holds hundreds of thousands of records and few have either,
    /// so inline they would cost every record their room.
    private var rare: RareInstallFacts?

    /// The install or uninstall under way, if any.
    public var installRequest: InstallRequest? {
        get { rare?.request }
        set { rare = RareInstallFacts.make(request: newValue, failedAttempts: failedAttempts) }
    }

    /// Installs that failed in a row since the last one that succeeded.
    public var failedAttempts: Int? {
        get { rare?.failedAttempts }
        set { rare = RareInstallFacts.make(request: installRequest, failedAttempts: newValue) }
    }

    public init(appId: String, deviceId: String, installState: ResultantAppState, lastModifiedDateTime: Date) {
        self.appId = appId
        self.deviceId = deviceId
        self.installState = installState
        self.lastModifiedDateTime = lastModifiedDateTime
    }

    private enum CodingKeys: String, CodingKey {
        case appId, deviceId, installState, lastModifiedDateTime, errorCode, installRequest, failedAttempts
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        appId = try container.decode(String.self, forKey: .appId)
        deviceId = try container.decode(String.self, forKey: .deviceId)
        installState = try container.decode(ResultantAppState.self, forKey: .installState)
        lastModifiedDateTime = try container.decode(Date.self, forKey: .lastModifiedDateTime)
        errorCode = try container.decodeIfPresent(Int.self, forKey: .errorCode)
        rare = RareInstallFacts.make(request: try container.decodeIfPresent(InstallRequest.self, forKey: .installRequest),
                                     failedAttempts: try container.decodeIfPresent(Int.self, forKey: .failedAttempts))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(appId, forKey: .appId)
        try container.encode(deviceId, forKey: .deviceId)
        try container.encode(installState, forKey: .installState)
        try container.encode(lastModifiedDateTime, forKey: .lastModifiedDateTime)
        try container.encodeIfPresent(errorCode, forKey: .errorCode)
        try container.encodeIfPresent(installRequest, forKey: .installRequest)
        try container.encodeIfPresent(failedAttempts, forKey: .failedAttempts)
    }
}

/// What few install records carry, shared by reference and never changed in place.
final class RareInstallFacts: Sendable, Equatable {
    let request: InstallRequest?
    let failedAttempts: Int?

    private init(request: InstallRequest?, failedAttempts: Int?) {
        self.request = request
        self.failedAttempts = failedAttempts
    }

    /// Nil when there is nothing to keep, so a plain record holds no box.
    static func make(request: InstallRequest?, failedAttempts: Int?) -> RareInstallFacts? {
        request == nil && failedAttempts == nil ? nil : RareInstallFacts(request: request, failedAttempts: failedAttempts)
    }

    static func == (left: RareInstallFacts, right: RareInstallFacts) -> Bool {
        left.request == right.request && left.failedAttempts == right.failedAttempts
    }
}
