import Foundation

/// One of the organization's cloud apps, as conditional access targets it:
/// Graph's application id (`appId`) and its name.
public struct CloudApp: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var displayName: String
    /// Whether `"Office365"` in a policy's applications targets this app.
    public var isOffice365: Bool

    public init(id: String, displayName: String, isOffice365: Bool = false) {
        self.id = id
        self.displayName = displayName
        self.isOffice365 = isOffice365
    }

    /// Microsoft's well-known application ids for the apps users reach most.
    public static let exchangeOnline = CloudApp(id: "00000002-0000-0ff1-ce00-000000000000", displayName: "Exchange Online", isOffice365: true)
    public static let sharePointOnline = CloudApp(id: "00000003-0000-0ff1-ce00-000000000000", displayName: "SharePoint Online", isOffice365: true)
    public static let microsoftTeams = CloudApp(id: "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe", displayName: "Microsoft Teams", isOffice365: true)
    public static let azurePortal = CloudApp(id: "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", displayName: "Microsoft Azure Management")
}

/// A store written by hand may leave `isOffice365` out.
extension CloudApp {
    enum CodingKeys: String, CodingKey { case id, displayName, isOffice365 }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try container.decode(String.self, forKey: .id),
                  displayName: try container.decode(String.self, forKey: .displayName),
                  isOffice365: try container.decodeIfPresent(Bool.self, forKey: .isOffice365) ?? false)
    }
}
