import Foundation
import PortalCore
import Testing
@testable import PortalUI

@Suite("Notifications section")
struct NotificationsScreenTests {
    private func portal(_ runtime: PortalRuntime) throws -> PortalState {
        guard case let .portal(state) = runtime.state.screen else { throw CancellationError() }
        return state
    }

    @Test func theTabIsClickableAndADoubleClickReadsARow() throws {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        let tab = try #require(PortalLayout(size: runtime.state.size).tabs(active: .home, unread: "8").last)
        #expect(tab.section == .notifications)
        runtime.send(.input(.mouse(MouseEvent(kind: .click, x: tab.rect.x + 2, y: tab.rect.y))))
        #expect(try portal(runtime).section == .notifications)
        // The table's second row: one click selects it, a second opens it.
        let row = MouseEvent(kind: .click, x: 10, y: 6)
        runtime.send(.input(.mouse(row)))
        #expect(try portal(runtime).detail == nil)
        runtime.send(.input(.mouse(row)))
        let opened = try portal(runtime)
        let id = try #require(opened.notifications.feed.dropFirst().first?.id)
        #expect(opened.detail == .notification(id: id))
        #expect(opened.notifications.notification(id: id)?.isRead == true)
        #expect(opened.notifications.unreadCount == 7)
    }

    @Test func everyTabFitsAt80ColumnsWhicheverIsOpen() {
        let layout = PortalLayout(size: Size(width: 80, height: 24))
        for section in PortalState.Section.allCases {
            let tabs = layout.tabs(active: section, unread: "99+")
            #expect((tabs.last?.rect.maxX ?? 0) <= 80)
            #expect(tabs.first { $0.isActive }?.text == "[ \(section.rawValue + 1) \(section.title)\(section == .notifications ? " (99+)" : "") ]")
        }
        // Where there is room the tabs keep their full titles.
        #expect(PortalLayout(size: Size(width: 132, height: 43)).tabs(active: .home, unread: "3").map(\.text).contains("  5 Help & support  "))
    }

    @Test func helpListsTheSectionsKeys() {
        let help = NotificationKeymaps.list.helpEntries.map(\.action)
        #expect(help.contains("Mark the selected notification read"))
        #expect(help.contains("Mark every notification read"))
        #expect(NotificationKeymaps.detail(offersEnrollment: true).hints.first?.label == "Enroll this device")
        #expect(!NotificationKeymaps.detail(offersEnrollment: false).hints.contains { $0.label == "Enroll this device" })
    }
}
