import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// What an empty Apps list says: why it is empty and what to do.
@Suite("Apps list messages")
struct AppsListMessagesTests {
    @Test func aDeviceWithNoAppsForItsPlatformSaysSo() throws {
        var tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
        for index in tenant.mobileApps.indices { tenant.mobileApps[index].platforms.removeAll { $0 == .linux } }
        let context = PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!)
        let runtime = PortalRuntime(context: context, clock: VirtualClock(start: testNow), size: Size(width: 80, height: 24))
        runtime.send(.input(.resize(Size(width: 80, height: 24))))
        runtime.signIn("alex.wilber@contoso.com", "Contoso-Alex-2")
        runtime.press(.character("3"), .character("d"))
        let screen = runtime.screenText
        #expect(screen.contains("Apps for: alex-thinkpad"))
        #expect(screen.contains("No apps for Linux 22.04"), "\(screen)")
    }
}
