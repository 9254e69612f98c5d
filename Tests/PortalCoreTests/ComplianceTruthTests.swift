import Foundation
import Testing
@testable import PortalCore

private let now = Date(timeIntervalSince1970: 1_795_338_000) // 2026-11-22T09:00:00Z

/// A failing device has failed for two hours: past iOS's hour of passcode grace.
private func device(_ os: DevicePlatform = .iOS, passcode: PasscodeFacts? = PasscodeFacts(isSet: true, length: 8, digits: 4, lowercase: 2, uppercase: 1, symbols: 1),
                    synced: Date? = now, stored: ComplianceState = .unknown, encrypted: Bool? = true,
                    failingSince: Date? = now.addingTimeInterval(-7_200)) -> ManagedDevice {
    ManagedDevice(id: "d", userId: "u", userPrincipalName: "u@contoso.com", deviceName: "Test device",
                  managedDeviceOwnerType: .company, enrolledDateTime: now.addingTimeInterval(-86_400),
                  lastSyncDateTime: synced, operatingSystem: os, osVersion: os == .linux ? "24.04" : "18.1",
                  complianceState: stored, isEncrypted: encrypted, model: "Model", manufacturer: "Maker",
                  serialNumber: "S", passcode: passcode, noncompliantSinceDateTime: failingSince)
}

private func policy(_ platform: DevicePlatform = .iOS, _ configure: (inout CompliancePolicy) -> Void) -> CompliancePolicy {
    var policy = CompliancePolicy(id: "p", displayName: "P", platform: platform, assignedGroups: ["g"])
    configure(&policy)
    return policy
}

@Suite("Compliance words and truth")
struct ComplianceTruthTests {
    let evaluator = ComplianceEvaluator()

    @Test func oneOfACountIsSingular() throws {
        let linux = policy(.linux) {
            $0.passwordMinimumLength = 1
            $0.passwordMinimumDigits = 1
            $0.passwordMinimumSymbols = 2
        }
        let facts = PasscodeFacts(isSet: true, length: 1, digits: 1, symbols: 1)
        let results = evaluator.evaluate(device(.linux, passcode: facts), policies: [linux], now: now).results
        let length = try #require(results.first { $0.setting == "passwordMinimumLength" })
        #expect(length.expected == "At least 1 character")
        #expect(length.actual == "1 character")
        let digits = try #require(results.first { $0.setting == "passwordMinimumDigits" })
        #expect(digits.expected == "At least 1 digit")
        #expect(digits.actual == "1 digit")
        let symbols = try #require(results.first { $0.setting == "passwordMinimumSymbols" })
        #expect(symbols.expected == "At least 2 symbols")
        #expect(symbols.actual == "1 symbol")
        #expect(symbols.howToResolve.contains("at least 2 symbols"))
        #expect(Plural.count(0, "day") == "0 days")
        #expect(Plural.count(1, "day") == "1 day")
    }

    @Test func passcodeCountsNearIntMaxDoNotTrap() {
        let huge = PasscodeFacts(isSet: true, length: .max, digits: .max, lowercase: .max, uppercase: .max, symbols: .max)
        #expect(huge.letters == .max)
        let negative = PasscodeFacts(isSet: true, length: .min, digits: .min, lowercase: .min, uppercase: .min, symbols: .min)
        #expect(negative.letters == .min)
        let rules = policy { $0.passcodeRequiredType = .alphanumericWithSymbols; $0.passcodeMinimumLength = 6 }
        #expect(evaluator.evaluate(device(passcode: huge), policies: [rules], now: now).state == .compliant)
        #expect(evaluator.evaluate(device(passcode: negative), policies: [rules], now: now).state == .noncompliant)
        // A passcode alone gets iOS's fixed hour, so the policy's grace is tried on the OS version.
        let longGrace = policy { $0.osMinimumVersion = "99"; $0.gracePeriodHours = .max }
        #expect(evaluator.evaluate(device(passcode: negative), policies: [longGrace], now: now).state == .inGracePeriod)
    }

    @Test func aDeviceThatNeverReportedSaysSoAndHowToReport() throws {
        let evaluation = evaluator.evaluate(device(synced: nil), policies: [], now: now)
        #expect(evaluation.state == .unknown)
        #expect(!evaluation.hasReported)
        #expect(evaluation.accessSummary == "Has not reported to your organization yet")
        let checkIn = try #require(evaluation.results.first)
        #expect(checkIn.howToResolve.contains("has not reported"))
        #expect(checkIn.howToResolve.contains("Check status"))
        let reported = evaluator.evaluate(device(passcode: nil), policies: [policy { $0.passcodeRequired = true }], now: now)
        #expect(reported.accessSummary == "Checking access")
    }

    @Test func unreportedSettingsSayHowToReportThem() throws {
        let rules = policy(.windows) { $0.passwordMinimumLength = 8; $0.storageRequireEncryption = true }
        let evaluation = evaluator.evaluate(device(.windows, passcode: nil, encrypted: nil), policies: [rules], now: now)
        let length = try #require(evaluation.results.first { $0.setting == "passwordMinimumLength" })
        #expect(length.outcome == .notReported)
        #expect(!length.howToResolve.contains("choose a password of at least"))
        #expect(length.howToResolve.contains("has not reported its password settings"))
        #expect(length.howToResolve.contains("Company Portal app on Test device and choose Check status"))
        let encryption = try #require(evaluation.results.first { $0.setting == "storageRequireEncryption" })
        #expect(!encryption.howToResolve.contains("BitLocker"))
        #expect(encryption.howToResolve.contains("has not reported whether its storage is encrypted"))
    }

    @Test func aFailedSettingStillSaysHowToChangeIt() throws {
        let rules = policy(.windows) { $0.passwordMinimumLength = 8 }
        let short = PasscodeFacts(isSet: true, length: 4, digits: 4)
        let result = try #require(evaluator.evaluate(device(.windows, passcode: short), policies: [rules], now: now).results.first)
        #expect(result.howToResolve == "Open Settings > Accounts > Sign-in options and choose a password of at least 8 characters.")
    }

    @Test func serviceOnlyStatesWinAndTheFactsAreKept() {
        for stored in [ComplianceState.error, .conflict, .configManager] {
            let evaluation = evaluator.evaluate(device(stored: stored), policies: [], now: now)
            #expect(evaluation.state == stored)
            #expect(evaluation.factsState == .compliant)
            #expect(evaluation.reportedState == stored)
            #expect(evaluation.disagreement != nil)
        }
    }

    @Test func factsWinOverAStaleReportAndTheDifferenceIsExplained() throws {
        let rules = policy { $0.passcodeRequired = true }
        let evaluation = evaluator.evaluate(device(passcode: .notSet, stored: .compliant), policies: [rules], now: now)
        #expect(evaluation.state == .noncompliant)
        #expect(evaluation.reportedState == .compliant)
        let note = try #require(evaluation.disagreement)
        #expect(note.contains("last reported Compliant"))
        #expect(note.contains("say Not compliant"))
        let agreeing = evaluator.evaluate(device(stored: .compliant), policies: [rules], now: now)
        #expect(agreeing.disagreement == nil)
    }

    @Test func theGreetingUsesTheGivenName() {
        let hash = PasswordHash(algorithm: "PBKDF2-HMAC-SHA256", iterations: 1, salt: "", hash: "")
        var hanako = User(id: "u", userPrincipalName: "h@contoso.com", displayName: "山田 花子", groups: [], mfaMethods: [], password: hash)
        #expect(hanako.greetingName == "山田 花子")
        hanako.givenName = "花子"
        #expect(hanako.greetingName == "花子")
        hanako.givenName = "  "
        #expect(hanako.greetingName == "山田 花子")
    }
}

@Suite("Notification audience and expiry")
struct NotificationAudienceTests {
    let hash = PasswordHash(algorithm: "PBKDF2-HMAC-SHA256", iterations: 1, salt: "", hash: "")

    @Test func onlyTheAudienceSeesANotificationAndOnlyUntilItExpires() {
        let sales = User(id: "s", userPrincipalName: "s@contoso.com", displayName: "S", groups: ["grp-all", "grp-sales"], mfaMethods: [], password: hash)
        let linux = User(id: "l", userPrincipalName: "l@contoso.com", displayName: "L", groups: ["grp-all", "grp-linux"], mfaMethods: [], password: hash)
        let everyone = OrganizationNotification(id: "a", title: "A", body: "", createdDateTime: now.addingTimeInterval(-60))
        let forLinux = OrganizationNotification(id: "b", title: "B", body: "", createdDateTime: now.addingTimeInterval(-30),
                                                audienceGroupIds: ["grp-linux"])
        let expiring = OrganizationNotification(id: "c", title: "C", body: "", createdDateTime: now.addingTimeInterval(-90),
                                                expirationDateTime: now.addingTimeInterval(3_600))
        var organization = Organization(id: "o", displayName: "O", themeColor: "#000000",
                                        support: SupportContact(contactName: "", phoneNumber: "", emailAddress: "", websiteName: "", websiteUrl: "", additionalInformation: ""),
                                        privacyStatementUrl: "", termsAndConditions: TermsAndConditions(title: "", summary: "", bodyText: "", version: 1),
                                        notifications: [everyone, forLinux, expiring])
        #expect(organization.notifications(for: sales, now: now).map(\.id) == ["a", "c"])
        #expect(organization.notifications(for: linux, now: now).map(\.id) == ["b", "a", "c"])
        #expect(organization.notifications(for: linux, now: now.addingTimeInterval(3_600)).map(\.id) == ["b", "a"])
        organization.notifications = []
        #expect(organization.notifications(for: linux, now: now).isEmpty)
    }

    @Test func oldStoresWithoutAudienceOrExpiryStillDecode() throws {
        let json = #"{"id":"n","title":"T","body":"B","createdDateTime":0}"#
        let note = try JSONDecoder().decode(OrganizationNotification.self, from: Data(json.utf8))
        #expect(note.audienceGroupIds == nil)
        #expect(note.expirationDateTime == nil)
    }
}

@Suite("Secret words")
struct SecretWordTests {
    @Test func aPlatformWithPasswordsSaysNoPassword() throws {
        var rules = CompliancePolicy(id: "p", displayName: "P", platform: .windows, assignedGroups: ["g"])
        rules.passwordMinimumLength = 8
        let result = try #require(ComplianceEvaluator().evaluate(device(.windows, passcode: .notSet), policies: [rules], now: now).results.first)
        #expect(result.actual == "No password")
    }
}
