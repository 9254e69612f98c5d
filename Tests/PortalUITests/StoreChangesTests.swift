import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// What the signed-in portal does when the store announces another portal's
/// change: what it shows changes, where the user is stays.
@Suite struct StoreChangesTests {
    let tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)

    private func adeleOnFirstDevice() throws -> (PortalRuntime, User, String) {
        let runtime = demoRuntime(size: Size(width: 100, height: 30))
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("2"), .enter)
        guard case let .portal(portal) = runtime.state.screen, case let .device(id)? = portal.detail else {
            Issue.record("the device detail did not open")
            throw CancellationError()
        }
        return (runtime, portal.user, id)
    }

    @Test func aRenameElsewhereShowsInTheOpenDetail() throws {
        let (runtime, adele, id) = try adeleOnFirstDevice()
        var changed = tenant
        let index = try #require(changed.managedDevices.firstIndex { $0.id == id })
        changed.managedDevices[index].deviceName = "RENAMED-ELSEWHERE"
        runtime.send(.portalReread(UserPortalData(user: adele, tenant: changed)))
        guard case let .portal(portal) = runtime.state.screen else { Issue.record("signed out"); return }
        #expect(portal.detail == .device(id: id))
        #expect(runtime.screenText.contains("RENAMED-ELSEWHERE"))
    }

    @Test func aDeviceRemovedElsewhereClosesItsDetail() throws {
        let (runtime, adele, id) = try adeleOnFirstDevice()
        var changed = tenant
        changed.managedDevices.removeAll { $0.id == id }
        runtime.send(.portalReread(UserPortalData(user: adele, tenant: changed)))
        guard case let .portal(portal) = runtime.state.screen else { Issue.record("signed out"); return }
        #expect(portal.detail == nil)
        #expect(portal.section == .devices)
        #expect(!portal.myDevices.contains { $0.id == id })
    }

    @Test func anAdministratorsNotificationShowsAtOnce() throws {
        let runtime = demoRuntime(size: Size(width: 100, height: 30))
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("6"))
        guard case let .portal(portal) = runtime.state.screen else { Issue.record("not signed in"); return }
        var changed = tenant
        changed.organization.notifications.append(OrganizationNotification(id: "note-new", title: "Office closed Friday",
                                                                           body: "Closed.", createdDateTime: testNow))
        runtime.send(.portalReread(UserPortalData(user: portal.user, tenant: changed)))
        #expect(runtime.screenText.contains("Office closed Friday"))
    }

    /// A database answers a change with the user's part but not the whole
    /// catalog: the catalog already read stays (it once stayed "Loading apps…").
    @Test func aDeviceChangeKeepsTheCatalogAlreadyRead() throws {
        let (runtime, adele, id) = try adeleOnFirstDevice()
        guard case let .portal(before) = runtime.state.screen else { return }
        var changed = tenant
        let index = try #require(changed.managedDevices.firstIndex { $0.id == id })
        changed.managedDevices[index].deviceName = "RENAMED-HERE"
        let partial = UserPortalData(user: adele, tenant: changed, catalogIsComplete: false)
        runtime.send(.deviceChanged(.renamed(changed.managedDevices[index]), partial))
        runtime.press(.escape, .character("3"))
        guard case let .portal(after) = runtime.state.screen else { Issue.record("signed out"); return }
        #expect(after.data.catalogIsComplete)
        #expect(after.catalog == before.catalog)
        #expect(!runtime.screenText.contains("Loading apps…"))
        #expect(runtime.screenText.contains("of \(before.catalog.count) apps"))
    }

    /// Over a signed-in header the badge takes the end of the name, which ends in "…".
    @Test func reconnectingShortensTheNameCleanly() {
        let runtime = demoRuntime(size: Size(width: 80, height: 24))
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.send(.storeEvent(.unreachable(true)))
        let header = runtime.render().row(0)
        #expect(header.hasSuffix("(adele.v… ! Reconnecting…"), "\(header)")
        #expect(header.contains("Adele Vance ("), "\(header)")
    }

    /// What each announcement makes the signed-in portal read again: its
    /// user's part, or the catalog, never both for one change.
    @Test func eachAnnouncementReadsWhatItConcerns() throws {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        var state = runtime.state
        #expect(PortalApp.update(&state, .storeEvent(.changed(userId: DirectoryEvent.everyone)), context: runtime.context)
                == [.rereadPortal(userId: "usr-adele")])
        #expect(PortalApp.update(&state, .storeEvent(.changed(userId: "usr-adele")), context: runtime.context)
                == [.rereadPortal(userId: "usr-adele")])
        #expect(PortalApp.update(&state, .storeEvent(.changed(userId: "usr-megan")), context: runtime.context).isEmpty)
        #expect(PortalApp.update(&state, .storeEvent(.catalogChanged), context: runtime.context)
                == [.loadCatalog(userId: "usr-adele")])
    }
}
