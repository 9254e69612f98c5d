import Foundation
@testable import PortalCore
import Testing
@testable import PortalStore

/// Rename, Remove, Reset and Check status on the demo organization: each
/// rule, each message, and what Check status writes.
@Suite("Device changes")
struct DeviceChangeTests {
    func refusal(_ change: DeviceChange, in tenant: Tenant, now: Date = fixtureNow) -> DeviceChangeError? {
        var copy = tenant
        do {
            _ = try copy.apply(change, now: now)
            return nil
        } catch {
            #expect(copy == tenant, "a refused change left something changed")
            return error
        }
    }

    func device(_ id: String, in tenant: Tenant) -> ManagedDevice? { tenant.managedDevices.first { $0.id == id } }

    // MARK: - Rename

    @Test func renameTrimsAndStores() throws {
        var tenant = demoFixture()
        let result = try tenant.apply(.rename(userId: "usr-adele", deviceId: "dev-adele-iphone", name: "  Adele’s work phone 📱 \n"), now: fixtureNow)
        #expect(result == .renamed(try #require(device("dev-adele-iphone", in: tenant))))
        #expect(device("dev-adele-iphone", in: tenant)?.deviceName == "Adele’s work phone 📱")
    }

    @Test(arguments: [
        ("   ", "Give the device a name, such as \"Work laptop\"."),
        (String(repeating: "x", count: 65), "Use at most 64 characters for the name; this one has 65."),
        ("Adele\u{202E}enohp", "Use letters, digits, spaces and punctuation only: the name holds a control or text-direction character."),
        ("Adele\u{1B}[2J", "Use letters, digits, spaces and punctuation only: the name holds a control or text-direction character."),
        ("pixel 8", "You already have a device named \"Pixel 8\". Choose another name."),
    ])
    func renameRejections(name: String, message: String) {
        let error = refusal(.rename(userId: "usr-adele", deviceId: "dev-adele-iphone", name: name), in: demoFixture())
        #expect(error == .invalidName(message))
        #expect(error?.message == message)
    }

    @Test func theLimitCountsCharactersAsPeopleDo() throws {
        // 64 family emoji: 64 characters, 448 scalars.
        let family = String(repeating: "👨‍👩‍👧‍👦", count: 64)
        var tenant = demoFixture()
        _ = try tenant.apply(.rename(userId: "usr-adele", deviceId: "dev-adele-iphone", name: family), now: fixtureNow)
        #expect(device("dev-adele-iphone", in: tenant)?.deviceName == family)
        // Another user's device may have the same name; the same device may change case.
        _ = try tenant.apply(.rename(userId: "usr-adele", deviceId: "dev-adele-mac", name: "alex-thinkpad"), now: fixtureNow)
        _ = try tenant.apply(.rename(userId: "usr-adele", deviceId: "dev-adele-mac", name: "ALEX-THINKPAD"), now: fixtureNow)
        #expect(device("dev-adele-mac", in: tenant)?.deviceName == "ALEX-THINKPAD")
    }

    // MARK: - Who acts

    @Test func onlyThePrimaryUserActsAndAnotherUsersDeviceReadsAsUnknown() {
        let tenant = demoFixture()
        let changes: [DeviceChange] = [
            .rename(userId: "usr-megan", deviceId: "dev-adele-iphone", name: "Mine"),
            .remove(userId: "usr-megan", deviceId: "dev-adele-iphone"),
            .reset(userId: "usr-megan", deviceId: "dev-adele-iphone", typedName: "Adele's iPhone"),
            .checkStatus(userId: "usr-megan", deviceId: "dev-adele-iphone", host: nil),
            .remove(userId: "usr-megan", deviceId: "dev-nowhere"),
        ]
        for change in changes { #expect(refusal(change, in: tenant) == .notYours) }
        #expect(refusal(.remove(userId: "usr-gone", deviceId: "dev-adele-iphone"), in: tenant) == .userNotFound)
        #expect(device("dev-adele-iphone", in: tenant)?.refusal(of: .rename, by: "usr-megan") == DeviceChangeError.notYours.message)
    }

    // MARK: - Remove

    @Test func removeTakesTheDeviceAndItsInstallStatesOut() throws {
        var tenant = demoFixture()
        #expect(tenant.appInstallStates.contains { $0.deviceId == "dev-adele-mac" })
        let result = try tenant.apply(.remove(userId: "usr-adele", deviceId: "dev-adele-mac"), now: fixtureNow)
        guard case let .removed(removed) = result else { Issue.record("not removed: \(result)"); return }
        #expect(removed.deviceName == "Adele's MacBook Air")
        #expect(device("dev-adele-mac", in: tenant) == nil)
        #expect(!tenant.appInstallStates.contains { $0.deviceId == "dev-adele-mac" })
        #expect(StoreValidator().problems(in: tenant).isEmpty)
    }

    @Test func noRemoveOnEntraJoinedWindows() {
        let error = refusal(.remove(userId: "usr-adele", deviceId: "dev-adele-surface"), in: demoFixture())
        #expect(error == .notOffered("ADELE-SURFACE is joined to Microsoft Entra ID: you sign in to it with your work account, so it can't be removed here. Ask IT support to remove it."))
        // Reset stays offered on it: it is company-owned.
        #expect(device("dev-adele-surface", in: demoFixture())?.refusal(of: .reset, by: "usr-adele") == nil)
    }

    @Test func noRemoveOrResetOnARetirePendingDevice() throws {
        let tenant = demoFixture()
        let fairphone = try #require(device("dev-zoe-android", in: tenant))
        #expect(fairphone.managementState == .retirePending)
        let message = "Remove is not offered: Zoë’s Fairphone shows \"Remove pending\". Its removal was asked for already and happens the next time it checks in."
        #expect(refusal(.remove(userId: "usr-zoe", deviceId: "dev-zoe-android"), in: tenant) == .notOffered(message))
        #expect(refusal(.reset(userId: "usr-zoe", deviceId: "dev-zoe-android", typedName: "Zoë’s Fairphone"), in: tenant)
            == .notOffered("Reset is not offered: Zoë’s Fairphone shows \"Remove pending\". Its removal was asked for already and happens the next time it checks in."))
        // Rename and Check status stay offered.
        #expect(fairphone.refusal(of: .rename, by: "usr-zoe") == nil && fairphone.refusal(of: .checkStatus, by: "usr-zoe") == nil)
    }

    // MARK: - Reset

    @Test func resetOnlyOnCompanyDevicesAndOnlyWithTheNameTyped() throws {
        var tenant = demoFixture()
        #expect(refusal(.reset(userId: "usr-adele", deviceId: "dev-adele-pixel", typedName: "Pixel 8"), in: tenant)
            == .notOffered("Reset is only for company-owned devices: it erases everything on the device, your personal data too. Pixel 8 is personal; to take it out of management, choose Remove."))
        #expect(refusal(.reset(userId: "usr-adele", deviceId: "dev-adele-iphone", typedName: "adele's iphone"), in: tenant)
            == .notOffered("Type the device name exactly as shown, \"Adele's iPhone\", to reset it."))
        let result = try tenant.apply(.reset(userId: "usr-adele", deviceId: "dev-adele-iphone", typedName: " Adele's iPhone "), now: fixtureNow)
        guard case let .reset(reset) = result else { Issue.record("not reset: \(result)"); return }
        #expect(reset.managementState == .wipePending)
        #expect(device("dev-adele-iphone", in: tenant)?.managementState == .wipePending)
        // Asked once: the device now shows it and neither is offered again.
        #expect(refusal(.reset(userId: "usr-adele", deviceId: "dev-adele-iphone", typedName: "Adele's iPhone"), in: tenant)
            == .notOffered("Reset is not offered: Adele's iPhone shows \"Reset pending\". A reset was asked for already and happens the next time it checks in."))
        #expect(refusal(.remove(userId: "usr-adele", deviceId: "dev-adele-iphone"), in: tenant) != nil)
    }

    // MARK: - Check status

    @Test func checkStatusReportsEachSettingSinceTheLastCheck() throws {
        var tenant = demoFixture()
        let result = try tenant.apply(.checkStatus(userId: "usr-megan", deviceId: "dev-megan-iphone", host: nil), now: fixtureNow)
        guard case let .checked(checks) = result, let check = checks.first else { Issue.record("not checked: \(result)"); return }
        #expect(check.previousState == .noncompliant)
        #expect(check.evaluation.state == .compliant)
        #expect(check.stateSummary == "Compliant (was not compliant)")
        #expect(check.source == .storedFacts)
        #expect(check.changes.first?.sentence == "Device check-in: now passes")
        #expect(check.changes.dropFirst().allSatisfy { !$0.changed && $0.sentence.hasSuffix(": still passes") })
        let stored = try #require(device("dev-megan-iphone", in: tenant))
        #expect(stored.lastSyncDateTime == fixtureNow && stored.complianceState == .compliant)
        #expect(stored.noncompliantSinceDateTime == nil)
    }

    @Test func aSimulatedDeviceIsReadAgainFromTheStore() throws {
        var tenant = demoFixture()
        let simulated = try #require(tenant.simulatedDevices.first { $0.operatingSystem == .iOS && $0.isEncrypted == true })
        // Enrolled earlier with an OS version now below the policy's minimum...
        var enrolled = tenant.managedDevices.first { $0.id == "dev-adele-iphone" }!
        enrolled.id = "dev-sim"
        enrolled.deviceName = "Adele's test phone"
        enrolled.serialNumber = simulated.serialNumber
        enrolled.osVersion = "15.0"
        tenant.managedDevices.append(enrolled)
        let before = tenant.evaluate(enrolled, for: tenant.user(id: "usr-adele")!, now: fixtureNow)
        #expect(before.failures.contains { $0.setting == "osMinimumVersion" })
        // ...is read again from the store's facts: the version passes now.
        let result = try tenant.apply(.checkStatus(userId: "usr-adele", deviceId: "dev-sim", host: nil), now: fixtureNow)
        guard case let .checked(checks) = result, let check = checks.first else { Issue.record("not checked: \(result)"); return }
        #expect(check.source == .simulatedDevice)
        #expect(check.device.osVersion == simulated.osVersion)
        #expect(check.changes.contains { $0.sentence == "Minimum OS version: now passes" })
    }

    @Test func aGracePeriodThatRanOutIsWrittenNoncompliantAtTheNextCheck() throws {
        var tenant = demoFixture()
        let mac = try #require(device("dev-adele-mac", in: tenant))
        let deadline = try #require(mac.complianceGracePeriodExpirationDateTime)
        #expect(mac.complianceState == .inGracePeriod)
        // Before the deadline the check keeps the grace and its start.
        _ = try tenant.apply(.checkStatus(userId: "usr-adele", deviceId: "dev-adele-mac", host: nil), now: deadline.addingTimeInterval(-60))
        #expect(device("dev-adele-mac", in: tenant)?.complianceState == .inGracePeriod)
        #expect(device("dev-adele-mac", in: tenant)?.complianceGracePeriodExpirationDateTime == deadline)
        #expect(device("dev-adele-mac", in: tenant)?.noncompliantSinceDateTime == mac.noncompliantSinceDateTime)
        // Past it, the next check writes noncompliant.
        let after = deadline.addingTimeInterval(60)
        let result = try tenant.apply(.checkStatus(userId: "usr-adele", deviceId: "dev-adele-mac", host: nil), now: after)
        guard case let .checked(checks) = result, let check = checks.first else { Issue.record("not checked: \(result)"); return }
        #expect(check.stateSummary == "Not compliant (was in grace period)")
        #expect(check.changes.contains { $0.sentence == "Minimum password length: still fails" })
        let stored = try #require(device("dev-adele-mac", in: tenant))
        #expect(stored.complianceState == .noncompliant && stored.complianceGracePeriodExpirationDateTime == nil)
        #expect(stored.lastSyncDateTime == after)
    }

    @Test func checkStatusOfAllDevicesChecksOnlyTheUsers() throws {
        var tenant = demoFixture()
        let result = try tenant.apply(.checkStatus(userId: "usr-adele", deviceId: nil, host: nil), now: fixtureNow)
        guard case let .checked(checks) = result else { Issue.record("not checked: \(result)"); return }
        #expect(Set(checks.map(\.device.id)) == ["dev-adele-iphone", "dev-adele-surface", "dev-adele-mac", "dev-adele-pixel"])
        #expect(tenant.managedDevices.filter { $0.userId != "usr-adele" } == demoFixture().managedDevices.filter { $0.userId != "usr-adele" })
    }

    @Test func changesPutWhatChangedFirst() {
        func result(_ setting: String, _ outcome: SettingResult.Outcome) -> SettingResult {
            SettingResult(policyId: "p", setting: setting, title: setting.capitalizedFirst, expected: "", actual: "", outcome: outcome, howToResolve: "")
        }
        func evaluation(_ results: [SettingResult]) -> ComplianceEvaluation {
            ComplianceEvaluation(factsState: .compliant, reportedState: .compliant, graceDeadline: nil, results: results, hasReported: true)
        }
        let changes = Tenant.changes(from: evaluation([result("encryption", .fail), result("osVersion", .fail), result("passcode", .pass)]),
                                     to: evaluation([result("encryption", .pass), result("osVersion", .fail), result("passcode", .fail), result("threat", .pass)]))
        #expect(changes.map(\.sentence) == ["Encryption: now passes", "Passcode: now fails", "Threat: now passes", "OsVersion: still fails"])
    }
}
