import Foundation

/// One change to a user's read state, applied atomically by the store (the
/// file under its lock), so two portals marking at once both count.
public enum NotificationChange: Equatable, Sendable {
    case markRead(userId: String, notificationId: String)
    /// Every notification the user was shown.
    case markAllRead(userId: String, notificationIds: [String])
}

/// The user's read ids as stored after the change.
public struct NotificationChangeResult: Equatable, Sendable {
    public var userId: String
    public var readIds: Set<String>

    public init(userId: String, readIds: Set<String>) {
        self.userId = userId
        self.readIds = readIds
    }
}

public enum NotificationChangeError: Error, Equatable, Sendable {
    case userNotFound
    case refused(String)

    public var message: String {
        switch self {
        case .userNotFound: AccountChangeError.userNotFound.message
        case let .refused(reason): reason
        }
    }
}

extension NotificationChange {
    public var userId: String {
        switch self {
        case let .markRead(userId, _), let .markAllRead(userId, _): userId
        }
    }
}

extension Tenant {
    /// Applies one change; throws without having changed anything.
    public mutating func apply(_ change: NotificationChange, now: Date) throws(NotificationChangeError) -> NotificationChangeResult {
        let (userId, ids): (String, [String]) = switch change {
        case let .markRead(userId, id): (userId, [id])
        case let .markAllRead(userId, ids): (userId, ids)
        }
        guard user(id: userId) != nil else { throw .userNotFound }
        if let bad = ids.first(where: { $0.isEmpty || $0.count > NotificationRead.idLimit || $0.unicodeScalars.contains(where: InertText.isUnsafe) }) {
            throw .refused("\"\(InertText.escaped(String(bad.prefix(40))))\" is not a notification id.")
        }
        var read = readNotificationIds(userId: userId)
        for id in ids where read.insert(id).inserted {
            notificationReads.append(NotificationRead(userId: userId, notificationId: id, readDateTime: now))
        }
        trimNotificationReads(userId: userId)
        return NotificationChangeResult(userId: userId, readIds: readNotificationIds(userId: userId))
    }

    public func readNotificationIds(userId: String) -> Set<String> {
        Set(notificationReads.lazy.filter { $0.userId == userId }.map(\.notificationId))
    }

    /// Keeps the user's newest records up to the limit; others' are untouched.
    private mutating func trimNotificationReads(userId: String) {
        let mine = notificationReads.indices.filter { notificationReads[$0].userId == userId }
        guard mine.count > NotificationRead.perUserLimit else { return }
        // Oldest first by read time; the store order breaks ties (earlier is older).
        let oldest = mine.sorted { (notificationReads[$0].readDateTime, $0) < (notificationReads[$1].readDateTime, $1) }
        let dropped = Set(oldest.prefix(mine.count - NotificationRead.perUserLimit))
        notificationReads = notificationReads.indices.filter { !dropped.contains($0) }.map { notificationReads[$0] }
    }
}
