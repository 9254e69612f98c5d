import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// The walkthrough driven headless through the runtime, as a user at the
/// keyboard would: each platform to both endings, the restrictions, and a
/// walkthrough picked up again by a new process on the same store.
@Suite("Enrollment walkthrough")
struct EnrollmentWalkthroughTests {
    func wizard(_ runtime: PortalRuntime) -> EnrollmentWizardState? {
        guard case let .portal(portal) = runtime.state.screen else { return nil }
        return portal.enrollment
    }

    func portal(_ runtime: PortalRuntime) -> PortalState? {
        guard case let .portal(portal) = runtime.state.screen else { return nil }
        return portal
    }

    func result(_ runtime: PortalRuntime) -> (ManagedDevice, ComplianceEvaluation)? {
        guard case let .enrolled(device, evaluation)? = wizard(runtime)?.phase else { return nil }
        return (device, evaluation)
    }

    /// Chooses the simulated device with this id on the first step.
    func choose(_ id: String, _ runtime: PortalRuntime) {
        let index = wizard(runtime)?.facts?.simulatedDevices.firstIndex { $0.id == id } ?? 0
        runtime.press(.home)
        for _ in 0..<index { runtime.press(.down) }
        runtime.press(.enter)
    }

    func signedInMegan() -> PortalRuntime {
        let runtime = demoRuntime()
        runtime.signIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        return runtime
    }

    @Test func anIPhoneEndsCompliantWhenItsPasscodeIsSetOnTheWay() throws {
        let runtime = signedInMegan()
        runtime.press(.character("e"))
        choose("sim-iphone-se", runtime)
        #expect(runtime.screenText.contains("Step 2 of 10"))
        runtime.press(.enter, .enter, .character("a"), .enter, .character("i"), .enter, .enter)
        #expect(wizard(runtime)?.session.step == .passcode)
        runtime.type("1234")
        runtime.press(.enter)
        #expect(wizard(runtime)?.session.step == .passcode)
        #expect(runtime.screenText.contains("at least 6 characters"))
        runtime.type("135790")
        runtime.press(.enter)
        let (device, evaluation) = try #require(result(runtime))
        #expect(evaluation.state == .compliant)
        #expect(device.passcode == PasscodeFacts(text: "135790"))
        runtime.press(.enter)
        let shown = try #require(portal(runtime))
        #expect(shown.section == .devices && shown.enrollment == nil)
        #expect(shown.myDevices[shown.deviceList.selected].serialNumber == "SIMF2LX1002")
    }

    @Test func anIPhoneWhosePasscodeWaitsEndsInGraceWithTheDeadline() throws {
        let runtime = signedInMegan()
        runtime.press(.character("e"))
        choose("sim-iphone-se", runtime)
        runtime.press(.down, .enter, .enter, .character("a"), .enter, .character("i"), .enter, .enter, .function(6))
        let (device, evaluation) = try #require(result(runtime))
        #expect(evaluation.state == .inGracePeriod)
        #expect(device.managedDeviceOwnerType == .personal)
        let deadline = try #require(evaluation.graceDeadline)
        // iOS's own hour, not the policy's 72 hours.
        #expect(runtime.screenText.contains("Fix the settings below by 2026-11-22 10:00 UTC"))
        #expect(deadline == testNow.addingTimeInterval(3_600))
        #expect(runtime.screenText.contains("Passcode required"))
    }

    @Test func androidEndsCompliantWithPinAndEncryptionAndNotCompliantWithout() throws {
        for meets in [true, false] {
            let runtime = signedInMegan()
            runtime.press(.character("e"))
            choose("sim-galaxy-a14", runtime)
            runtime.press(.enter, .enter, .character("a"), .character("a"))
            runtime.press(.enter)
            #expect(wizard(runtime)?.session.certificateName == "Contoso MDM")
            #expect(wizard(runtime)?.session.step == .requirements)
            if meets {
                runtime.type("135790")
                runtime.press(.function(5))
            }
            runtime.press(.enter)
            let (_, evaluation) = try #require(result(runtime))
            #expect(evaluation.state == (meets ? .compliant : .noncompliant))
            #expect(evaluation.graceDeadline == nil)
        }
    }

    @Test func windowsConnectsTheWorkAccountAndPersonalIsBlockedAfterOwnership() throws {
        let runtime = signedInMegan()
        runtime.press(.character("e"))
        choose("sim-surface-pro", runtime)
        runtime.press(.down, .enter)
        #expect(wizard(runtime)?.session.step == .ownership)
        #expect(wizard(runtime)?.message == "Contoso does not allow personal Windows devices. Enroll it only if the organization owns it.")
        runtime.press(.up, .enter, .enter, .character("a"), .enter)
        let (device, evaluation) = try #require(result(runtime))
        #expect(evaluation.state == .compliant && device.managedDeviceOwnerType == .company)
    }

    @Test func choicesAreKeptWhenGoingBack() throws {
        let runtime = signedInMegan()
        runtime.press(.character("e"))
        choose("sim-iphone-15", runtime)
        runtime.press(.down, .enter, .enter, .character("a"), .down, .down, .enter)
        #expect(wizard(runtime)?.session.step == .managementProfile)
        runtime.press(.escape)
        #expect(wizard(runtime)?.choice.selected == 2)
        runtime.press(.escape, .escape, .escape)
        #expect(wizard(runtime)?.session.step == .ownership)
        #expect(wizard(runtime)?.choice.selected == 1)
        runtime.press(.escape)
        #expect(wizard(runtime)?.choice.selected == wizard(runtime)?.facts?.simulatedDevices.firstIndex { $0.id == "sim-iphone-15" })
    }

    @Test func theResultScrollsAndAWindowThatGrowsShowsItWhole() throws {
        let runtime = signedInMegan()
        runtime.press(.character("e"))
        choose("sim-latitude", runtime)
        runtime.press(.enter, .enter, .character("a"), .enter)
        #expect(result(runtime)?.1.failures.count == 4)
        runtime.press(.end)
        let scrolled = try #require(wizard(runtime)?.scroll.offset)
        #expect(scrolled > 0)
        #expect(runtime.screenText.contains("Minimum OS version"))
        runtime.send(.input(.resize(Size(width: 80, height: 60))))
        #expect(wizard(runtime)?.scroll.offset == 0)
    }

    @Test func aClickChoosesAnAnswerAndASecondClickGoesOn() throws {
        let runtime = signedInMegan()
        runtime.press(.character("e"))
        let row = try #require(runtime.screenText.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("iPhone SE - no passcode yet") })
        let click = Message.input(.mouse(MouseEvent(kind: .click, x: 10, y: row)))
        runtime.send(click)
        #expect(wizard(runtime)?.choice.selected == 1 && wizard(runtime)?.session.step == .device)
        runtime.send(click)
        #expect(wizard(runtime)?.session.step == .ownership)
        #expect(wizard(runtime)?.session.simulatedDeviceId == "sim-iphone-se")
        // A click beside the answers does nothing.
        runtime.send(.input(.mouse(MouseEvent(kind: .click, x: 10, y: 20))))
        #expect(wizard(runtime)?.session.step == .ownership)
    }

    @Test func theDeviceLimitStopsBeforeTheFirstStep() throws {
        var tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
        tenant.organization.enrollmentRestrictions?.limit = 2
        let context = PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!)
        let runtime = PortalRuntime(context: context, clock: VirtualClock(start: testNow), size: Size(width: 80, height: 24))
        runtime.send(.input(.resize(Size(width: 80, height: 24))))
        runtime.signIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        runtime.press(.character("e"))
        #expect(wizard(runtime)?.phase == .blocked("You have enrolled 2 devices, the most Contoso allows. Remove one under Devices first, or ask your IT department."))
        runtime.press(.enter)
        #expect(wizard(runtime) == nil)
    }

    @Test func aUserWithNoDeviceIsLedToEnrollOne() throws {
        var tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
        tenant.managedDevices.removeAll { $0.userId == "usr-megan" }
        let context = PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!)
        let runtime = PortalRuntime(context: context, clock: VirtualClock(start: testNow), size: Size(width: 80, height: 24))
        runtime.send(.input(.resize(Size(width: 80, height: 24))))
        runtime.signIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        let lines = runtime.screenText.split(separator: "\n").map(String.init)
        let lead = try #require(lines.firstIndex { $0.contains("Enroll a device") })
        let devices = try #require(lines.firstIndex { $0.contains("My devices") })
        #expect(lead < devices)
        #expect(runtime.screenText.contains("Press e to start"))
        // Devices offers it too.
        runtime.press(.character("2"))
        #expect(runtime.screenText.contains("No devices yet. Press e to enroll a device"))
        runtime.press(.character("e"))
        #expect(wizard(runtime)?.phase == .walking)
    }

    // MARK: - Interruptions, on a real store file

    func demoStore() throws -> JSONStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-enroll-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try store.create(DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 100_000))
        return store
    }

    func portal(on store: JSONStore) throws -> PortalRuntime {
        let context = try PortalContext(directory: JSONDirectory(store: store), timeZone: TimeZone(identifier: "UTC")!)
        let size = Size(width: 80, height: 24)
        let runtime = PortalRuntime(context: context, clock: VirtualClock(start: testNow), size: size)
        runtime.send(.input(.resize(size)))
        return runtime
    }

    @Test func anInterruptedWalkthroughResumesAtTheSameStepWithTheSameChoices() throws {
        let store = try demoStore()
        var first: PortalRuntime? = try portal(on: store)
        first?.signIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        first?.press(.character("e"))
        try choose("sim-iphone-15", #require(first))
        first?.press(.down, .enter, .enter, .character("a"), .down, .enter, .character("i"))
        let left = try #require(first.flatMap(wizard))
        #expect(left.session.step == .managementProfile)
        // The process goes away without a goodbye (kill -9, SIGHUP): nothing more is written.
        first = nil

        let second = try portal(on: store)
        second.signIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        let resumed = try #require(wizard(second))
        #expect(resumed.session.step == .managementProfile)
        #expect(resumed.session.simulatedDeviceId == "sim-iphone-15")
        #expect(resumed.session.ownership == .personal)
        #expect(resumed.session.categoryId == "cat-shared")
        #expect(resumed.session.profileInstalled)
        #expect(second.screenText.contains("Picking up where you left off"))
        #expect(second.screenText.contains("Step 6 of 9"))
        second.press(.enter, .enter)
        let (device, _) = try #require(result(second))
        #expect(device.deviceCategoryDisplayName == "Shared device" && device.managedDeviceOwnerType == .personal)
        #expect(try store.load().enrollmentSessions.isEmpty)
    }

    @Test func cancelLeavesNoHalfEnrolledDeviceAndNothingToResume() throws {
        let store = try demoStore()
        let before = try store.load().managedDevices
        let runtime = try portal(on: store)
        runtime.signIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        runtime.press(.character("e"))
        choose("sim-pixel-7", runtime)
        runtime.press(.enter, .enter, .character("a"))
        #expect(try store.load().enrollmentSessions.count == 1)
        runtime.press(.function(4))
        #expect(wizard(runtime) == nil)
        let after = try store.load()
        #expect(after.enrollmentSessions.isEmpty && after.managedDevices == before)
        let next = try portal(on: store)
        next.signIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        #expect(wizard(next) == nil)
    }
}
