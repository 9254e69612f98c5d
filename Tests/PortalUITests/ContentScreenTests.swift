import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// A runtime on the demo organization after `change`, at `size`.
private func runtime(size: Size = Size(width: 80, height: 24), _ change: (inout Tenant) -> Void = { _ in }) -> PortalRuntime {
    var tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
    change(&tenant)
    let context = PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!)
    let runtime = PortalRuntime(context: context, clock: VirtualClock(start: testNow), size: size)
    runtime.send(.input(.resize(size)))
    return runtime
}

private func rename(_ tenant: inout Tenant, _ id: String, to name: String) {
    guard let index = tenant.managedDevices.firstIndex(where: { $0.id == id }) else { return }
    tenant.managedDevices[index].deviceName = name
}

private extension CellBuffer {
    func rowIndex(containing text: String) -> Int? { (0..<size.height).first { row($0).contains(text) } }
}

@Suite("What the screens say")
struct ContentScreenTests {
    @Test func nightHoursGetTheirOwnGreeting() {
        #expect(HomeView.greeting(hour: 2) == "Hello")
        #expect(HomeView.greeting(hour: 0) == "Hello")
        #expect(HomeView.greeting(hour: 9) == "Good morning")
        #expect(HomeView.greeting(hour: 14) == "Good afternoon")
        #expect(HomeView.greeting(hour: 20) == "Good evening")
    }

    @Test func theGreetingUsesTheGivenNameNotTheFamilyName() {
        let app = runtime()
        app.signIn("hanako.yamada@contoso.com", "Contoso-Hanako-6")
        let screen = app.render()
        #expect(screen.row(3).contains("Good morning, 花子."))
        #expect(!screen.row(3).contains("山田."))
    }

    @Test func timeLeftKeepsTheHoursAndStaysOnOneLine() {
        let deadline = testNow.addingTimeInterval(86_400 + 18 * 3_600 + 59 * 60)
        let phrase = PortalContext.relative(deadline, now: testNow)
        #expect(phrase == "in 1 day 18 hours".replacingOccurrences(of: " ", with: "\u{00A0}"))
        #expect(PortalContext.relative(testNow.addingTimeInterval(-2 * 3_600), now: testNow) == "2\u{00A0}hours\u{00A0}ago")
        #expect(PortalContext.relative(testNow.addingTimeInterval(45 * 86_400 + 13 * 3_600), now: testNow) == "in\u{00A0}46\u{00A0}days")
        #expect(PortalContext.relative(testNow.addingTimeInterval(30), now: testNow) == "just now")
        // Every width at which the phrase could straddle a line end.
        for width in 20...60 {
            let lines = StyledLine.wrapped("Fix the settings below by 2026-11-24 03:00 UTC (\(phrase)) to keep access.", width: width)
            let texts = lines.map { $0.spans.map(\.text).joined() }
            #expect(texts.contains { $0.contains("(in 1 day 18 hours)") }, "width \(width): \(texts)")
            #expect(!texts.joined().contains("\u{00A0}"))
        }
    }

    @Test func attentionListsTheMostUrgentFirst() throws {
        // Alphabetical order would put the unknown device first and the noncompliant one last.
        let app = runtime(size: Size(width: 80, height: 40)) {
            rename(&$0, "dev-adele-pixel", to: "Aardvark phone")
            rename(&$0, "dev-adele-surface", to: "Zulu laptop")
        }
        app.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        let screen = app.render()
        let noncompliant = try #require(screen.rowIndex(containing: "Zulu laptop:"))
        let grace = try #require(screen.rowIndex(containing: "Adele's MacBook Air:"))
        let unknown = try #require(screen.rowIndex(containing: "Aardvark phone:"))
        #expect(noncompliant < grace && grace < unknown)
    }

    @Test func devicesInGraceAreOrderedByDeadline() {
        let user = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10).users[0]
        func device(_ name: String) -> ManagedDevice {
            ManagedDevice(id: name, userId: user.id, userPrincipalName: user.userPrincipalName, deviceName: name,
                          managedDeviceOwnerType: .company, enrolledDateTime: testNow, lastSyncDateTime: testNow,
                          operatingSystem: .iOS, osVersion: "18", isEncrypted: true, model: "", manufacturer: "",
                          serialNumber: "", passcode: nil)
        }
        func grace(_ hours: Double) -> ComplianceEvaluation {
            ComplianceEvaluation(factsState: .inGracePeriod, reportedState: .inGracePeriod,
                                 graceDeadline: testNow.addingTimeInterval(hours * 3_600), results: [], hasReported: true)
        }
        let ordered = HomeView.attentionOrder([(device("A late"), grace(40)), (device("B soon"), grace(2)), (device("C soon"), grace(2))])
        #expect(ordered.map(\.0.deviceName) == ["B soon", "C soon", "A late"])
    }

    @Test func homeShowsOnlyTheUsersNotifications() {
        let app = runtime(size: Size(width: 80, height: 60))
        app.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        #expect(app.render().text.contains("Notifications (8 unread)"))
        // The list has them all: the organization's two for her, and none for others or expired.
        app.press(.character("6"))
        let screen = app.render().text
        #expect(screen.contains("📱 Update to iOS 17 or later by December 1"))
        #expect(screen.contains("Portal maintenance Saturday 22:00-23:00 UTC"))
        #expect(!screen.contains("RHEL 8 workstations"))
        #expect(!screen.contains("Office Wi-Fi outage resolved"))
    }

    @Test func homeNamesStatesOnlyTheServiceReports() {
        let app = runtime(size: Size(width: 132, height: 43))
        app.signIn("lee.gu@contoso.com", "Contoso-Lee-4")
        let screen = app.render().text
        #expect(screen.contains("✗ lee-mbp: Conflict. Cannot access company resources"))
        #expect(screen.contains("✗ Conflict          1"))
        #expect(screen.contains("? LEE-DESKTOP: Has not reported to your organization yet"))
    }

    @Test func aStoredStateThatDiffersIsShownBesideTheCheckedOne() {
        let tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
        let context = PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!)
        let user = tenant.users[0]
        var device = tenant.devices(of: user).first { $0.id == "dev-adele-iphone" }!
        device.complianceState = .error
        let text = DeviceDetailView.lines(device, data: UserPortalData(user: user, tenant: tenant), context: context, width: 77, now: testNow)
            .map { $0.spans.map(\.text).joined() }
        #expect(text[1].hasPrefix("✗ Error — Cannot access company resources"))
        #expect(text.contains { $0.hasPrefix("Checked now") && $0.contains("✓ Compliant") })
        #expect(text.contains { $0.hasPrefix("Service reported") && $0.contains("✗ Error") })
        #expect(text.contains { $0.contains("reported an error for this device") })
    }
}

@Suite("Columns and edges")
struct ColumnLayoutTests {
    @Test func lowPriorityColumnsDropFirstAndSpareWidthStopsAtMaximums() {
        let columns = [TableColumn("A", minimum: 10, maximum: 12, weight: 1, priority: 0),
                       TableColumn("B", width: 5, priority: 2),
                       TableColumn("C", width: 5, priority: 1)]
        #expect(Table.widths(of: columns, available: 22) == [10, 5, 5])
        #expect(Table.widths(of: columns, available: 21) == [12, nil, 5])
        #expect(Table.widths(of: columns, available: 30) == [12, 5, 5])
        #expect(Table.widths(of: columns, available: 4) == [4, nil, nil])
    }

    @Test func appsKeepTheAssignmentColumnAt80x24() {
        let app = runtime()
        app.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        app.press(.character("3"))
        let header = app.render().row(4)
        #expect(header.contains("Assignment"))
        #expect(app.render().text.contains("Microsoft Corporation"))
    }

    @Test func wideTerminalsShowMoreColumns() {
        let app = runtime(size: Size(width: 132, height: 43))
        app.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        app.press(.character("2"))
        let devices = app.render().row(4)
        #expect(devices.contains("Manufacturer and model") && devices.contains("Ownership"))
        app.press(.character("3"))
        let apps = app.render().row(4)
        #expect(apps.contains("Version") && apps.contains("Size") && apps.contains("Assignment"))

        let narrow = runtime()
        narrow.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        narrow.press(.character("2"))
        // At 80 columns the last check-in stays; the model and ownership wait for room.
        #expect(narrow.render().row(4).contains("Last check-in"))
        #expect(!narrow.render().row(4).contains("Ownership") && !narrow.render().row(4).contains("Manufacturer"))
    }

    @Test func stateWordsKeepAGapBeforeTheScrollbar() throws {
        let app = runtime()
        app.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        app.press(.character("2"))
        let screen = app.render()
        let row = try #require(screen.rowIndex(containing: "In grace period"))
        #expect(screen[78, row].character == " ")
        #expect(screen.row(row).contains("! In grace period "))
        #expect(screen.row(row).hasSuffix("ago"))
    }

    @Test func longTitlesInDetailsEndWithAnEllipsisBeforeTheScrollbar() {
        let long = "A" + String(repeating: " very long device name", count: 6)
        let app = runtime { rename(&$0, "dev-adele-iphone", to: long) }
        app.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        app.press(.character("2"))
        app.press(.enter)
        let screen = app.render()
        #expect(screen.row(3).hasPrefix(" A very long device name"))
        #expect(screen[77, 3].character == "…")
        #expect(screen[78, 3].character == " ")
    }
}
