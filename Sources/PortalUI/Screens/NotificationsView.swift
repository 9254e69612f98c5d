import Foundation
import PortalCore

/// The Notifications section's list, one notification's full text, and
/// Home's short account of them. Unread is a glyph and bold, never color alone.
enum NotificationsView {
    static let unreadGlyph = "•"
    static let enrollButton = "[ Enroll this device ]"

    /// At 80 columns the title and date fit; wider terminals add what it is about.
    static let columns = [
        TableColumn("", width: 1, priority: 0),
        TableColumn("Notification", minimum: 44, weight: 1, priority: 0),
        TableColumn("About", width: 12, priority: 2),
        TableColumn("Date", width: 20, priority: 1),
    ]

    static func view(_ state: PortalState, context: PortalContext, layout: PortalLayout, buffer: inout CellBuffer) {
        let notes = state.notifications
        let caption = notes.feed.isEmpty ? " Notifications"
            : " Notifications: \(notes.unreadCount) unread of \(notes.feed.count), newest first"
        buffer.write(caption, x: 0, y: layout.captionRow, role: .accent)
        if let failure = notes.failure {
            // The caption's line is the one place left; the failure matters more.
            buffer.write(" " + TextWidth.truncate(failure, to: layout.size.width - 2), x: 0, y: layout.captionRow, role: .error)
        }
        let row = { (index: Int) -> [Span] in
            let note = notes.feed[index]
            return [Span(note.isRead ? " " : unreadGlyph, .title), Span(note.title, note.isRead ? .text : .title),
                    Span(about(note.kind), .dim), Span(context.dateTime(note.date), .dim)]
        }
        Table.draw(columns: columns, count: notes.feed.count, row: row, state: notes.list, in: layout.table, buffer: &buffer,
                   emptyMessage: "No notifications. Your devices and apps will tell you here when they need you.")
    }

    static func about(_ kind: UserNotification.Kind) -> String {
        switch kind {
        case .deviceNoncompliant: "Device"
        case .enrollForEmail: "Enrollment"
        case .appInstallFailed, .appsInstalled: "App"
        case .organization: "Organization"
        }
    }

    /// One notification in full, wrapped; what to do next below its text.
    static func detailLines(id: String, _ state: PortalState, context: PortalContext, width: Int, now: Date) -> [StyledLine] {
        guard let note = state.notifications.notification(id: id) else {
            return StyledLine.wrapped("This notification is no longer current: what it said was fixed or has expired.", role: .dim, width: width)
        }
        var lines = StyledLine.wrapped(note.title, role: .title, width: width)
        lines.append(StyledLine("\(about(note.kind)) · \(context.dateTime(note.date))", .dim))
        lines.append(.blank)
        lines += StyledLine.wrapped(note.body, width: width)
        if let deadline = note.deadline {
            lines.append(.blank)
            lines += StyledLine.wrapped("Fix by \(context.dateTime(deadline)) (\(PortalContext.relative(deadline, now: now))).",
                                        role: .inGracePeriod, width: width, firstPrefix: [Span("! ", .inGracePeriod)])
        }
        lines.append(.blank)
        switch note.kind {
        case .enrollForEmail:
            lines.append(StyledLine([Span(enrollButton, .button), Span("  press e or click: a walkthrough, step by step", .dim)]))
        case .deviceNoncompliant:
            lines.append(StyledLine("Press 2 for Devices.", .dim))
        case .appInstallFailed, .appsInstalled:
            lines.append(StyledLine("Press 3 for Apps.", .dim))
        case .organization:
            break
        }
        return lines
    }

    /// Home: the unread count, the newest few titles, and the way to the rest.
    static func homeLines(_ state: PortalState, context: PortalContext, width: Int) -> [StyledLine] {
        let notes = state.notifications
        var lines = [StyledLine("Notifications (\(notes.unreadLabel) unread)", .accent)]
        if notes.feed.isEmpty { return lines + [StyledLine("  No notifications.", .dim)] }
        for note in notes.feed.prefix(homeCount) {
            let glyph = Span(note.isRead ? "    " : "  \(unreadGlyph) ", .title)
            lines += StyledLine.wrapped(note.title, role: note.isRead ? .text : .title, width: width, indent: 4, firstPrefix: [glyph])
            lines.append(StyledLine("    " + context.dateTime(note.date), .dim))
        }
        lines.append(StyledLine("  Press 6 for Notifications to read \(notes.feed.count == 1 ? "it" : "all \(notes.feed.count)").", .dim))
        return lines
    }

    /// Home shows this many; the section shows them all.
    static let homeCount = 3
}
