import Foundation
import PortalCore
import Testing
@testable import PortalStore

@Suite("Enrollment restrictions in the store")
struct EnrollmentValidationTests {
    @Test func limitsAndVersionsAreChecked() {
        var tenant = demoFixture()
        tenant.organization.enrollmentRestrictions = EnrollmentRestrictions(limit: 16, platformRestrictions: [
            .init(platform: .iOS, osMinimumVersion: "17.0", osMaximumVersion: "16.0"),
            .init(platform: .iOS),
            .init(platform: .android, osMinimumVersion: "fourteen"),
        ])
        let problems = StoreValidator().problems(in: tenant).map { "\($0.path): \($0.message)" }
        #expect(problems.contains("$.organization.enrollmentRestrictions.limit: 16 is outside 1 to 15"))
        #expect(problems.contains("$.organization.enrollmentRestrictions.platformRestrictions[0].osMaximumVersion: is below osMinimumVersion"))
        #expect(problems.contains("$.organization.enrollmentRestrictions.platformRestrictions[1].platform: iOS has a rule already"))
        #expect(problems.contains("$.organization.enrollmentRestrictions.platformRestrictions[2].osMinimumVersion: is not a version like 16.0 or 10.0.22631"))
        tenant.organization.enrollmentRestrictions = EnrollmentRestrictions(limit: 15)
        #expect(StoreValidator().problems(in: tenant).isEmpty)
    }
}
