import Foundation
import PortalCore

/// Update of the Notifications section: open one (which marks it read),
/// mark one or all read, and the store's answers.
enum NotificationsScreen {
    /// The section's own actions; nil passes the action on.
    static func handle(_ action: Action, _ state: inout PortalState, now: Date) -> [Effect]? {
        guard state.section == .notifications, state.detail == nil else { return nil }
        let feed = state.notifications.feed
        let selected = feed.indices.contains(state.notifications.list.selected) ? feed[state.notifications.list.selected] : nil
        switch action {
        case .open:
            guard let selected else { return [] }
            state.detail = .notification(id: selected.id)
            state.detailScroll = ScrollState()
            return []
        case .markRead:
            guard let selected else { return [] }
            return markRead([selected], &state)
        case .markAllRead:
            return markRead(feed, &state)
        default:
            return nil
        }
    }

    /// Opening a notification marks it read, however it was opened (a key, a click).
    static func markOpenedRead(_ state: inout PortalState) -> [Effect] {
        guard case let .notification(id)? = state.detail, state.enrollment == nil,
              let note = state.notifications.notification(id: id) else { return [] }
        return markRead([note], &state)
    }

    private static func markRead(_ notes: [UserNotification], _ state: inout PortalState) -> [Effect] {
        let ids = notes.filter { !$0.isRead && !state.notifications.pending.contains($0.id) }.map(\.id)
        guard !ids.isEmpty else { return [] }
        state.notifications.pending.formUnion(ids)
        let userId = state.user.id
        return [.changeNotifications(ids.count == 1 && notes.count == 1 ? .markRead(userId: userId, notificationId: ids[0])
                                     : .markAllRead(userId: userId, notificationIds: ids))]
    }

    /// A click on "[ Enroll this device ]" in the enrollment message starts the walkthrough.
    static func click(_ event: MouseEvent, _ state: inout PortalState, context: PortalContext, layout: PortalLayout, now: Date) -> [Effect]? {
        guard case .notification? = state.detail, layout.content.contains(x: event.x, y: event.y) else { return nil }
        let lines = PortalScreen.shownDetailLines(state, context: context, width: layout.size.width - 3, now: now)
        let index = state.detailScroll.offset + event.y - layout.content.y
        guard lines.indices.contains(index),
              lines[index].spans.contains(where: { $0.text == NotificationsView.enrollButton }) else { return nil }
        return EnrollmentHost.start(&state, now: now)
    }

    /// The store's answer to a change.
    static func receive(_ message: Message, _ state: inout PortalState) {
        switch message {
        case let .notificationsChanged(result) where result.userId == state.user.id:
            state.notifications.pending.subtract(result.readIds)
            state.notifications.stored(result.readIds)
            state.notifications.failure = nil
            // Home shows the unread count: lay it out again.
            state.home = nil
        case let .notificationChangeFailed(reason):
            state.notifications.pending = []
            state.notifications.failure = reason
        default:
            break
        }
    }
}
