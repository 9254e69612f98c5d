import Foundation

/// One notification as a user sees it: generated from the state of their
/// devices and apps, or one of the organization's messages.
public struct UserNotification: Sendable, Equatable, Identifiable {
    public enum Kind: Sendable, Equatable {
        /// A device stopped meeting its policies (in grace or past it).
        case deviceNoncompliant(deviceId: String)
        /// No device of the user can reach email: seed 002's first message.
        case enrollForEmail
        case appInstallFailed(appId: String, deviceId: String)
        /// Apps that finished installing on one device lately.
        case appsInstalled(deviceId: String)
        case organization(id: String)
    }

    /// Stable while the event lasts, so read state sticks; a new event
    /// (the device failing again after a fix, a later failure) makes a new id.
    public var id: String
    public var kind: Kind
    public var title: String
    public var body: String
    /// When the event happened; the list shows newest first.
    public var date: Date
    /// Set while a grace period runs: when the device loses access.
    public var deadline: Date?
    public var isRead = false

    public init(id: String, kind: Kind, title: String, body: String, date: Date, deadline: Date? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.body = body
        self.date = date
        self.deadline = deadline
    }

    /// The enrollment message opens the walkthrough from its detail.
    public var offersEnrollment: Bool { kind == .enrollForEmail }
}
