import Foundation

/// How the Apps list is ordered.
public enum CatalogSort: String, CaseIterable, Sendable {
    case name, publisher, datePublished

    public var label: String {
        switch self {
        case .name: "Name"
        case .publisher: "Publisher"
        case .datePublished: "Date published"
        }
    }

    public var next: CatalogSort { CatalogSort.allCases[(CatalogSort.allCases.firstIndex(of: self)! + 1) % CatalogSort.allCases.count] }
}

/// Filter by assignment: required or available, or both (nil).
public enum AvailabilityFilter: String, CaseIterable, Sendable {
    case required, available

    public var label: String { self == .required ? "Required" : "Available" }

    public static func next(after filter: AvailabilityFilter?) -> AvailabilityFilter? {
        switch filter {
        case nil: .required
        case .required: .available
        case .available: nil
        }
    }
}

/// The device whose catalog is shown: its platform and OS version decide
/// which apps apply. `nil` platform shows every platform.
public struct CatalogScope: Sendable, Equatable {
    public var platform: DevicePlatform?
    public var osVersion: String?

    public init(platform: DevicePlatform? = nil, osVersion: String? = nil) {
        self.platform = platform
        self.osVersion = osVersion
    }

    public init(device: ManagedDevice) {
        self.init(platform: device.operatingSystem, osVersion: device.osVersion)
    }

    public static let allPlatforms = CatalogScope()

    /// The app runs on the platform, and the OS is at least its minimum
    /// (an unreadable version is not held against the app).
    public func applies(to app: MobileApp) -> Bool {
        guard let platform else { return true }
        guard app.platforms.contains(platform) else { return false }
        guard let minimum = app.minimumSupportedOperatingSystem.flatMap(VersionNumber.init),
              let version = osVersion.flatMap(VersionNumber.init) else { return true }
        return !(version < minimum)
    }
}

/// What the user asked of the catalog: apart from the search, everything
/// that decides which apps show and in what order.
public struct CatalogQuery: Sendable, Equatable {
    public var scope = CatalogScope.allPlatforms
    /// A category id; nil is All apps.
    public var category: String?
    public var availability: AvailabilityFilter?
    /// Install state on the scope's device; nil is any.
    public var installState: ResultantAppState?
    public var sort = CatalogSort.name

    public init(scope: CatalogScope = .allPlatforms, category: String? = nil, availability: AvailabilityFilter? = nil,
                installState: ResultantAppState? = nil, sort: CatalogSort = .name) {
        self.scope = scope
        self.category = category
        self.availability = availability
        self.installState = installState
        self.sort = sort
    }

    public var isFiltered: Bool { category != nil || availability != nil || installState != nil }
}
