import Foundation
import PortalCore

extension StoreValidator {
    /// The audience and expiry of the organization's notifications: every
    /// audience group exists, an audience is not an empty list (that would
    /// reach nobody; leave it out to reach everyone), and expiry follows creation.
    func checkNotifications(_ notifications: [OrganizationNotification], groupIds: Set<String>,
                            fail: (String, String) -> Void) {
        for (index, note) in notifications.enumerated() {
            let path = "$.organization.notifications[\(index)]"
            if let groups = note.audienceGroupIds {
                if groups.isEmpty {
                    fail("\(path).audienceGroupIds", "is empty, so nobody would see it; leave it out to show the notification to every user")
                }
                for (groupIndex, group) in groups.enumerated() where !groupIds.contains(group) {
                    fail("\(path).audienceGroupIds[\(groupIndex)]", "no group has id \"\(group)\"")
                }
            }
            if let expiry = note.expirationDateTime, expiry <= note.createdDateTime {
                fail("\(path).expirationDateTime", "must be after createdDateTime")
            }
        }
    }
}
