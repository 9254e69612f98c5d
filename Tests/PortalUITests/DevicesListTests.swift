import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// The Devices list driven through the runtime: keys sort and filter, rows
/// are derived once per change, the machine the portal runs on is marked,
/// and no user ever sees another's device.
@Suite("Devices list")
struct DevicesListTests {
    func portal(_ runtime: PortalRuntime) -> PortalState? {
        guard case let .portal(portal) = runtime.state.screen else { return nil }
        return portal
    }

    @Test func everyUserSeesTheirOwnDevicesOnlyWhateverTheFilter() throws {
        let tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
        var checked = 0
        for account in DemoOrganization.accounts {
            let upn = account.userPrincipalName
            let runtime = demoRuntime()
            runtime.signIn(upn, account.password)
            // Accounts that must register a method or change a password first never reach the list.
            guard portal(runtime) != nil else { continue }
            checked += 1
            runtime.press(.character("2"))
            let user = try #require(tenant.user(principalName: upn))
            let others = tenant.managedDevices.filter { $0.userId != user.id }
            for keys in [[], [Key.character("s")], [.character("p")], [.character("f")], [.character("f"), .character("f")]] {
                for key in keys { runtime.press(key) }
                let state = try #require(portal(runtime))
                #expect(state.deviceListing.rows.allSatisfy { $0.device.userId == user.id })
                let screen = runtime.screenText
                for other in others where !tenant.managedDevices.contains(where: { $0.userId == user.id && $0.deviceName == other.deviceName }) {
                    #expect(!screen.contains(other.deviceName), "\(upn) sees \(other.deviceName)")
                }
                runtime.press(.escape)
            }
        }
        #expect(checked >= 5)
    }

    @Test func keysSortAndFilterAndTheCaptionSaysHowMany() throws {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("2"))
        #expect(runtime.screenText.contains("My devices (4) · sorted by name"))
        runtime.press(.character("s"))
        #expect(portal(runtime)?.deviceListing.rows.first?.device.deviceName == "ADELE-SURFACE")
        #expect(runtime.screenText.contains("sorted by compliance"))
        runtime.press(.character("p"))
        #expect(runtime.screenText.contains("1 of 4 devices · iOS · sorted by compliance · Esc shows all"))
        runtime.press(.character("f"))
        #expect(runtime.screenText.contains("1 of 4 devices · iOS · Compliant"))
        runtime.press(.character("f"))
        #expect(runtime.screenText.contains("0 of 4 devices"))
        #expect(runtime.screenText.contains("None of your devices runs iOS and is in its grace period."))
        // Enter on an empty list opens nothing.
        runtime.press(.enter)
        #expect(portal(runtime)?.detail == nil)
        runtime.press(.escape)
        #expect(runtime.screenText.contains("My devices (4)"))
    }

    @Test func theSelectedDeviceStaysSelectedWhenTheOrderChanges() throws {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("2"), .down, .down, .down)
        let chosen = try #require(portal(runtime)).deviceListing.rows[3].device.id
        runtime.press(.character("s"))
        let state = try #require(portal(runtime))
        #expect(state.deviceListing.rows[state.deviceList.selected].device.id == chosen)
        runtime.press(.enter)
        #expect(portal(runtime)?.detail == .device(id: chosen))
    }

    @Test func rowsAreDerivedOncePerChangeNotPerKey() throws {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        #expect(portal(runtime)?.deviceListing.evaluations == 0, "Home never pays for the list")
        runtime.press(.character("2"))
        let listing = try #require(portal(runtime)).deviceListing
        runtime.press(.down, .down, .up, .end, .home)
        runtime.send(.tick)
        #expect(portal(runtime)?.deviceListing.builds == listing.builds)
        #expect(portal(runtime)?.deviceListing.evaluations == listing.evaluations)
        // A sort reorders the rows; it evaluates nothing again.
        runtime.press(.character("s"))
        #expect(portal(runtime)?.deviceListing.builds == listing.builds + 1)
        #expect(portal(runtime)?.deviceListing.evaluations == listing.evaluations)
        // A new minute may change a state: the rows follow the clock.
        (runtime.clock as? VirtualClock)?.advance(by: 60)
        runtime.send(.tick)
        #expect(portal(runtime)?.deviceListing.evaluations == listing.evaluations + 1)
    }

    @Test func theMachineThePortalRunsOnIsMarked() throws {
        var tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
        let facts = HostEnrollmentWalkthroughTests.ubuntu(encrypted: true)
        let serial = try #require(HostEnrollment.stableId(facts))
        let index = try #require(tenant.managedDevices.firstIndex { $0.id == "dev-adele-pixel" })
        tenant.managedDevices[index].serialNumber = serial
        var context = PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!)
        context.inspectHost = { facts }
        let size = Size(width: 80, height: 24)
        let runtime = PortalRuntime(context: context, clock: VirtualClock(start: testNow), size: size)
        runtime.send(.input(.resize(size)))
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("2"))
        let rows = try #require(portal(runtime)).deviceListing.rows
        #expect(rows.filter(\.isThisDevice).map(\.device.id) == ["dev-adele-pixel"])
        #expect(runtime.screenText.contains("Pixel 8  • This device"))

        // Another user's list has no such mark.
        let other = PortalRuntime(context: context, clock: VirtualClock(start: testNow), size: size)
        other.send(.input(.resize(size)))
        other.signIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        other.press(.character("2"))
        #expect(!other.screenText.contains("This device"))
    }

    @Test func columnsGrowWithTheWindow() {
        let narrow = Table.widths(of: DevicesView.columns, available: 76)
        #expect(narrow.map { $0 != nil } == [true, true, true, true, false, false])
        let wide = Table.widths(of: DevicesView.columns, available: 128)
        #expect(wide.allSatisfy { $0 != nil })
        #expect((wide[0] ?? 0) > (narrow[0] ?? 0))
    }
}
