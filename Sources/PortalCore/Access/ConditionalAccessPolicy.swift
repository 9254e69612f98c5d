import Foundation

/// A conditional access policy with Microsoft Graph's shape
/// (`conditionalAccessPolicy`), so an export from Entra maps field for field.
public struct ConditionalAccessPolicy: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var displayName: String
    public var state: ConditionalAccessPolicyState
    public var conditions: ConditionalAccessConditionSet
    public var grantControls: ConditionalAccessGrantControls

    public init(id: String, displayName: String, state: ConditionalAccessPolicyState = .enabled,
                conditions: ConditionalAccessConditionSet, grantControls: ConditionalAccessGrantControls) {
        self.id = id
        self.displayName = displayName
        self.state = state
        self.conditions = conditions
        self.grantControls = grantControls
    }
}

public enum ConditionalAccessPolicyState: String, GraphEnum {
    case enabled, disabled, enabledForReportingButNotEnforced
}

/// Graph's `conditionalAccessConditionSet`: who, which apps, which platforms
/// and which kinds of client app. Absent platforms mean every platform.
public struct ConditionalAccessConditionSet: Codable, Sendable, Equatable {
    public var users: ConditionalAccessUsers
    public var applications: ConditionalAccessApplications
    public var platforms: ConditionalAccessPlatforms?
    public var clientAppTypes: [ConditionalAccessClientApp]

    public init(users: ConditionalAccessUsers, applications: ConditionalAccessApplications,
                platforms: ConditionalAccessPlatforms? = nil, clientAppTypes: [ConditionalAccessClientApp] = [.all]) {
        self.users = users
        self.applications = applications
        self.platforms = platforms
        self.clientAppTypes = clientAppTypes
    }
}

/// User ids and group ids; `"All"` in `includeUsers` means every user.
public struct ConditionalAccessUsers: Codable, Sendable, Equatable {
    public static let all = "All"

    public var includeUsers: [String]
    public var excludeUsers: [String]
    public var includeGroups: [String]
    public var excludeGroups: [String]

    public init(includeUsers: [String] = [], excludeUsers: [String] = [], includeGroups: [String] = [], excludeGroups: [String] = []) {
        self.includeUsers = includeUsers
        self.excludeUsers = excludeUsers
        self.includeGroups = includeGroups
        self.excludeGroups = excludeGroups
    }
}

/// Cloud app ids; `"All"` means every app and `"Office365"` the Office 365 suite.
public struct ConditionalAccessApplications: Codable, Sendable, Equatable {
    public static let all = "All"
    public static let office365 = "Office365"

    public var includeApplications: [String]
    public var excludeApplications: [String]

    public init(includeApplications: [String], excludeApplications: [String] = []) {
        self.includeApplications = includeApplications
        self.excludeApplications = excludeApplications
    }
}

public struct ConditionalAccessPlatforms: Codable, Sendable, Equatable {
    public var includePlatforms: [ConditionalAccessDevicePlatform]
    public var excludePlatforms: [ConditionalAccessDevicePlatform]

    public init(includePlatforms: [ConditionalAccessDevicePlatform], excludePlatforms: [ConditionalAccessDevicePlatform] = []) {
        self.includePlatforms = includePlatforms
        self.excludePlatforms = excludePlatforms
    }
}

public enum ConditionalAccessDevicePlatform: String, GraphEnum {
    case android, iOS, windowsPhone, windows, macOS, linux, all
}

public enum ConditionalAccessClientApp: String, GraphEnum {
    case all, browser, mobileAppsAndDesktopClients, exchangeActiveSync, other
}

/// Graph's `conditionalAccessGrantControls`: the controls and whether all
/// (`AND`, "require all the selected controls") or one (`OR`) must be met.
public struct ConditionalAccessGrantControls: Codable, Sendable, Equatable {
    public var `operator`: GrantOperator
    public var builtInControls: [ConditionalAccessGrantControl]

    public init(operator: GrantOperator = .and, builtInControls: [ConditionalAccessGrantControl]) {
        self.operator = `operator`
        self.builtInControls = builtInControls
    }
}

public enum GrantOperator: String, GraphEnum {
    case and = "AND"
    case or = "OR"
}

public enum ConditionalAccessGrantControl: String, GraphEnum {
    case block, mfa, compliantDevice, domainJoinedDevice, approvedApplication, compliantApplication, passwordChange
}

extension ConditionalAccessDevicePlatform {
    /// The condition's platform for a device the portal knows; iPadOS is iOS in
    /// conditional access as in compliance.
    public init(_ platform: DevicePlatform) {
        switch platform {
        case .iOS, .iPadOS: self = .iOS
        case .android: self = .android
        case .windows: self = .windows
        case .macOS: self = .macOS
        case .linux: self = .linux
        }
    }
}
// Graph writes every list, but a person editing the store leaves out the
// empty ones: a missing list decodes as empty (client app types as "all").

extension ConditionalAccessUsers {
    enum CodingKeys: String, CodingKey { case includeUsers, excludeUsers, includeGroups, excludeGroups }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(includeUsers: try container.decodeIfPresent([String].self, forKey: .includeUsers) ?? [],
                  excludeUsers: try container.decodeIfPresent([String].self, forKey: .excludeUsers) ?? [],
                  includeGroups: try container.decodeIfPresent([String].self, forKey: .includeGroups) ?? [],
                  excludeGroups: try container.decodeIfPresent([String].self, forKey: .excludeGroups) ?? [])
    }
}

extension ConditionalAccessApplications {
    enum CodingKeys: String, CodingKey { case includeApplications, excludeApplications }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(includeApplications: try container.decodeIfPresent([String].self, forKey: .includeApplications) ?? [],
                  excludeApplications: try container.decodeIfPresent([String].self, forKey: .excludeApplications) ?? [])
    }
}

extension ConditionalAccessPlatforms {
    enum CodingKeys: String, CodingKey { case includePlatforms, excludePlatforms }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(includePlatforms: try container.decodeIfPresent([ConditionalAccessDevicePlatform].self, forKey: .includePlatforms) ?? [],
                  excludePlatforms: try container.decodeIfPresent([ConditionalAccessDevicePlatform].self, forKey: .excludePlatforms) ?? [])
    }
}

extension ConditionalAccessConditionSet {
    enum CodingKeys: String, CodingKey { case users, applications, platforms, clientAppTypes }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(users: try container.decode(ConditionalAccessUsers.self, forKey: .users),
                  applications: try container.decode(ConditionalAccessApplications.self, forKey: .applications),
                  platforms: try container.decodeIfPresent(ConditionalAccessPlatforms.self, forKey: .platforms),
                  clientAppTypes: try container.decodeIfPresent([ConditionalAccessClientApp].self, forKey: .clientAppTypes) ?? [.all])
    }
}
