import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// Check status on screen: the progress runs on the clock while the worker
/// checks, keys keep working, and the result replaces the progress.
@Suite("Device actions")
struct DeviceActionsTests {
    func meganOnHerIPhone() -> PortalRuntime {
        let runtime = demoRuntime()
        runtime.signIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        runtime.press(.character("2"), .down, .enter)
        return runtime
    }

    @Test func progressRunsOnTheClockWhileTheWorkerChecks() throws {
        let runtime = meganOnHerIPhone()
        let clock = try #require(runtime.clock as? VirtualClock)
        #expect(runtime.screenText.contains("Megan's iPhone"))
        // Posted, not waited for: the worker's answer is not delivered yet.
        runtime.post(.input(.key(.character("c"))))
        let first = runtime.screenText
        #expect(first.contains("[===       ] Checking status of Megan's iPhone…") || first.contains("Checking status of Megan's iPhone…"))
        #expect(runtime.tickSeconds == 0.25)
        let bar = { (text: String) in text.split(separator: "\n").first { $0.contains("Checking status") }.map(String.init) }
        clock.advance(by: 0.5)
        runtime.post(.tick)
        #expect(bar(runtime.screenText) != bar(first), "the progress did not move with the clock")
        // The user can keep moving: the detail scrolls while the check runs.
        let offset = portal(runtime)?.detailScroll.offset
        runtime.post(.input(.key(.down)))
        #expect(portal(runtime)?.detailScroll.offset != offset)
        // Asking again while it runs says so instead of starting another.
        runtime.post(.input(.key(.character("c"))))
        #expect(runtime.screenText.contains("Checking status of Megan's iPhone…"))
        runtime.waitUntilIdle()
        let done = runtime.screenText
        #expect(!done.contains("Checking status of"))
        #expect(done.contains("✓ Status checked: Megan's iPhone is compliant."))
        #expect(runtime.tickSeconds == 60)
    }

    @Test func theProgressBarMovesAndWraps() {
        let frames = (0..<14).map { DeviceActions.progressBar(since: testNow, now: testNow.addingTimeInterval(Double($0) / 4)) }
        #expect(frames[0] == "[          ]")
        #expect(frames[3] == "[===       ]")
        #expect(frames[5] == "[  ===     ]")
        #expect(frames[13] == frames[0])
        #expect(Set(frames.map(\.count)) == [12])
        #expect(DeviceActions.progressBar(since: testNow, now: .distantFuture).count == 12)
    }

    @Test func everyActionHasAKeyInHelpAndTheHintBar() {
        for base in [Keymaps.detail, DeviceDetailFocus.deviceKeymap] {
            let keymap = DeviceActions.deviceDetail(base)
            let hints = keymap.hints.map(\.label)
            #expect(hints.contains("Check status") && hints.contains("Rename") && hints.contains("Remove") && hints.contains("Reset"))
            #expect(keymap.action(for: .character("c")) == .checkStatus)
        }
        #expect(DeviceActions.deviceList.action(for: .character("c")) == .checkAllDevices)
        #expect(DeviceActions.deviceList.helpEntries.contains { $0.action == "Check status of all your devices" })
    }

    @Test func aRenameDialogLetsNoKeyThrough() {
        let runtime = meganOnHerIPhone()
        runtime.press(.character("r"))
        // q types; it does not quit, and 1 does not change section.
        runtime.type("q1")
        #expect(!runtime.isFinished)
        #expect(runtime.screenText.contains("Megan's iPhoneq1"))
        runtime.press(.escape)
        #expect(!runtime.screenText.contains("Rename device"))
    }

    func portal(_ runtime: PortalRuntime) -> PortalState? {
        if case let .portal(portal) = runtime.state.screen { return portal }
        return nil
    }

    /// Check status of many devices: the results box scrolls and says where it is.
    @Test func theResultsOfManyDevicesScroll() throws {
        var tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
        let adeles = tenant.managedDevices.filter { $0.userId == "usr-adele" }
        for copy in 1...5 {
            for device in adeles {
                var extra = device
                extra.id += "-\(copy)"
                extra.deviceName += " \(copy)"
                extra.serialNumber += "\(copy)"
                tenant.managedDevices.append(extra)
            }
        }
        let context = PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!)
        let runtime = PortalRuntime(context: context, clock: VirtualClock(start: testNow), size: Size(width: 80, height: 24))
        runtime.send(.input(.resize(Size(width: 80, height: 24))))
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("2"), .character("c"))
        let first = runtime.screenText
        #expect(first.contains("Check status: 24 devices checked"))
        #expect(first.contains("1-16 of"), "\(first)")
        runtime.press(.end)
        let last = runtime.screenText
        #expect(!last.contains("1-16 of"))
        #expect(last != first)
        runtime.press(.home)
        #expect(runtime.screenText == first)
        runtime.press(.escape)
        #expect(!runtime.screenText.contains("devices checked"))
    }
}
