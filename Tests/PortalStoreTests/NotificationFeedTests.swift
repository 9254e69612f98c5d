import Foundation
import PortalCore
import Testing
@testable import PortalStore

/// The user's notifications made from the demo organization: each kind,
/// stable ids, audience and expiry.
@Suite("Notifications generated from state")
struct NotificationFeedTests {
    private let hour: TimeInterval = 3_600

    private func feed(_ tenant: Tenant, _ userId: String, now: Date = fixtureNow) throws -> [UserNotification] {
        try #require(tenant.portalData(userId: userId)).notifications(now: now)
    }

    @Test func everyKindIsMadeFromTheDemo() throws {
        let notes = try feed(demoFixture(), "usr-adele")
        let kinds = notes.map(\.kind)
        #expect(kinds.contains(.deviceNoncompliant(deviceId: "dev-adele-surface")))
        #expect(kinds.contains(.deviceNoncompliant(deviceId: "dev-adele-mac")))
        #expect(kinds.contains(.appsInstalled(deviceId: "dev-adele-iphone")))
        #expect(kinds.contains { if case .appInstallFailed(_, "dev-adele-surface") = $0 { true } else { false } })
        #expect(kinds.contains { if case .organization = $0 { true } else { false } })
        // Adele has compliant devices: email still reaches her.
        #expect(!kinds.contains(.enrollForEmail))
        // Newest first, all unread.
        #expect(notes.map(\.date) == notes.map(\.date).sorted(by: >))
        #expect(notes.allSatisfy { !$0.isRead })
    }

    @Test func aGracePeriodCarriesItsDeadlineAndAFailureItsError() throws {
        let notes = try feed(demoFixture(), "usr-adele")
        let grace = try #require(notes.first { $0.kind == .deviceNoncompliant(deviceId: "dev-adele-mac") })
        #expect(grace.title == "Adele's MacBook Air is out of compliance")
        #expect(grace.deadline != nil)
        let lost = try #require(notes.first { $0.kind == .deviceNoncompliant(deviceId: "dev-adele-surface") })
        #expect(lost.title == "ADELE-SURFACE is not compliant")
        #expect(lost.deadline == nil)
        let failed = try #require(notes.first { if case .appInstallFailed = $0.kind { true } else { false } })
        #expect(failed.body.contains("Error 0x87D1041C."))
        #expect(AppInstallError.sentence(nil) == "The device reported no error code.")
        #expect(AppInstallError.sentence(0x1234) == "Error 0x00001234.")
    }

    @Test func idsStayTheSameWhileTheEventLasts() throws {
        let tenant = demoFixture()
        let now = try feed(tenant, "usr-adele").map(\.id)
        let later = try feed(tenant, "usr-adele", now: fixtureNow.addingTimeInterval(2 * hour)).map(\.id)
        #expect(Set(now) == Set(later))
    }

    @Test func aDeviceFailingAgainAfterAFixMakesANewNotification() throws {
        var tenant = demoFixture()
        let index = try #require(tenant.managedDevices.firstIndex { $0.id == "dev-adele-surface" })
        let first = try #require(try feed(tenant, "usr-adele").first { $0.kind == .deviceNoncompliant(deviceId: "dev-adele-surface") })
        // Read, then fixed (no failure since), then failing again from a later moment.
        _ = try tenant.apply(.markRead(userId: "usr-adele", notificationId: first.id), now: fixtureNow)
        tenant.managedDevices[index].noncompliantSinceDateTime = fixtureNow.addingTimeInterval(-hour)
        let again = try #require(try feed(tenant, "usr-adele").first { $0.kind == .deviceNoncompliant(deviceId: "dev-adele-surface") })
        #expect(again.id != first.id)
        #expect(!again.isRead)
    }

    @Test func enrollmentForEmailWhenNoDeviceCanReachIt() throws {
        var tenant = demoFixture()
        // Nestor has no device at all.
        let nestor = try feed(tenant, "usr-nestor")
        let enroll = try #require(nestor.first { $0.kind == .enrollForEmail })
        #expect(enroll.title == "Enroll your device to keep access to email")
        #expect(enroll.offersEnrollment)
        #expect(enroll.id == "enroll-for-email/no-device")
        // Lee has devices, none of which can reach email.
        #expect(try feed(tenant, "usr-lee").contains { $0.kind == .enrollForEmail })
        // A compliant device ends it.
        var device = try #require(tenant.managedDevices.first { $0.id == "dev-adele-iphone" })
        device.id = "dev-nestor-phone"
        device.userId = "usr-nestor"
        device.serialNumber = "NESTOR-1"
        tenant.managedDevices.append(device)
        #expect(try !feed(tenant, "usr-nestor").contains { $0.kind == .enrollForEmail })
        // Conditional access decides: Exchange Online blocked for everyone, so a compliant device does not reach email.
        let blockMail = ConditionalAccessPolicy(
            id: "ca-block-mail", displayName: "Block mail",
            conditions: ConditionalAccessConditionSet(users: ConditionalAccessUsers(includeUsers: ["All"]),
                                                      applications: ConditionalAccessApplications(includeApplications: [CloudApp.exchangeOnline.id])),
            grantControls: ConditionalAccessGrantControls(operator: .and, builtInControls: [.block]))
        tenant.conditionalAccessPolicies.append(blockMail)
        #expect(try feed(tenant, "usr-nestor").contains { $0.kind == .enrollForEmail })
        #expect(try feed(tenant, "usr-adele").contains { $0.kind == .enrollForEmail })
    }

    @Test func installsAreNewsForAFewDaysAndFailuresUntilFixed() throws {
        var tenant = demoFixture()
        for index in tenant.appInstallStates.indices {
            tenant.appInstallStates[index].lastModifiedDateTime = fixtureNow.addingTimeInterval(-4 * 24 * hour)
        }
        let notes = try feed(tenant, "usr-adele")
        #expect(!notes.contains { if case .appsInstalled = $0.kind { true } else { false } })
        #expect(notes.contains { if case .appInstallFailed = $0.kind { true } else { false } })
    }

    @Test func theOrganizationsMessagesReachTheirAudienceUntilTheyExpire() throws {
        let tenant = demoFixture()
        let titles = { (user: String, now: Date) in try feed(tenant, user, now: now).map(\.title) }
        #expect(try titles("usr-alex", fixtureNow).contains("RHEL 8 workstations: upgrade to RHEL 9"))
        #expect(try !titles("usr-adele", fixtureNow).contains("RHEL 8 workstations: upgrade to RHEL 9"))
        #expect(try !titles("usr-alex", fixtureNow).contains("Office Wi-Fi outage resolved"))
        #expect(try titles("usr-alex", fixtureNow).contains("Portal maintenance Saturday 22:00-23:00 UTC"))
        #expect(try !titles("usr-alex", fixtureNow.addingTimeInterval(7 * 24 * hour)).contains("Portal maintenance Saturday 22:00-23:00 UTC"))
        // The organization's ids cannot collide with generated ones.
        #expect(try feed(tenant, "usr-alex").filter { if case .organization = $0.kind { true } else { false } }.allSatisfy { $0.id.hasPrefix("org/") })
    }
}

extension NotificationFeedTests {
    @Test func aDeviceThatStoppedReportingFailedWhenItsValidityRanOut() throws {
        let tenant = demoFixture()
        let phone = try #require(tenant.managedDevices.first { $0.id == "dev-megan-iphone" })
        let lastSync = try #require(phone.lastSyncDateTime)
        let note = try #require(try feed(tenant, "usr-megan").first { $0.kind == .deviceNoncompliant(deviceId: "dev-megan-iphone") })
        #expect(note.date == lastSync.addingTimeInterval(30 * 86_400))
        #expect(note.body.contains("Device check-in"))
    }
}
