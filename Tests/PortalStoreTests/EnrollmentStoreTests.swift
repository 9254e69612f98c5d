import Foundation
import PortalCore
import Testing
@testable import PortalStore

/// Enrollment in the JSON store: older documents load, references are
/// checked, and two portals enrolling at once never pass the device limit.
@Suite("Enrollment in the store")
struct EnrollmentStoreTests {
    @Test func aStoreWithoutTheEnrollmentCollectionsLoads() throws {
        var object = try demoJSONObject()
        for key in ["deviceCategories", "simulatedDevices", "enrollmentSessions", "termsAcceptances"] {
            #expect(object.removeValue(forKey: key) != nil)
        }
        let tenant = try StoreCodec.decode(try jsonData(object), path: "portal.json")
        #expect(tenant.simulatedDevices.isEmpty && tenant.enrollmentSessions.isEmpty)
    }

    @Test func sessionsAndAcceptancesMustReferToWhatExists() throws {
        var tenant = demoFixture()
        var session = EnrollmentSession(userId: "usr-nobody", now: fixtureNow)
        session.simulatedDeviceId = "sim-gone"
        session.categoryId = "cat-gone"
        session.step = .passcode
        session.deviceName = String(repeating: "x", count: EnrollmentSession.nameLimit + 1)
        tenant.enrollmentSessions = [session]
        tenant.termsAcceptances.append(TermsAcceptance(userId: "usr-nobody", version: 1, acceptedDateTime: fixtureNow))
        tenant.simulatedDevices.append(tenant.simulatedDevices[0])
        tenant.deviceCategories.append(DeviceCategory(id: "cat-work-phone", displayName: ""))
        let paths = Set(StoreValidator().problems(in: tenant).map(\.path))
        #expect(paths.isSuperset(of: [
            "$.enrollmentSessions[0].userId", "$.enrollmentSessions[0].simulatedDeviceId", "$.enrollmentSessions[0].categoryId",
            "$.enrollmentSessions[0].step", "$.enrollmentSessions[0].deviceName", "$.termsAcceptances[2].userId",
            "$.simulatedDevices[11].id", "$.simulatedDevices[11].serialNumber", "$.deviceCategories[3].id",
            "$.deviceCategories[3].displayName",
        ]))
    }

    @Test func aSessionSurvivesTheRoundTrip() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try store.create(demoFixture())
        let directory = try JSONDirectory(store: store)
        var session = EnrollmentSession(userId: "usr-megan", now: fixtureNow)
        session.simulatedDeviceId = "sim-galaxy-a14"
        session.plannedSteps = try #require(try directory.enrollmentFacts(userId: "usr-megan")).plan(for: demoFixture().simulatedDevices[5])
        session.step = .certificate
        session.ownership = .personal
        session.passcode = PasscodeFacts(text: "135790")
        _ = try directory.perform(.save(session), now: fixtureNow)
        // A second portal (the next sign-in) reads it as it was.
        let again = try JSONDirectory(store: store)
        var expected = session
        expected.updatedDateTime = fixtureNow
        #expect(try again.enrollmentFacts(userId: "usr-megan")?.session == expected)
    }

    /// The demo where everyone accepted the current terms.
    func accepted() throws -> Tenant {
        var tenant = demoFixture()
        for user in tenant.users {
            _ = try tenant.apply(.acceptTerms(userId: user.id, version: tenant.organization.termsAndConditions.version), now: fixtureNow)
        }
        return tenant
    }

    @Test func twoPortalsEnrollingAtOnceNeverPassTheLimit() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try store.create(try accepted())
        // Adele has 4 of 5 devices: of several enrolled at once, exactly one fits.
        let candidates = ["sim-iphone-15", "sim-pixel-7", "sim-macbook-air", "sim-ipad-air"]
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: candidates.count) { index in
            do {
                let directory = try JSONDirectory(store: store)
                let facts = try #require(try directory.enrollmentFacts(userId: "usr-adele"))
                let device = try #require(facts.simulatedDevice(id: candidates[index]))
                var session = EnrollmentSession(userId: "usr-adele", now: fixtureNow)
                session.simulatedDeviceId = device.id
                session.ownership = .company
                _ = try directory.perform(.enroll(session), now: fixtureNow)
                outcomes.add("enrolled")
            } catch EnrollmentChangeError.blocked {
                outcomes.add("blocked")
            } catch {
                outcomes.add("\(error)")
            }
        }
        #expect(outcomes.sorted == ["blocked", "blocked", "blocked", "enrolled"])
        let stored = try store.load()
        #expect(stored.managedDevices.filter { $0.userId == "usr-adele" }.count == 5)
    }

    /// Real processes, each with its own lock: of four enrolling at once for
    /// a user one place below the limit, one enrolls and three are refused.
    @Test func processesEnrollingAtOnceNeverPassTheLimit() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try store.create(try accepted())
        let children = try ["sim-iphone-15", "sim-pixel-7", "sim-macbook-air", "sim-ipad-air"].map { device in
            try Child(StoreWriter.url, [store.url.path, "--enroll", "usr-adele", device])
        }
        let statuses = children.map { $0.wait() }.sorted()
        #expect(statuses == [0, 3, 3, 3])
        #expect(try store.load().managedDevices.filter { $0.userId == "usr-adele" }.count == 5)
    }

    @Test func theSameDeviceEnrolledFromTwoPortalsIsOneDevice() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try store.create(try accepted())
        let before = try store.load().managedDevices.count
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            var session = EnrollmentSession(userId: "usr-megan", now: fixtureNow)
            session.simulatedDeviceId = "sim-pixel-7"
            session.ownership = .company
            _ = try? JSONDirectory(store: store).perform(.enroll(session), now: fixtureNow)
        }
        let devices = try store.load().managedDevices
        #expect(devices.count == before + 1)
        #expect(devices.filter { $0.serialNumber == "SIM27281003" }.count == 1)
    }
}

/// Results gathered from threads.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []
    func add(_ value: String) { lock.withLock { values.append(value) } }
    var sorted: [String] { lock.withLock { values.sorted() } }
}
