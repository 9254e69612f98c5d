import Foundation
import Testing
@testable import PortalCore

private let now = Date(timeIntervalSince1970: 1_795_338_000) // 2026-11-22T09:00:00Z
private let hour = 3_600.0

private let mail = CloudApp(id: "app-mail", displayName: "Mail", isOffice365: true)
private let files = CloudApp(id: "app-files", displayName: "Files", isOffice365: true)
private let admin = CloudApp(id: "app-admin", displayName: "Admin")

private func makeUser(id: String = "u", groups: [String] = ["g"], mfa: Bool = true, mustChangePassword: Bool = false) -> User {
    var user = User(id: id, userPrincipalName: "\(id)@contoso.com", displayName: id, groups: groups,
                    mfaMethods: mfa ? [MfaMethod(id: "m", methodType: .softwareOath, displayName: "App", secretKey: "JBSWY3DPEHPK3PXP")] : [],
                    password: PasswordHash(algorithm: "PBKDF2-HMAC-SHA256", iterations: 1, salt: "", hash: ""))
    user.forceChangePasswordNextSignIn = mustChangePassword
    return user
}

private func makeDevice(_ os: DevicePlatform = .iOS, enrollment: DeviceEnrollmentType = .userEnrollment,
                    agent: ManagementAgentType = .mdm) -> ManagedDevice {
    ManagedDevice(id: "d", userId: "u", userPrincipalName: "u@contoso.com", deviceName: "Phone",
                  managedDeviceOwnerType: .company, enrolledDateTime: now.addingTimeInterval(-86_400),
                  lastSyncDateTime: now, operatingSystem: os, osVersion: "18.1", managementAgent: agent,
                  deviceEnrollmentType: enrollment, isEncrypted: true, model: "M", manufacturer: "A", serialNumber: "S",
                  passcode: PasscodeFacts(isSet: true, length: 8, digits: 8))
}

private func makeCompliance(_ state: ComplianceState, deadline: Date? = nil) -> ComplianceEvaluation {
    ComplianceEvaluation(factsState: state, reportedState: state, graceDeadline: deadline, results: [], hasReported: true)
}

private func policy(_ controls: [ConditionalAccessGrantControl], _ op: GrantOperator = .and,
                    state: ConditionalAccessPolicyState = .enabled,
                    users: ConditionalAccessUsers = ConditionalAccessUsers(includeUsers: ["All"]),
                    apps: ConditionalAccessApplications = ConditionalAccessApplications(includeApplications: ["All"]),
                    platforms: ConditionalAccessPlatforms? = nil,
                    clients: [ConditionalAccessClientApp] = [.all]) -> ConditionalAccessPolicy {
    ConditionalAccessPolicy(id: "ca", displayName: "CA", state: state,
                            conditions: ConditionalAccessConditionSet(users: users, applications: apps, platforms: platforms, clientAppTypes: clients),
                            grantControls: ConditionalAccessGrantControls(operator: op, builtInControls: controls))
}

private func verdict(_ policies: [ConditionalAccessPolicy], user: User = makeUser(), device: ManagedDevice = makeDevice(),
                     compliance: ComplianceEvaluation = makeCompliance(.compliant), app: CloudApp = mail,
                     clientApps: ClientAppFacts = .unknown) -> AppAccess {
    AccessEvaluator(policies: policies, cloudApps: [app]).evaluate(user: user, device: device, compliance: compliance, app: app, clientApps: clientApps)
}

struct ControlCase: CustomTestStringConvertible, Sendable {
    var name: String
    var control: ConditionalAccessGrantControl
    var user: User
    var device: ManagedDevice
    var compliance: ComplianceEvaluation
    var clientApps: ClientAppFacts
    var met: Bool
    var testDescription: String { name }

    init(_ name: String, _ control: ConditionalAccessGrantControl, user: User = makeUser(), device: ManagedDevice = makeDevice(),
         compliance: ComplianceEvaluation = makeCompliance(.compliant), clientApps: ClientAppFacts = .unknown, met: Bool) {
        self.name = name
        self.control = control
        self.user = user
        self.device = device
        self.compliance = compliance
        self.clientApps = clientApps
        self.met = met
    }
}

/// Each grant control, met and unmet, decided from what the portal knows.
private let controlCases: [ControlCase] = [
    ControlCase("block is never met", .block, met: false),
    ControlCase("mfa with an activated method", .mfa, met: true),
    ControlCase("mfa without any method", .mfa, user: makeUser(mfa: false), met: false),
    ControlCase("compliant device, compliant", .compliantDevice, met: true),
    ControlCase("compliant device, Configuration Manager", .compliantDevice, compliance: makeCompliance(.configManager), met: true),
    ControlCase("compliant device, noncompliant", .compliantDevice, compliance: makeCompliance(.noncompliant), met: false),
    ControlCase("compliant device, unknown", .compliantDevice, compliance: makeCompliance(.unknown), met: false),
    ControlCase("compliant device, error", .compliantDevice, compliance: makeCompliance(.error), met: false),
    ControlCase("domain joined, co-managed Windows", .domainJoinedDevice, device: makeDevice(.windows, enrollment: .windowsCoManagement), met: true),
    ControlCase("domain joined, Entra joined only", .domainJoinedDevice, device: makeDevice(.windows, enrollment: .windowsAzureADJoin), met: false),
    ControlCase("domain joined, a Mac", .domainJoinedDevice, device: makeDevice(.macOS), met: false),
    ControlCase("approved app known on iOS", .approvedApplication, clientApps: ClientAppFacts(approvedApplication: true), met: true),
    ControlCase("approved app unknown", .approvedApplication, met: false),
    ControlCase("approved app on Windows", .approvedApplication, device: makeDevice(.windows), clientApps: ClientAppFacts(approvedApplication: true), met: false),
    ControlCase("protected app on Android", .compliantApplication, device: makeDevice(.android), clientApps: ClientAppFacts(compliantApplication: true), met: true),
    ControlCase("protected app unknown", .compliantApplication, met: false),
    ControlCase("password change not asked", .passwordChange, met: true),
    ControlCase("password change asked", .passwordChange, user: makeUser(mustChangePassword: true), met: false),
]

@Suite("Conditional access")
struct AccessEvaluatorTests {
    @Test(arguments: controlCases)
    func eachControlAlone(_ row: ControlCase) {
        for op in [GrantOperator.and, .or] {
            let result = verdict([policy([row.control], op)], user: row.user, device: row.device, compliance: row.compliance, clientApps: row.clientApps)
            #expect(result.verdict == (row.met ? .canAccess : .cannotAccess), "\(op)")
            #expect(result.unmet.flatMap { $0.unmet.map(\.control) } == (row.met ? [] : [row.control]))
            if !row.met { #expect(result.unmet.first?.unmet.first?.remedy.isEmpty == false) }
        }
    }

    @Test func andNeedsEveryControl() {
        let both = policy([.mfa, .compliantDevice], .and)
        #expect(verdict([both]).verdict == .canAccess)
        let noMfa = verdict([both], user: makeUser(mfa: false))
        #expect(noMfa.verdict == .cannotAccess)
        #expect(noMfa.unmet.first?.unmet.map(\.control) == [.mfa])
        let neither = verdict([both], user: makeUser(mfa: false), compliance: makeCompliance(.noncompliant))
        #expect(neither.unmet.first?.unmet.map(\.control) == [.mfa, .compliantDevice])
    }

    @Test func orNeedsOneControl() {
        let either = policy([.mfa, .compliantDevice], .or)
        #expect(verdict([either], user: makeUser(mfa: false)).verdict == .canAccess)
        #expect(verdict([either], compliance: makeCompliance(.noncompliant)).verdict == .canAccess)
        let neither = verdict([either], user: makeUser(mfa: false), compliance: makeCompliance(.noncompliant))
        #expect(neither.verdict == .cannotAccess)
        #expect(neither.unmet.first?.operator == .or)
        #expect(neither.unmet.first?.unmet.map(\.control) == [.mfa, .compliantDevice])
    }

    @Test func everyPolicyMustGrant() {
        let result = verdict([policy([.mfa]), policy([.compliantDevice])], compliance: makeCompliance(.noncompliant))
        #expect(result.verdict == .cannotAccess)
        #expect(result.unmet.count == 1)
        #expect(verdict([]).verdict == .canAccess)
    }

    @Test func usersAndGroupsIncludeAndExclude() {
        let block = { (users: ConditionalAccessUsers) in policy([.block], users: users) }
        #expect(verdict([block(ConditionalAccessUsers(includeUsers: ["All"]))]).verdict == .cannotAccess)
        #expect(verdict([block(ConditionalAccessUsers(includeUsers: ["u"]))]).verdict == .cannotAccess)
        #expect(verdict([block(ConditionalAccessUsers(includeUsers: ["someone-else"]))]).verdict == .canAccess)
        #expect(verdict([block(ConditionalAccessUsers(includeGroups: ["g"]))]).verdict == .cannotAccess)
        #expect(verdict([block(ConditionalAccessUsers(includeGroups: ["other"]))]).verdict == .canAccess)
        #expect(verdict([block(ConditionalAccessUsers(includeUsers: ["All"], excludeUsers: ["u"]))]).verdict == .canAccess)
        #expect(verdict([block(ConditionalAccessUsers(includeUsers: ["All"], excludeGroups: ["g"]))]).verdict == .canAccess)
        #expect(verdict([block(ConditionalAccessUsers(includeGroups: ["g"], excludeGroups: ["other"]))]).verdict == .cannotAccess)
        // A policy for nobody does not count.
        #expect(verdict([block(ConditionalAccessUsers())]).verdict == .canAccess)
    }

    @Test func appsIncludeAndExclude() {
        let block = { (apps: ConditionalAccessApplications) in policy([.block], apps: apps) }
        #expect(verdict([block(ConditionalAccessApplications(includeApplications: ["app-mail"]))]).verdict == .cannotAccess)
        #expect(verdict([block(ConditionalAccessApplications(includeApplications: ["app-files"]))]).verdict == .canAccess)
        #expect(verdict([block(ConditionalAccessApplications(includeApplications: ["Office365"]))]).verdict == .cannotAccess)
        #expect(verdict([block(ConditionalAccessApplications(includeApplications: ["Office365"]))], app: admin).verdict == .canAccess)
        #expect(verdict([block(ConditionalAccessApplications(includeApplications: ["All"], excludeApplications: ["app-mail"]))]).verdict == .canAccess)
        #expect(verdict([block(ConditionalAccessApplications(includeApplications: ["All"], excludeApplications: ["Office365"]))], app: files).verdict == .canAccess)
        #expect(verdict([block(ConditionalAccessApplications(includeApplications: ["All"], excludeApplications: ["Office365"]))], app: admin).verdict == .cannotAccess)
    }

    @Test func platformsIncludeAndExclude() {
        let block = { (platforms: ConditionalAccessPlatforms) in policy([.block], platforms: platforms) }
        #expect(verdict([block(ConditionalAccessPlatforms(includePlatforms: [.linux]))], device: makeDevice(.linux)).verdict == .cannotAccess)
        #expect(verdict([block(ConditionalAccessPlatforms(includePlatforms: [.linux]))], device: makeDevice(.windows)).verdict == .canAccess)
        // iPadOS is iOS to conditional access.
        #expect(verdict([block(ConditionalAccessPlatforms(includePlatforms: [.iOS]))], device: makeDevice(.iPadOS)).verdict == .cannotAccess)
        let allButWindows = ConditionalAccessPlatforms(includePlatforms: [.all], excludePlatforms: [.windows])
        #expect(verdict([block(allButWindows)], device: makeDevice(.android)).verdict == .cannotAccess)
        #expect(verdict([block(allButWindows)], device: makeDevice(.windows)).verdict == .canAccess)
        // Another platform's policy does not count.
        #expect(verdict([block(ConditionalAccessPlatforms(includePlatforms: [.windowsPhone]))]).verdict == .canAccess)
    }

    @Test func clientAppTypes() {
        #expect(verdict([policy([.block], clients: [.exchangeActiveSync, .other])]).verdict == .canAccess)
        #expect(verdict([policy([.block], clients: [.mobileAppsAndDesktopClients])]).verdict == .cannotAccess)
        #expect(verdict([policy([.block], clients: [.browser])], clientApps: ClientAppFacts(clientAppType: .browser)).verdict == .cannotAccess)
    }

    @Test func disabledAndReportOnlyNeverBlock() {
        #expect(verdict([policy([.block], state: .disabled)]).verdict == .canAccess)
        #expect(verdict([policy([.block], state: .enabledForReportingButNotEnforced)]).verdict == .canAccess)
        #expect(verdict([policy([.compliantDevice], state: .enabledForReportingButNotEnforced)], compliance: makeCompliance(.noncompliant)).verdict == .canAccess)
    }

    @Test func graceKeepsAccessUntilTheDeadline() {
        let deadline = now.addingTimeInterval(hour)
        let inGrace = makeCompliance(.inGracePeriod, deadline: deadline)
        let result = verdict([policy([.compliantDevice])], compliance: inGrace)
        #expect(result.verdict == .inGrace(until: deadline))
        #expect(result.unmet.first?.unmet.map(\.control) == [.compliantDevice])
        // Met another way, access does not hang on grace.
        #expect(verdict([policy([.mfa, .compliantDevice], .or)], compliance: inGrace).verdict == .canAccess)
        #expect(verdict([policy([.mfa, .compliantDevice], .or)], user: makeUser(mfa: false), compliance: inGrace).verdict == .inGrace(until: deadline))
        // A control unmet now wins over grace.
        #expect(verdict([policy([.mfa, .compliantDevice])], user: makeUser(mfa: false), compliance: inGrace).verdict == .cannotAccess)
    }

    @Test func graceExpiresOnTheClock() {
        let clock = VirtualClock(start: now)
        let evaluator = ComplianceEvaluator()
        var compliancePolicy = CompliancePolicy(id: "p", displayName: "P", platform: .iOS, assignedGroups: ["g"], gracePeriodHours: 1)
        compliancePolicy.passcodeMinimumLength = 10
        var failing = makeDevice()
        failing.noncompliantSinceDateTime = now
        let rules = AccessRules(policies: [policy([.compliantDevice])], cloudApps: [mail])
        func access() -> AccessVerdict {
            let evaluation = evaluator.evaluate(failing, policies: [compliancePolicy], now: clock.now())
            return rules.access(user: makeUser(), device: failing, compliance: evaluation).apps[0].verdict
        }
        #expect(access() == .inGrace(until: now.addingTimeInterval(hour)))
        clock.advance(by: hour - 1)
        #expect(access() == .inGrace(until: now.addingTimeInterval(hour)))
        clock.advance(by: 1)
        #expect(access() == .cannotAccess)
    }

    @Test func validityPeriodEndsAccess() {
        var stale = makeDevice()
        stale.lastSyncDateTime = now.addingTimeInterval(-31 * 86_400)
        let evaluation = ComplianceEvaluator(validityPeriodDays: 30).evaluate(stale, policies: [], now: now)
        #expect(evaluation.state == .noncompliant)
        #expect(evaluation.staleCheckIn?.actual == "31 days ago")
        let access = AccessRules(policies: [policy([.compliantDevice])], cloudApps: [mail]).access(user: makeUser(), device: stale, compliance: evaluation)
        #expect(access.overall == .cannotAccess)
        #expect(access.apps[0].unmet[0].unmet[0].remedy.contains("last reported 31 days ago"))
        // Within the period (and with a longer one) it stays compliant.
        #expect(ComplianceEvaluator(validityPeriodDays: 45).evaluate(stale, policies: [], now: now).state == .compliant)
        #expect(ComplianceEvaluator(validityPeriodDays: 30).evaluate(stale, policies: [], now: now.addingTimeInterval(-2 * 86_400)).staleCheckIn == nil)
    }

    @Test func unenrolledDeviceIsToldToEnroll() {
        let result = verdict([policy([.compliantDevice])], device: makeDevice(agent: .eas), compliance: makeCompliance(.unknown))
        #expect(result.unmet[0].unmet[0].remedy.hasPrefix("Enroll Phone"))
    }

    @Test func deviceAccessSumsUp() {
        let rules = AccessRules(policies: [policy([.block], apps: ConditionalAccessApplications(includeApplications: ["app-admin"]))],
                                cloudApps: [mail, admin])
        let access = rules.access(user: makeUser(), device: makeDevice(), compliance: makeCompliance(.compliant))
        #expect(access.blocked == [admin])
        #expect(access.overall == .cannotAccess)
        #expect(AccessRules(policies: [], cloudApps: []).access(user: makeUser(), device: makeDevice(), compliance: makeCompliance(.compliant)).overall == .canAccess)
    }

    @Test func remediationEndsWithCheckStatusAndFollowsThePlatform() {
        var compliancePolicy = CompliancePolicy(id: "p", displayName: "P", platform: .iOS, assignedGroups: ["g"])
        compliancePolicy.passcodeMinimumLength = 10
        let result = ComplianceEvaluator().evaluate(makeDevice(), policies: [compliancePolicy], now: now).failures[0]
        let steps = Remediation(for: result, device: makeDevice())
        #expect(steps.steps[0].hasPrefix("Open Settings > Face ID & Passcode"))
        #expect(steps.steps.last?.contains("at least 10 characters") == true)
        #expect(Remediation.confirm == "Then choose Check status (c) to confirm the fix.")
        var linux = CompliancePolicy(id: "l", displayName: "L", platform: .linux, assignedGroups: ["g"])
        linux.storageRequireEncryption = true
        var machine = makeDevice(.linux)
        machine.isEncrypted = false
        let encryption = ComplianceEvaluator().evaluate(machine, policies: [linux], now: now).failures[0]
        #expect(Remediation(for: encryption, device: machine).steps.contains { $0.contains("dm-crypt") })
    }
}
