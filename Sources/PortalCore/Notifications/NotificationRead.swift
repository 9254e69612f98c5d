import Foundation

/// That one user read one notification, kept in the store so read state
/// survives signing out, a restart and a second portal on the same store.
public struct NotificationRead: Codable, Sendable, Equatable {
    public var userId: String
    public var notificationId: String
    public var readDateTime: Date

    public init(userId: String, notificationId: String, readDateTime: Date) {
        self.userId = userId
        self.notificationId = notificationId
        self.readDateTime = readDateTime
    }

    /// Records kept per user; the oldest go first. Generated ids change with
    /// each event, so old records would otherwise pile up forever.
    public static let perUserLimit = 200
    /// Ids are made by the portal or come from the organization's (short) ids.
    public static let idLimit = 200
}
