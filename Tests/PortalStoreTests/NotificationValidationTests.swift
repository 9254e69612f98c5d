import Foundation
import PortalCore
import Testing
@testable import PortalStore

@Suite("Notification audience and expiry validation")
struct NotificationValidationTests {
    private func problems(_ change: (inout OrganizationNotification) -> Void) -> [StoreProblem] {
        var tenant = demoFixture()
        change(&tenant.organization.notifications[0])
        return StoreValidator().problems(in: tenant)
    }

    @Test func theDemoHasOneNotificationOfEachKindAndIsValid() {
        let tenant = demoFixture()
        let notes = tenant.organization.notifications
        #expect(notes.contains { $0.audienceGroupIds == nil && $0.expirationDateTime == nil })
        #expect(notes.contains { $0.audienceGroupIds != nil })
        #expect(notes.contains { ($0.expirationDateTime ?? .distantPast) > fixtureNow })
        #expect(notes.contains { ($0.expirationDateTime ?? .distantFuture) <= fixtureNow })
        #expect(StoreValidator().problems(in: tenant).isEmpty)
    }

    @Test func audienceGroupsMustExist() {
        let found = problems { $0.audienceGroupIds = ["grp-all", "grp-nobody"] }
        #expect(found == [StoreProblem(path: "$.organization.notifications[0].audienceGroupIds[1]", message: "no group has id \"grp-nobody\"")])
    }

    @Test func anEmptyAudienceReachesNobodyAndIsReported() {
        let found = problems { $0.audienceGroupIds = [] }
        #expect(found.map(\.path) == ["$.organization.notifications[0].audienceGroupIds"])
    }

    @Test func expiryMustFollowCreation() {
        let found = problems { $0.expirationDateTime = $0.createdDateTime }
        #expect(found == [StoreProblem(path: "$.organization.notifications[0].expirationDateTime", message: "must be after createdDateTime")])
        #expect(problems { $0.expirationDateTime = $0.createdDateTime.addingTimeInterval(1) }.isEmpty)
    }

    @Test func theNewFieldsRoundTripThroughTheStore() throws {
        let tenant = demoFixture()
        let decoded = try StoreCodec.decode(StoreCodec.encode(tenant), path: "portal.json")
        #expect(decoded.organization.notifications == tenant.organization.notifications)
    }
}
