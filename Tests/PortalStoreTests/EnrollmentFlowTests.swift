import Foundation
import PortalCore
import Testing
@testable import PortalStore

/// The enrollment domain on the demo organization: the steps per platform,
/// terms per version, and the one atomic enroll with Graph's fields.
@Suite("Enrollment flow")
struct EnrollmentFlowTests {
    let now = fixtureNow

    func facts(_ userId: String, in tenant: Tenant = demoFixture()) -> EnrollmentFacts {
        EnrollmentFacts(user: tenant.user(id: userId)!, tenant: tenant)
    }

    func device(_ id: String) -> SimulatedDevice { demoFixture().simulatedDevice(id: id)! }

    /// The demo with every user's acceptance of the current terms.
    func accepted() throws -> Tenant {
        var tenant = demoFixture()
        for user in tenant.users {
            _ = try tenant.apply(.acceptTerms(userId: user.id, version: tenant.organization.termsAndConditions.version), now: now)
        }
        return tenant
    }

    /// A session walked to the step before checking, every step answered.
    func session(_ userId: String, _ deviceId: String, ownership: ManagedDeviceOwnerType = .company,
                 in tenant: Tenant = demoFixture()) -> EnrollmentSession {
        var session = EnrollmentSession(userId: userId, now: now)
        session.simulatedDeviceId = deviceId
        session.plannedSteps = facts(userId, in: tenant).plan(for: device(deviceId))
        session.ownership = ownership
        session.termsAccepted = true
        session.categoryId = tenant.deviceCategories.first?.id
        session.profileInstalled = true
        session.deviceName = device(deviceId).suggestedName
        session.passcodeDeferred = true
        session.managementActivated = true
        session.certificateName = "Contoso MDM"
        session.workAccountConnected = true
        session.step = session.steps[session.steps.count - 3]
        return session
    }

    @Test func eachPlatformHasTheStepsOfTheSources() {
        let megan = facts("usr-megan")
        #expect(megan.plan(for: device("sim-iphone-15")) ==
                [.device, .ownership, .privacy, .terms, .category, .managementProfile, .deviceName, .checking, .result])
        // A device without the passcode the policy requires asks for one.
        #expect(megan.plan(for: device("sim-iphone-se")).contains(.passcode))
        #expect(megan.plan(for: device("sim-pixel-7")) ==
                [.device, .ownership, .privacy, .terms, .deviceManagement, .certificate, .requirements, .checking, .result])
        #expect(megan.plan(for: device("sim-surface-pro")) == [.device, .ownership, .privacy, .terms, .workAccount, .checking, .result])
        #expect(megan.plan(for: device("sim-macbook-air")).contains(.managementProfile))
        // Without categories there is no category step.
        var tenant = demoFixture()
        tenant.deviceCategories = []
        #expect(!facts("usr-megan", in: tenant).plan(for: device("sim-iphone-15")).contains(.category))
    }

    @Test func termsAreAskedPerUserAndVersion() throws {
        var tenant = demoFixture()
        // Zoë accepted the current version; Adele an older one, so she is asked again.
        #expect(!facts("usr-zoe", in: tenant).plan(for: device("sim-iphone-15")).contains(.terms))
        #expect(facts("usr-adele", in: tenant).plan(for: device("sim-iphone-15")).contains(.terms))
        _ = try tenant.apply(.acceptTerms(userId: "usr-adele", version: tenant.organization.termsAndConditions.version), now: now)
        #expect(!facts("usr-adele", in: tenant).plan(for: device("sim-iphone-15")).contains(.terms))
        // A new version asks everyone again.
        tenant.organization.termsAndConditions.version += 1
        #expect(facts("usr-zoe", in: tenant).plan(for: device("sim-iphone-15")).contains(.terms))
        #expect(facts("usr-adele", in: tenant).plan(for: device("sim-iphone-15")).contains(.terms))
    }

    @Test func aPasscodeIsCheckedAgainstThePolicyLengthAndType() {
        let megan = facts("usr-megan")
        let iPhone = device("sim-iphone-se")
        #expect(megan.passcodeProblem("", on: iPhone) == "Type a passcode.")
        #expect(megan.passcodeProblem("1234", on: iPhone) == "Minimum passcode length: at least 6 characters; this one has 4 characters.")
        #expect(megan.passcodeProblem("123456", on: iPhone) == nil)
        // Windows wants letters and numbers.
        let laptop = device("sim-latitude")
        #expect(megan.passcodeProblem("12345678", on: laptop)?.hasPrefix("Required password type") == true)
        #expect(megan.passcodeProblem("abcd1234", on: laptop) == nil)
        // Only the shape is kept.
        #expect(PasscodeFacts(text: "aB3$x") == PasscodeFacts(isSet: true, length: 5, digits: 1, lowercase: 2, uppercase: 1, symbols: 1))
    }

    @Test func enrollingWritesGraphFieldsAsIntuneFillsThem() throws {
        var tenant = try accepted()
        var walk = session("usr-megan", "sim-iphone-11")
        walk.categoryId = "cat-work-phone"
        walk.deviceName = "Megan's old iPhone"
        _ = try tenant.apply(.save(walk), now: now)
        guard case let .enrolled(device, evaluation) = try tenant.apply(.enroll(walk), now: now) else {
            Issue.record("not enrolled")
            return
        }
        let stored = try #require(tenant.managedDevices.first { $0.id == device.id })
        #expect(stored == device)
        #expect(stored.userId == "usr-megan" && stored.userPrincipalName == "megan.bowen@contoso.com")
        #expect(stored.deviceName == "Megan's old iPhone")
        #expect(stored.enrolledDateTime == now && stored.lastSyncDateTime == now)
        #expect(stored.managementAgent == .mdm && stored.deviceEnrollmentType == .userEnrollment)
        #expect(stored.managedDeviceOwnerType == .company && stored.deviceCategoryDisplayName == "Work phone")
        #expect(stored.operatingSystem == .iOS && stored.osVersion == "16.7.10" && stored.serialNumber == "SIMF2LX1003")
        // Jailbroken and too old: in grace for the iOS policy's 72 hours.
        #expect(evaluation.state == .inGracePeriod && stored.complianceState == .inGracePeriod)
        #expect(stored.complianceGracePeriodExpirationDateTime == now.addingTimeInterval(72 * 3_600))
        #expect(Set(evaluation.failures.map(\.setting)) == ["securityBlockJailbrokenDevices", "osMinimumVersion"])
        // The walkthrough is over: nothing is left to resume.
        #expect(tenant.enrollmentSessions.isEmpty)
        // The document with the new device is valid.
        #expect(StoreValidator().problems(in: tenant).isEmpty)
    }

    @Test func androidHasNoGraceAndTheRequirementsStepCountsWhatWasSet() throws {
        var tenant = try accepted()
        var walk = session("usr-megan", "sim-galaxy-a14")
        guard case let .enrolled(_, unmet) = try tenant.apply(.enroll(walk), now: now) else { Issue.record("not enrolled"); return }
        #expect(unmet.state == .noncompliant && unmet.graceDeadline == nil)
        walk.passcode = PasscodeFacts(text: "135790")
        walk.encrypted = true
        guard case let .enrolled(device, met) = try tenant.apply(.enroll(walk), now: now) else { Issue.record("not enrolled"); return }
        #expect(met.state == .compliant && device.isEncrypted == true)
    }

    @Test func theSameDeviceEnrolledAgainUpdatesItsRecord() throws {
        var tenant = try accepted()
        let before = tenant.managedDevices.count
        _ = try tenant.apply(.enroll(session("usr-megan", "sim-pixel-7")), now: now)
        var again = session("usr-megan", "sim-pixel-7", ownership: .personal)
        again.deviceName = "Renamed"
        _ = try tenant.apply(.enroll(again), now: now.addingTimeInterval(60))
        #expect(tenant.managedDevices.count == before + 1)
        let stored = tenant.managedDevices.filter { $0.serialNumber == "SIM27281003" }
        #expect(stored.count == 1 && stored[0].deviceName == "Renamed" && stored[0].managedDeviceOwnerType == .personal)
        #expect(stored[0].enrolledDateTime == now)
    }

    /// A device another user enrolled stays theirs: offered as taken, and
    /// refused under the lock even when the walkthrough got that far.
    @Test func anotherUsersDeviceIsNeverTaken() throws {
        var tenant = try accepted()
        _ = try tenant.apply(.enroll(session("usr-megan", "sim-pixel-7")), now: now)
        let hanako = facts("usr-hanako", in: tenant)
        #expect(hanako.isTaken(device("sim-pixel-7")) && !hanako.isEnrolled(device("sim-pixel-7")))
        #expect(!facts("usr-megan", in: tenant).isTaken(device("sim-pixel-7")))
        let before = tenant
        #expect(throws: EnrollmentChangeError.refused(EnrollmentChangeError.takenMessage(organization: "Contoso"))) {
            try tenant.apply(.enroll(session("usr-hanako", "sim-pixel-7", in: tenant)), now: now)
        }
        #expect(tenant == before)
        #expect(tenant.managedDevices.first { $0.serialNumber == "SIM27281003" }?.userId == "usr-megan")
    }

    @Test func enrollChecksTheRestrictionsAgainstWhatIsStored() throws {
        var tenant = try accepted()
        // Adele has 4 of 5: one more fits, the next does not.
        _ = try tenant.apply(.enroll(session("usr-adele", "sim-ipad-air")), now: now)
        #expect(facts("usr-adele", in: tenant).blockBeforeStart == .deviceLimit(limit: 5))
        #expect(throws: EnrollmentChangeError.blocked([.deviceLimit(limit: 5)], organization: "Contoso")) {
            _ = try tenant.apply(.enroll(session("usr-adele", "sim-pixel-7")), now: now)
        }
        // Enrolling one of her devices again is not one more.
        _ = try tenant.apply(.enroll(session("usr-adele", "sim-ipad-air")), now: now)
        // Personal Windows devices are blocked; an Android below 10 too.
        #expect(throws: EnrollmentChangeError.blocked([.personalBlocked(.windows)], organization: "Contoso")) {
            _ = try tenant.apply(.enroll(session("usr-megan", "sim-surface-pro", ownership: .personal)), now: now)
        }
        var old = tenant
        old.simulatedDevices[4].osVersion = "9"
        #expect(throws: EnrollmentChangeError.blocked([.belowMinimum(.android, version: "9", minimum: "10")], organization: "Contoso")) {
            _ = try old.apply(.enroll(session("usr-megan", "sim-pixel-7")), now: now)
        }
        #expect(facts("usr-megan", in: old).blocks(old.simulatedDevice(id: "sim-pixel-7")!, ownership: .company)
                == [.belowMinimum(.android, version: "9", minimum: "10")])
    }

    @Test func onlyAFinishedWalkthroughWithTheCurrentTermsEnrolls() throws {
        var tenant = try accepted()
        var unfinished = session("usr-megan", "sim-iphone-15")
        unfinished.profileInstalled = false
        #expect(throws: EnrollmentChangeError.refused("Finish the step \"Install the management profile\" first.")) {
            _ = try tenant.apply(.enroll(unfinished), now: now)
        }
        // New terms since the acceptance: refused until accepted again.
        tenant.organization.termsAndConditions.version += 1
        #expect(throws: EnrollmentChangeError.self) { _ = try tenant.apply(.enroll(session("usr-megan", "sim-iphone-15")), now: now) }
        _ = try tenant.apply(.acceptTerms(userId: "usr-megan", version: tenant.organization.termsAndConditions.version), now: now)
        _ = try tenant.apply(.enroll(session("usr-megan", "sim-iphone-15")), now: now)
    }

    @Test func cancelLeavesNothingBehind() throws {
        var tenant = demoFixture()
        let before = tenant.managedDevices
        _ = try tenant.apply(.save(session("usr-megan", "sim-pixel-7")), now: now)
        #expect(tenant.enrollmentSessions.count == 1)
        // Saving again replaces the one session of the user.
        _ = try tenant.apply(.save(session("usr-megan", "sim-iphone-15")), now: now)
        #expect(tenant.enrollmentSessions.map(\.simulatedDeviceId) == ["sim-iphone-15"])
        #expect(try tenant.apply(.cancel(userId: "usr-megan"), now: now) == .cancelled)
        #expect(tenant.enrollmentSessions.isEmpty && tenant.managedDevices == before)
    }

    @Test func theDemoHasSimulatedDevicesOfEachPlatformInBothKinds() {
        let tenant = demoFixture()
        for platform in SimulatedDevice.platforms where platform != .iPadOS {
            let states = Set(tenant.simulatedDevices.filter { $0.operatingSystem == platform }.compactMap { simulated -> ComplianceState? in
                var walk = EnrollmentSession(userId: "usr-megan", now: now)
                walk.simulatedDeviceId = simulated.id
                walk.ownership = .company
                return facts("usr-megan", in: tenant).outcome(of: walk, now: now)?.1.state
            })
            #expect(states.contains(.compliant), "\(platform)")
            #expect(states.contains { $0 != .compliant }, "\(platform)")
        }
        #expect(tenant.simulatedDevices.contains { $0.operatingSystem == .iPadOS })
        #expect(!tenant.deviceCategories.isEmpty)
    }
}
