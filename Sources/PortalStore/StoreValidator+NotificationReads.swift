import Foundation
import PortalCore

extension StoreValidator {
    /// Read notifications: each names a user that exists and an id the
    /// portal could have made, once per user, and no user has more than the
    /// portal keeps (it drops the oldest when it writes).
    func checkNotificationReads(_ reads: [NotificationRead], userIds: Set<String>, fail: (String, String) -> Void) {
        var seen = Set<String>()
        var perUser: [String: Int] = [:]
        for (index, read) in reads.enumerated() {
            let path = "$.notificationReads[\(index)]"
            if !userIds.contains(read.userId) { fail("\(path).userId", "no user has id \"\(read.userId)\"") }
            let id = read.notificationId
            if id.isEmpty { fail("\(path).notificationId", "must not be empty") }
            if id.count > NotificationRead.idLimit { fail("\(path).notificationId", "\(id.count) characters; at most \(NotificationRead.idLimit) allowed") }
            if id.unicodeScalars.contains(where: InertText.isUnsafe) { fail("\(path).notificationId", "holds control characters") }
            if !seen.insert("\(read.userId)\u{0}\(id)").inserted { fail(path, "the user read this notification already") }
            let count = perUser[read.userId, default: 0] + 1
            perUser[read.userId] = count
            if count == NotificationRead.perUserLimit + 1 {
                fail(path, "the user has more than \(NotificationRead.perUserLimit) read notifications; remove the oldest")
            }
        }
    }
}
