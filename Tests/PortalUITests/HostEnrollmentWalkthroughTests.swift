import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// "This Linux machine" in the walkthrough, driven headless with an injected
/// inspection: the facts are fixtures, so the endings are deterministic.
@Suite("Host enrollment walkthrough")
struct HostEnrollmentWalkthroughTests {
    static let machineId = "0123456789abcdef0123456789abcdef"

    /// An Ubuntu 22.04 workstation whose pwquality policy meets the demo's
    /// Linux policy (14 characters, every class); its model cannot be read.
    static func ubuntu(encrypted: Bool, machineId: HostFact<String> = .known(machineId)) -> HostFacts {
        let strong = PwqualitySettings(minlen: .known(14), dcredit: .known(-1), ucredit: .known(-1), lcredit: .known(-1),
                                       ocredit: .known(-1), minclass: .known(4), files: ["etc/security/pwquality.conf"])
        return HostFacts(distributionId: .known("ubuntu"), versionId: .known("22.04"), prettyName: .known("Ubuntu 22.04.4 LTS"),
                         idLike: .known(["debian"]), hostName: .known("build-box"), vendor: .known("LENOVO"),
                         model: .unknown("sys/class/dmi/id/product_name: permission denied"),
                         filesystems: .known([]), everyFilesystemEncrypted: .known(encrypted),
                         passwordPolicy: PasswordPolicyFacts(pwquality: .known(strong), loginDefs: .unknown("etc/login.defs: not found")),
                         machineId: machineId)
    }

    /// The demo organization over one store, with this inspection injected.
    func runtime(_ tenant: Tenant, inspect facts: HostFacts?) -> PortalRuntime {
        var context = PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!)
        if let facts { context.inspectHost = { facts } }
        let size = Size(width: 80, height: 24)
        let runtime = PortalRuntime(context: context, clock: VirtualClock(start: testNow), size: size)
        runtime.send(.input(.resize(size)))
        runtime.signIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        return runtime
    }

    func demo() -> Tenant { DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10) }

    func wizard(_ runtime: PortalRuntime) -> EnrollmentWizardState? {
        guard case let .portal(portal) = runtime.state.screen else { return nil }
        return portal.enrollment
    }

    func result(_ runtime: PortalRuntime) -> (ManagedDevice, ComplianceEvaluation)? {
        guard case let .enrolled(device, evaluation)? = wizard(runtime)?.phase else { return nil }
        return (device, evaluation)
    }

    /// Home -> Enroll -> this machine (last) -> corporate -> privacy -> terms accepted.
    func walk(_ runtime: PortalRuntime) {
        runtime.press(.character("e"))
        let count = wizard(runtime)?.facts?.simulatedDevices.count ?? 0
        runtime.press(.home)
        for _ in 0..<count { runtime.press(.down) }
        #expect(runtime.screenText.contains("This Linux machine"))
        runtime.press(.enter, .enter, .enter)
        if wizard(runtime)?.session.step == .terms { runtime.press(.character("a")) }
    }

    func megan(_ runtime: PortalRuntime) -> [ManagedDevice] {
        (try? runtime.context.directory.enrollmentFacts(userId: "usr-megan"))??.enrolledDevices ?? []
    }

    @Test func anEncryptedUbuntuIsEnrolledCompliantAndItsUnreadFactsAreListed() throws {
        let runtime = runtime(demo(), inspect: Self.ubuntu(encrypted: true))
        walk(runtime)
        let (device, evaluation) = try #require(result(runtime))
        #expect(evaluation.state == .compliant)
        #expect(device.operatingSystem == .linux && device.osVersion == "22.04" && device.deviceName == "build-box")
        #expect(device.distribution == LinuxDistribution(type: .ubuntu, version: "22.04"))
        // The raw machine id never leaves the host; a hash of it keys the device.
        #expect(device.serialNumber == HostEnrollment.stableId(Self.ubuntu(encrypted: true)))
        #expect(!device.serialNumber.contains(Self.machineId))
        let text = runtime.screenText
        #expect(text.contains("Step 6 of 6") && text.contains("Not read from this machine"))
        #expect(wizard(runtime)?.session.hostFacts?.unknownFacts.map(\.name) == ["Model", "Password policy (login.defs)"])
    }

    @Test func anUnencryptedUbuntuIsNotCompliantAndSaysWhy() throws {
        let runtime = runtime(demo(), inspect: Self.ubuntu(encrypted: false))
        walk(runtime)
        let (device, evaluation) = try #require(result(runtime))
        #expect(device.isEncrypted == false)
        #expect(evaluation.state != .compliant)
        #expect(evaluation.failures.map(\.setting) == ["storageRequireEncryption"])
        #expect(runtime.screenText.contains("not in compliance"))
    }

    @Test func enrollingTheSameMachineTwiceUpdatesOneDevice() throws {
        let first = runtime(demo(), inspect: Self.ubuntu(encrypted: false))
        let before = megan(first).count
        walk(first)
        let (enrolled, _) = try #require(result(first))
        #expect(megan(first).count == before + 1)
        // Encrypted since: the same machine enrolled again over the same store.
        first.press(.enter)
        var context = first.context
        context.inspectHost = { Self.ubuntu(encrypted: true) }
        let second = PortalRuntime(context: context, clock: VirtualClock(start: testNow.addingTimeInterval(3600)), size: Size(width: 80, height: 24))
        second.send(.input(.resize(Size(width: 80, height: 24))))
        second.signIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        walk(second)
        let (again, evaluation) = try #require(result(second))
        #expect(evaluation.state == .compliant)
        #expect(again.id == enrolled.id && again.enrolledDateTime == enrolled.enrolledDateTime)
        let linux = megan(second).filter { $0.operatingSystem == .linux && $0.serialNumber == enrolled.serialNumber }
        #expect(linux.count == 1 && linux.first?.isEncrypted == true)
        #expect(megan(second).count == before + 1)
    }

    /// At the device limit the machine is inspected before the walkthrough:
    /// one the user enrolled can be enrolled again (it adds nothing); another is refused.
    @Test func atTheLimitOnlyAMachineTheUserHasCanBeEnrolledAgain() throws {
        let first = runtime(demo(), inspect: Self.ubuntu(encrypted: false))
        walk(first)
        let (enrolled, _) = try #require(result(first))
        var tenant = try #require((first.context.directory as? InMemoryDirectory)?.tenant)
        tenant.organization.enrollmentRestrictions?.limit = megan(first).count
        let same = runtime(tenant, inspect: Self.ubuntu(encrypted: true))
        walk(same)
        let (updated, evaluation) = try #require(result(same))
        #expect(updated.id == enrolled.id && evaluation.state == .compliant)
        #expect(wizard(same)?.hostEnrolled == true)
        #expect(megan(same).count == tenant.organization.enrollment.limit)

        let other = runtime(tenant, inspect: Self.ubuntu(encrypted: true, machineId: .known("fedcba9876543210fedcba9876543210")))
        other.press(.character("e"))
        #expect(other.screenText.contains("You cannot enroll a device now"))
        #expect(other.screenText.contains("the most Contoso allows"))
        #expect(megan(other).count == tenant.organization.enrollment.limit)
    }

    /// A machine another user enrolled stays theirs: the enrollment is refused
    /// with the reason, and their device is untouched.
    @Test func aMachineAnotherUserEnrolledIsNotTaken() throws {
        let first = runtime(demo(), inspect: Self.ubuntu(encrypted: true))
        walk(first)
        let (megans, _) = try #require(result(first))
        let size = Size(width: 80, height: 24)
        let zoe = PortalRuntime(context: first.context, clock: VirtualClock(start: testNow), size: size)
        zoe.send(.input(.resize(size)))
        zoe.signIn("zoe.angstrom@contoso.com", "Contoso-Zoe-5")
        walk(zoe)
        #expect(result(zoe) == nil)
        #expect(zoe.screenText.contains("Another person in Contoso has this device enrolled."))
        let stored = (first.context.directory as? InMemoryDirectory)?.tenant.managedDevices.filter { $0.serialNumber == megans.serialNumber }
        #expect(stored?.map(\.userId) == ["usr-megan"])
    }

    @Test func withoutAMachineIdTheMachineIsNotEnrolled() throws {
        let runtime = runtime(demo(), inspect: Self.ubuntu(encrypted: true, machineId: .unknown("etc/machine-id: not found")))
        walk(runtime)
        #expect(result(runtime) == nil)
        #expect(runtime.screenText.contains("cannot tell this machine apart"))
    }

    @Test func scriptsAndTestsWithoutAnInspectionDoNotOfferThisMachine() {
        let runtime = runtime(demo(), inspect: nil)
        runtime.press(.character("e"))
        #expect(!runtime.screenText.contains("This Linux machine"))
    }
}
