import Foundation
import PortalCore

/// The Notifications section: the user's notifications made for the current
/// minute and read state, the list position, and writes under way.
public struct NotificationsState: Equatable, Sendable {
    /// What the store said the user read, once a change came back; nil until
    /// then (the read state loaded with the portal applies).
    public var readIds: Set<String>?
    /// Newest first; made again when the minute or the read state changes.
    public private(set) var feed: [UserNotification] = []
    public private(set) var unreadCount = 0
    /// The minute slot the feed was made for; nil makes it again.
    private var feedMinute: Int?
    public var list = ListState()
    /// Ids being marked read, so a notification is written once however often it is shown.
    public var pending: Set<String> = []
    /// Why the last change could not be written, in one line.
    public var failure: String?

    public init() {}

    /// Makes the feed again only when its inputs changed: a new minute (an
    /// expiry, a deadline, an install growing old) or another read state.
    mutating func refresh(_ data: UserPortalData, now: Date, evaluate: ((ManagedDevice) -> ComplianceEvaluation)? = nil) {
        let minute = DocumentLines.minute(of: now)
        guard feedMinute != minute else { return }
        feed = data.notifications(now: now, readIds: readIds, evaluate: evaluate)
        unreadCount = feed.reduce(0) { $0 + ($1.isRead ? 0 : 1) }
        feedMinute = minute
    }

    /// The store's read state after a change: the feed is made again.
    mutating func stored(_ ids: Set<String>) {
        readIds = ids
        feedMinute = nil
    }

    /// The sources changed (an install ended): the feed is made again.
    mutating func invalidate() { feedMinute = nil }

    public func notification(id: String) -> UserNotification? { feed.first { $0.id == id } }

    /// The tab's and Home's count: "3", or "99+" past that.
    public var unreadLabel: String { unreadCount > 99 ? "99+" : "\(unreadCount)" }
}
