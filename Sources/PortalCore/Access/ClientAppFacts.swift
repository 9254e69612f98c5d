import Foundation

/// What the portal knows of the client app a user would reach a cloud app
/// with. App protection fills this in once it knows which apps are approved
/// and protected on the device; nil means not known, and an unknown app never
/// counts as approved or protected.
public struct ClientAppFacts: Sendable, Equatable {
    /// The kind of client the verdict is for; the portal answers for the apps
    /// it installs (mobile apps and desktop clients).
    public var clientAppType: ConditionalAccessClientApp
    /// `approvedApplication`: the user reaches the app through an approved client app.
    public var approvedApplication: Bool?
    /// `compliantApplication`: that client app is under an app protection policy.
    public var compliantApplication: Bool?

    public init(clientAppType: ConditionalAccessClientApp = .mobileAppsAndDesktopClients,
                approvedApplication: Bool? = nil, compliantApplication: Bool? = nil) {
        self.clientAppType = clientAppType
        self.approvedApplication = approvedApplication
        self.compliantApplication = compliantApplication
    }

    public static let unknown = ClientAppFacts()
}
