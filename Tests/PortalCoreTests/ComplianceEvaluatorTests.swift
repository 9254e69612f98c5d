import Foundation
import Testing
@testable import PortalCore

private let now = Date(timeIntervalSince1970: 1_795_338_000) // 2026-11-22T09:00:00Z

/// A failing device has failed for two hours unless told otherwise: past iOS's
/// hour of passcode grace, so zero-grace policies read as noncompliant.
private func device(_ os: DevicePlatform = .iOS, version: String = "18.1", passcode: PasscodeFacts? = PasscodeFacts(isSet: true, length: 8, digits: 4, lowercase: 2, uppercase: 1, symbols: 1),
                    encrypted: Bool? = true, jailBroken: JailBrokenState = .no,
                    threat: ManagedDevicePartnerReportedHealthState = .secured, synced: Date? = now,
                    distribution: LinuxDistribution? = nil, failingSince: Date? = now.addingTimeInterval(-7_200)) -> ManagedDevice {
    ManagedDevice(id: "d", userId: "u", userPrincipalName: "u@contoso.com", deviceName: "Test device",
                  managedDeviceOwnerType: .company, enrolledDateTime: now.addingTimeInterval(-86_400),
                  lastSyncDateTime: synced, operatingSystem: os, osVersion: version, jailBroken: jailBroken,
                  isEncrypted: encrypted, model: "Model", manufacturer: "Maker", serialNumber: "S",
                  partnerReportedThreatState: threat, passcode: passcode, distribution: distribution,
                  noncompliantSinceDateTime: failingSince)
}

private func policy(_ platform: DevicePlatform = .iOS, grace: Int = 0, _ configure: (inout CompliancePolicy) -> Void) -> CompliancePolicy {
    var policy = CompliancePolicy(id: "p", displayName: "P", platform: platform, assignedGroups: ["g"], gracePeriodHours: grace)
    configure(&policy)
    return policy
}

struct SettingCase: CustomTestStringConvertible, Sendable {
    var name: String
    var policy: CompliancePolicy
    var device: ManagedDevice
    var setting: String
    var outcome: SettingResult.Outcome
    var testDescription: String { name }
}

/// One row per setting and outcome: the evaluator must pass, fail or mark
/// "not reported" exactly as the row says.
private let settingCases: [SettingCase] = [
    SettingCase(name: "iOS passcode required, set", policy: policy { $0.passcodeRequired = true }, device: device(), setting: "passcodeRequired", outcome: .pass),
    SettingCase(name: "iOS passcode required, none", policy: policy { $0.passcodeRequired = true }, device: device(passcode: .notSet), setting: "passcodeRequired", outcome: .fail),
    SettingCase(name: "iOS passcode required, not reported", policy: policy { $0.passcodeRequired = true }, device: device(passcode: nil), setting: "passcodeRequired", outcome: .notReported),
    SettingCase(name: "iOS minimum length met exactly", policy: policy { $0.passcodeMinimumLength = 8 }, device: device(), setting: "passcodeMinimumLength", outcome: .pass),
    SettingCase(name: "iOS minimum length one short", policy: policy { $0.passcodeMinimumLength = 9 }, device: device(), setting: "passcodeMinimumLength", outcome: .fail),
    SettingCase(name: "iOS alphanumeric with digits only", policy: policy { $0.passcodeRequiredType = .alphanumeric }, device: device(passcode: PasscodeFacts(isSet: true, length: 6, digits: 6)), setting: "passcodeRequiredType", outcome: .fail),
    SettingCase(name: "iOS alphanumeric with letters and digits", policy: policy { $0.passcodeRequiredType = .alphanumeric }, device: device(), setting: "passcodeRequiredType", outcome: .pass),
    SettingCase(name: "Android password required, none", policy: policy(.android) { $0.passwordRequired = true }, device: device(.android, version: "14", passcode: .notSet), setting: "passwordRequired", outcome: .fail),
    SettingCase(name: "Android minimum length", policy: policy(.android) { $0.passwordMinimumLength = 6 }, device: device(.android, version: "14"), setting: "passwordMinimumLength", outcome: .pass),
    SettingCase(name: "Windows symbols required, none", policy: policy(.windows) { $0.passwordRequiredType = .alphanumericWithSymbols }, device: device(.windows, version: "10.0.22631", passcode: PasscodeFacts(isSet: true, length: 10, digits: 2, lowercase: 8)), setting: "passwordRequiredType", outcome: .fail),
    SettingCase(name: "Linux digits met", policy: policy(.linux) { $0.passwordMinimumDigits = 4 }, device: device(.linux, version: "22.04"), setting: "passwordMinimumDigits", outcome: .pass),
    SettingCase(name: "Linux lowercase short", policy: policy(.linux) { $0.passwordMinimumLowerCase = 3 }, device: device(.linux, version: "22.04"), setting: "passwordMinimumLowerCase", outcome: .fail),
    SettingCase(name: "Linux uppercase met", policy: policy(.linux) { $0.passwordMinimumUpperCase = 1 }, device: device(.linux, version: "22.04"), setting: "passwordMinimumUpperCase", outcome: .pass),
    SettingCase(name: "Linux symbols short", policy: policy(.linux) { $0.passwordMinimumSymbols = 2 }, device: device(.linux, version: "22.04"), setting: "passwordMinimumSymbols", outcome: .fail),
    SettingCase(name: "encryption on", policy: policy(.android) { $0.storageRequireEncryption = true }, device: device(.android, version: "14"), setting: "storageRequireEncryption", outcome: .pass),
    SettingCase(name: "encryption off", policy: policy(.macOS) { $0.storageRequireEncryption = true }, device: device(.macOS, version: "15.1", encrypted: false), setting: "storageRequireEncryption", outcome: .fail),
    SettingCase(name: "encryption not reported", policy: policy(.windows) { $0.storageRequireEncryption = true }, device: device(.windows, version: "10.0.22631", encrypted: nil), setting: "storageRequireEncryption", outcome: .notReported),
    SettingCase(name: "jailbroken", policy: policy { $0.securityBlockJailbrokenDevices = true }, device: device(jailBroken: .yes), setting: "securityBlockJailbrokenDevices", outcome: .fail),
    SettingCase(name: "not jailbroken", policy: policy { $0.securityBlockJailbrokenDevices = true }, device: device(jailBroken: .no), setting: "securityBlockJailbrokenDevices", outcome: .pass),
    SettingCase(name: "jailbreak unknown", policy: policy { $0.securityBlockJailbrokenDevices = true }, device: device(jailBroken: .unknown), setting: "securityBlockJailbrokenDevices", outcome: .notReported),
    SettingCase(name: "OS at minimum", policy: policy { $0.osMinimumVersion = "17.0" }, device: device(version: "17"), setting: "osMinimumVersion", outcome: .pass),
    SettingCase(name: "OS below minimum", policy: policy { $0.osMinimumVersion = "17.0" }, device: device(version: "16.7.10"), setting: "osMinimumVersion", outcome: .fail),
    SettingCase(name: "OS numeric compare 10 > 9", policy: policy(.android) { $0.osMinimumVersion = "9" }, device: device(.android, version: "10"), setting: "osMinimumVersion", outcome: .pass),
    SettingCase(name: "OS above maximum", policy: policy { $0.osMaximumVersion = "18.0" }, device: device(version: "18.1"), setting: "osMaximumVersion", outcome: .fail),
    SettingCase(name: "OS at maximum", policy: policy { $0.osMaximumVersion = "18.1" }, device: device(version: "18.1.0"), setting: "osMaximumVersion", outcome: .pass),
    SettingCase(name: "OS version unreadable", policy: policy { $0.osMinimumVersion = "17.0" }, device: device(version: "beta"), setting: "osMinimumVersion", outcome: .notReported),
    SettingCase(name: "threat at the required level", policy: policy { $0.deviceThreatProtectionRequiredSecurityLevel = .medium }, device: device(threat: .mediumSeverity), setting: "deviceThreatProtectionRequiredSecurityLevel", outcome: .pass),
    SettingCase(name: "threat above the required level", policy: policy { $0.deviceThreatProtectionRequiredSecurityLevel = .low }, device: device(threat: .highSeverity), setting: "deviceThreatProtectionRequiredSecurityLevel", outcome: .fail),
    SettingCase(name: "threat secured required, low found", policy: policy { $0.deviceThreatProtectionRequiredSecurityLevel = .secured }, device: device(threat: .lowSeverity), setting: "deviceThreatProtectionRequiredSecurityLevel", outcome: .fail),
    SettingCase(name: "threat unresponsive", policy: policy { $0.deviceThreatProtectionRequiredSecurityLevel = .medium }, device: device(threat: .unresponsive), setting: "deviceThreatProtectionRequiredSecurityLevel", outcome: .notReported),
    SettingCase(name: "distribution in range", policy: policy(.linux) { $0.allowedDistributions = [AllowedDistribution(type: .ubuntu, minimumVersion: "22.04", maximumVersion: "24.04")] }, device: device(.linux, version: "24.04", distribution: LinuxDistribution(type: .ubuntu, version: "24.04")), setting: "allowedDistributions", outcome: .pass),
    SettingCase(name: "distribution too old", policy: policy(.linux) { $0.allowedDistributions = [AllowedDistribution(type: .ubuntu, minimumVersion: "22.04")] }, device: device(.linux, version: "20.04", distribution: LinuxDistribution(type: .ubuntu, version: "20.04")), setting: "allowedDistributions", outcome: .fail),
    SettingCase(name: "distribution not allowed", policy: policy(.linux) { $0.allowedDistributions = [AllowedDistribution(type: .ubuntu)] }, device: device(.linux, version: "9.4", distribution: LinuxDistribution(type: .rhel, version: "9.4")), setting: "allowedDistributions", outcome: .fail),
    SettingCase(name: "distribution not reported", policy: policy(.linux) { $0.allowedDistributions = [AllowedDistribution(type: .rhel)] }, device: device(.linux, version: "9.4"), setting: "allowedDistributions", outcome: .notReported),
]

@Suite("Compliance evaluator")
struct ComplianceEvaluatorTests {
    let evaluator = ComplianceEvaluator()

    @Test(arguments: settingCases)
    func setting(_ row: SettingCase) throws {
        let evaluation = evaluator.evaluate(row.device, policies: [row.policy], now: now)
        let result = try #require(evaluation.results.first { $0.setting == row.setting })
        #expect(result.outcome == row.outcome)
        #expect(result.howToResolve.isEmpty == (row.outcome == .pass))
        let expectedState: ComplianceState = switch row.outcome {
        case .pass: .compliant
        case .fail: .noncompliant
        case .notReported: .unknown
        }
        #expect(evaluation.state == expectedState)
    }

    @Test func policiesOfOtherPlatformsAreIgnored() {
        let android = policy(.android) { $0.passwordRequired = true }
        let evaluation = evaluator.evaluate(device(passcode: .notSet), policies: [android], now: now)
        #expect(evaluation.results.isEmpty)
        #expect(evaluation.state == .compliant)
    }

    @Test func iPadUsesTheIOSPolicy() {
        let ios = policy { $0.passcodeRequired = true }
        let evaluation = evaluator.evaluate(device(.iPadOS, passcode: .notSet), policies: [ios], now: now)
        #expect(evaluation.state == .noncompliant)
    }

    @Test func anIPadOSPolicyAppliesToIPhonesAndIPads() {
        let ipadPolicy = policy(.iPadOS) { $0.passcodeRequired = true }
        #expect(evaluator.evaluate(device(.iOS, passcode: .notSet), policies: [ipadPolicy], now: now).state == .noncompliant)
        #expect(evaluator.evaluate(device(.iPadOS, passcode: .notSet), policies: [ipadPolicy], now: now).state == .noncompliant)
    }

    @Test func neverSyncedIsUnknown() {
        let evaluation = evaluator.evaluate(device(synced: nil), policies: [], now: now)
        #expect(evaluation.state == .unknown)
    }

    @Test func staleDeviceIsNoncompliantAfterTheValidityPeriod() {
        let thirtyDays = 30 * 86_400.0
        let atLimit = evaluator.evaluate(device(synced: now.addingTimeInterval(-thirtyDays)), policies: [], now: now)
        #expect(atLimit.state == .compliant)
        let past = evaluator.evaluate(device(synced: now.addingTimeInterval(-thirtyDays - 1)), policies: [], now: now)
        #expect(past.state == .noncompliant)
        #expect(past.results.first?.setting == "lastSyncDateTime")
        #expect(past.results.first?.outcome == .fail)
    }

    @Test func gracePeriodBoundaries() {
        let failing = policy(grace: 24) { $0.osMinimumVersion = "19" }
        let since = now.addingTimeInterval(-10 * 3_600)
        let subject = device(failingSince: since)
        let deadline = since.addingTimeInterval(24 * 3_600)

        let inside = evaluator.evaluate(subject, policies: [failing], now: now)
        #expect(inside.state == .inGracePeriod)
        #expect(inside.graceDeadline == deadline)

        let lastSecond = evaluator.evaluate(subject, policies: [failing], now: deadline.addingTimeInterval(-1))
        #expect(lastSecond.state == .inGracePeriod)

        let atDeadline = evaluator.evaluate(subject, policies: [failing], now: deadline)
        #expect(atDeadline.state == .noncompliant)
        #expect(atDeadline.graceDeadline == nil)
    }

    @Test func zeroGraceIsNoncompliantAtOnce() {
        let failing = policy(grace: 0) { $0.osMinimumVersion = "19" }
        let evaluation = evaluator.evaluate(device(failingSince: now), policies: [failing], now: now)
        #expect(evaluation.state == .noncompliant)
    }

    @Test func aNewFailureGetsTheWholeGracePeriod() {
        let failing = policy(grace: 1) { $0.osMinimumVersion = "19" }
        let evaluation = evaluator.evaluate(device(failingSince: nil), policies: [failing], now: now)
        #expect(evaluation.state == .inGracePeriod)
        #expect(evaluation.graceDeadline == now.addingTimeInterval(3_600))
    }

    @Test func theShortestGraceOfTheFailingPoliciesWins() {
        let long = policy(grace: 72) { $0.storageRequireEncryption = true }
        var short = policy(grace: 2) { $0.osMinimumVersion = "19" }
        short.id = "p2"
        let passingShort = policy(grace: 0) { $0.osMinimumVersion = "1" }
        let evaluation = evaluator.evaluate(device(encrypted: false, failingSince: now), policies: [long, short, passingShort], now: now)
        #expect(evaluation.graceDeadline == now.addingTimeInterval(2 * 3_600))
    }

    /// iOS asks for a passcode the profile requires for 60 minutes, then
    /// insists: that is the grace, whatever the policy says; Android has none
    /// of its own, and a passcode failing beside another setting gets the policy's.
    @Test(arguments: [(DevicePlatform.iOS, 0), (.iOS, 72), (.iPadOS, 24)])
    func applePasscodeGraceIsSixtyMinutes(platform: DevicePlatform, hours: Int) {
        let rules = policy(platform, grace: hours) { $0.passcodeRequired = true; $0.passcodeMinimumLength = 6 }
        let evaluation = evaluator.evaluate(device(platform, passcode: .notSet, failingSince: now), policies: [rules], now: now)
        #expect(evaluation.state == .inGracePeriod)
        #expect(evaluation.graceDeadline == now.addingTimeInterval(3_600))
        let after = evaluator.evaluate(device(platform, passcode: .notSet, failingSince: now), policies: [rules], now: now.addingTimeInterval(3_600))
        #expect(after.state == .noncompliant)
    }

    @Test func otherPlatformsAndMixedFailuresKeepThePolicysGrace() {
        let android = policy(.android, grace: 0) { $0.passwordRequired = true }
        #expect(evaluator.evaluate(device(.android, version: "14", passcode: .notSet, failingSince: now), policies: [android], now: now).state == .noncompliant)
        let mixed = policy(grace: 72) { $0.passcodeRequired = true; $0.osMinimumVersion = "19" }
        let evaluation = evaluator.evaluate(device(passcode: .notSet, failingSince: now), policies: [mixed], now: now)
        #expect(evaluation.graceDeadline == now.addingTimeInterval(72 * 3_600))
    }

    @Test func failureOutranksUnknown() {
        let rules = policy { $0.passcodeRequired = true; $0.osMinimumVersion = "17" }
        let evaluation = evaluator.evaluate(device(version: "16.0", passcode: nil), policies: [rules], now: now)
        #expect(evaluation.state == .noncompliant)
    }

    @Test func statesHaveWordsAndAccessSentences() {
        #expect(ComplianceState.inGracePeriod.accessSummary == "Out of compliance - can still access company resources")
        #expect(ComplianceState.noncompliant.accessSummary == "Cannot access company resources")
        #expect(ComplianceState.unknown.accessSummary == "Checking access")
        #expect(ComplianceState.compliant.label == "Compliant")
    }
}
