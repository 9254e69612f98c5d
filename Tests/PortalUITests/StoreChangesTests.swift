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

    @Test func appsSayTheCatalogIsComingUntilItCame() throws {
        let runtime = demoRuntime(size: Size(width: 100, height: 30))
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        guard case let .portal(portal) = runtime.state.screen else { Issue.record("not signed in"); return }
        // As a database answers: only the apps of the install records, the rest to follow.
        runtime.post(.portalOpened(UserPortalData(user: portal.user, tenant: tenant, catalogIsComplete: false)))
        runtime.post(.input(.key(.character("3"))))
        #expect(runtime.screenText.contains("Loading apps…"))
        runtime.waitUntilIdle()
        #expect(!runtime.screenText.contains("Loading apps…"))
        #expect(runtime.screenText.contains("of \(portal.catalog.count) apps"))
    }

    @Test func theHeaderSaysReconnectingWhileTheStoreIsAway() {
        let runtime = demoRuntime()
        runtime.send(.storeEvent(.unreachable(true)))
        #expect(runtime.render().row(0).contains("! Reconnecting…"))
        runtime.send(.storeEvent(.unreachable(false)))
        #expect(!runtime.screenText.contains("Reconnecting"))
    }
}
