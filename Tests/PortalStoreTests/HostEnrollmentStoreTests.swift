import Foundation
import PortalCore
import Testing
@testable import PortalStore

/// A walkthrough of this Linux machine kept in the store, as it is just before the inspection.
@Suite("Host enrollment in the store")
struct HostEnrollmentStoreTests {
    @Test func aWalkthroughOfThisMachineIsAValidStore() throws {
        var tenant = demoFixture()
        var session = EnrollmentSession(userId: "usr-megan", now: fixtureNow)
        session.simulatedDeviceId = HostEnrollment.deviceId
        session.plannedSteps = HostEnrollment.plan(termsAccepted: false)
        session.ownership = .company
        session.termsAccepted = true
        session.step = .inspecting
        _ = try tenant.apply(.save(session), now: fixtureNow)
        let problems = StoreValidator().problems(in: tenant).map { "\($0.path): \($0.message)" }
        #expect(problems.isEmpty, "\(problems)")
    }
}
