import Foundation
import Testing
@testable import PortalCore

@Suite("Enrollment restrictions")
struct EnrollmentRestrictionTests {
    let restrictions = EnrollmentRestrictions(limit: 3, platformRestrictions: [
        .init(platform: .android, platformBlocked: true),
        .init(platform: .windows, personalDeviceEnrollmentBlocked: true),
        .init(platform: .iOS, osMinimumVersion: "16.0", osMaximumVersion: "18.9"),
    ])

    @Test func theDeviceLimitIsCheckedBeforeTheFirstStep() {
        #expect(restrictions.blockBeforeStart(enrolledCount: 2) == nil)
        #expect(restrictions.blockBeforeStart(enrolledCount: 3) == .deviceLimit(limit: 3))
        #expect(EnrollmentRestrictions().blockBeforeStart(enrolledCount: 4) == nil)
        #expect(EnrollmentRestrictions().blockBeforeStart(enrolledCount: 5) == .deviceLimit(limit: 5))
        // A device enrolled again replaces itself: the limit does not stop it.
        #expect(restrictions.blocks(platform: .macOS, ownership: .personal, osVersion: "14.5", enrolledCount: 3, reenrolling: true).isEmpty)
    }

    @Test func eachRuleSaysWhatBlocks() {
        #expect(restrictions.blocks(platform: .android, ownership: .company, osVersion: "14", enrolledCount: 0) == [.platformBlocked(.android)])
        #expect(restrictions.blocks(platform: .windows, ownership: .personal, osVersion: nil, enrolledCount: 0) == [.personalBlocked(.windows)])
        #expect(restrictions.blocks(platform: .windows, ownership: .company, osVersion: nil, enrolledCount: 0).isEmpty)
        #expect(restrictions.blocks(platform: .iOS, ownership: .personal, osVersion: "15.7", enrolledCount: 0)
                == [.belowMinimum(.iOS, version: "15.7", minimum: "16.0")])
        #expect(restrictions.blocks(platform: .iOS, ownership: .personal, osVersion: "19.0", enrolledCount: 0)
                == [.aboveMaximum(.iOS, version: "19.0", maximum: "18.9")])
        #expect(restrictions.blocks(platform: .iOS, ownership: .personal, osVersion: "18.9", enrolledCount: 0).isEmpty)
        // Platforms without a rule enroll freely; several blocks are all said.
        #expect(restrictions.blocks(platform: .linux, ownership: .personal, osVersion: "22.04", enrolledCount: 0).isEmpty)
        #expect(restrictions.blocks(platform: .iOS, ownership: .personal, osVersion: "15.0", enrolledCount: 3).count == 2)
    }

    @Test func messagesNameTheOrganizationAndWhatToDo() {
        #expect(EnrollmentRestrictions.Block.deviceLimit(limit: 5).message(organization: "Contoso")
                == "You have enrolled 5 devices, the most Contoso allows. Remove one under Devices first, or ask your IT department.")
        #expect(EnrollmentRestrictions.Block.belowMinimum(.iOS, version: "15.7", minimum: "16.0").message(organization: "Contoso")
                .contains("iOS 15.7 is older than Contoso allows (16.0 or later)"))
    }
}
