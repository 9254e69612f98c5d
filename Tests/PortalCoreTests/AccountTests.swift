import Crypto
import Foundation
import Testing
@testable import PortalCore

/// A small organization with one account of each kind the sign-in steps know.
enum AccountFixture {
    static let now = Date(timeIntervalSince1970: 1_795_338_000)
    /// RFC 6238's SHA-1 seed, so codes can be worked out independently.
    static let secret = Base32.encode(Array("12345678901234567890".utf8))

    static func tenant(policy: SignInPolicy? = nil) -> Tenant {
        let random = SeededRandomSource(seed: 4)
        func user(_ id: String, _ mfa: MfaState?, methods: [MfaMethod] = [], mustChange: Bool = false) -> User {
            var user = User(id: id, userPrincipalName: "\(id)@contoso.com", displayName: id.capitalized, groups: [],
                            mfaMethods: methods, password: PasswordHash.make(password: "pw-\(id)", iterations: 10, random: random))
            user.perUserMfaState = mfa
            user.preferredMfaMethodId = methods.first?.id
            user.forceChangePasswordNextSignIn = mustChange ? true : nil
            return user
        }
        let app = MfaMethod(id: "m-app", methodType: .softwareOath, displayName: "Phone app", secretKey: secret)
        let token = MfaMethod(id: "m-token", methodType: .hardwareOath, displayName: "Token 1", secretKey: secret,
                              status: .assigned, serialNumber: "1")
        var organization = Organization(
            id: "org", displayName: "Contoso", themeColor: "#0078d4",
            support: SupportContact(contactName: "", phoneNumber: "", emailAddress: "", websiteName: "", websiteUrl: "", additionalInformation: ""),
            privacyStatementUrl: "", termsAndConditions: TermsAndConditions(title: "", summary: "", bodyText: "", version: 1),
            notifications: [])
        organization.signInPolicy = policy
        return Tenant(organization: organization, groups: [],
                      users: [user("ann", nil, methods: [token]), user("bob", .enforced, methods: [app]),
                              user("cy", .enabled), user("dee", nil, mustChange: true)],
                      managedDevices: [], compliancePolicies: [], mobileAppCategories: [], mobileApps: [],
                      mobileAppAssignments: [], appInstallStates: [])
    }

    static func code(at date: Date, offset: Int64 = 0) -> String {
        let settings = OneTimeCode()
        return settings.code(secret: Base32.decode(secret)!, step: settings.step(at: date) + offset)
    }
}

@Suite("Sign-in steps, lockout and account changes")
struct AccountTests {
    let now = AccountFixture.now

    @Test func tenFailuresLockForSixtySecondsAndTheNextLockoutDoubles() throws {
        let directory = InMemoryDirectory(AccountFixture.tenant())
        let service = SignInService(directory: directory)
        for attempt in 1...9 {
            #expect(try service.signIn(principalName: "ann@contoso.com", password: "wrong", now: now) == .failed(.invalidCredentials), "attempt \(attempt)")
        }
        let until = now.addingTimeInterval(60)
        #expect(try service.signIn(principalName: "ann@contoso.com", password: "wrong", now: now) == .failed(.locked(until: until)))
        // The right password does not get in while the lock holds.
        #expect(try service.signIn(principalName: "ANN@contoso.com", password: "pw-ann", now: now.addingTimeInterval(59)) == .failed(.locked(until: until)))
        // Ten more failures after it ends lock for twice as long.
        let later = now.addingTimeInterval(60)
        for _ in 1...9 { _ = try service.signIn(principalName: "ann@contoso.com", password: "wrong", now: later) }
        #expect(try service.signIn(principalName: "ann@contoso.com", password: "wrong", now: later) == .failed(.locked(until: later.addingTimeInterval(120))))
        // After it, the right password signs in and the record is cleared.
        let user = try #require(directory.tenant.user(principalName: "ann@contoso.com"))
        #expect(try service.signIn(principalName: "ann@contoso.com", password: "pw-ann", now: later.addingTimeInterval(120)) == .passed(user, next: .done))
        #expect(directory.tenant.signInLockouts.isEmpty)
    }

    @Test func theOrganizationSetsThresholdAndDuration() throws {
        let directory = InMemoryDirectory(AccountFixture.tenant(policy: SignInPolicy(lockoutThreshold: 3, lockoutDurationInSeconds: 300)))
        let service = SignInService(directory: directory)
        for _ in 1...2 { _ = try service.signIn(principalName: "ann@contoso.com", password: "x", now: now) }
        #expect(try service.signIn(principalName: "ann@contoso.com", password: "x", now: now) == .failed(.locked(until: now.addingTimeInterval(300))))
    }

    @Test func unknownAccountsAreCountedAndLockedLikeKnownOnes() throws {
        let directory = InMemoryDirectory(AccountFixture.tenant())
        let service = SignInService(directory: directory)
        var answers: [SignInService.Outcome] = []
        for _ in 1...10 { answers.append(try service.signIn(principalName: "nobody@contoso.com", password: "x", now: now)) }
        #expect(answers.dropLast().allSatisfy { $0 == .failed(.invalidCredentials) })
        #expect(answers.last == .failed(.locked(until: now.addingTimeInterval(60))))
        // Only a hash of the name is kept.
        #expect(directory.tenant.signInLockouts.map(\.account) == [SignInLockout.key(for: "nobody@contoso.com", organization: "org")])
        // Keyed: not the plain SHA-256 a table of common names and passwords would hold.
        let plain = SHA256.hash(data: Array("nobody@contoso.com".utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(directory.tenant.signInLockouts[0].account != plain)
    }

    @Test func lockoutRecordsStayBounded() {
        var tenant = AccountFixture.tenant()
        for index in 0..<(SignInLockout.capacity + 5) {
            _ = tenant.recordFailedSignIn("guess\(index)@contoso.com", now: now.addingTimeInterval(Double(index)))
        }
        #expect(tenant.signInLockouts.count == SignInLockout.capacity)
        #expect(tenant.lockout(for: "guess0@contoso.com") == nil)
        #expect(tenant.lockout(for: "guess\(SignInLockout.capacity + 4)@contoso.com") != nil)
    }

    @Test func stepsComeInOrder() {
        let users = AccountFixture.tenant().users
        #expect(SignInService.step(after: .password, for: users[0]) == .done)
        #expect(SignInService.step(after: .password, for: users[1]) == .code)
        #expect(SignInService.step(after: .password, for: users[2]) == .registerMethod)
        #expect(SignInService.step(after: .password, for: users[3]) == .changePassword)
        #expect(SignInService.step(after: .passwordChange, for: users[3]) == .done)
    }

    @Test func aCodeIsAcceptedOnceAndAReusedOneSaysWhy() throws {
        let directory = InMemoryDirectory(AccountFixture.tenant())
        let service = SignInService(directory: directory)
        #expect(try service.signIn(principalName: "bob@contoso.com", password: "pw-bob", now: now) == .passed(directory.tenant.users[1], next: .code))
        let code = AccountFixture.code(at: now)
        guard case .passed(_, .done) = try service.verify(code: code, userId: "bob", methodId: "m-app", now: now) else {
            Issue.record("the right code was refused")
            return
        }
        #expect(try service.verify(code: code, userId: "bob", methodId: "m-app", now: now.addingTimeInterval(5)) == .failed(.code(.alreadyUsed)))
        #expect(CodeOutcome.alreadyUsed.message.contains("already used"))
        // An earlier step than the one used is refused too, even within the window.
        #expect(try service.verify(code: AccountFixture.code(at: now, offset: -1), userId: "bob", methodId: "m-app", now: now) == .failed(.code(.alreadyUsed)))
        let method = try #require(directory.tenant.users[1].method(id: "m-app"))
        #expect(method.lastUsedStep == OneTimeCode().step(at: now))
        #expect(method.lastUsedDateTime == now)
    }

    @Test func wrongCodesCountTowardLockout() throws {
        let directory = InMemoryDirectory(AccountFixture.tenant())
        let service = SignInService(directory: directory)
        for _ in 1...9 {
            #expect(try service.verify(code: "000000", userId: "bob", methodId: "m-app", now: now) == .failed(.code(.wrong)))
        }
        #expect(try service.verify(code: "000000", userId: "bob", methodId: "m-app", now: now) == .failed(.locked(until: now.addingTimeInterval(60))))
        // Locked: even the right code is refused until the lock ends.
        #expect(try service.verify(code: AccountFixture.code(at: now), userId: "bob", methodId: "m-app", now: now) == .failed(.locked(until: now.addingTimeInterval(60))))
    }

    @Test func aNewMethodCountsOnlyWithARightCode() throws {
        var tenant = AccountFixture.tenant()
        let method = MfaMethod(id: "m-new", methodType: .softwareOath, displayName: "New phone", secretKey: AccountFixture.secret)
        let refused = try tenant.apply(.addMethod(userId: "cy", method: method, code: "123456"), now: now)
        guard case .code(.wrong, let unchanged, _) = refused else { Issue.record("\(refused)"); return }
        #expect(unchanged.mfaMethods.isEmpty)
        let added = try tenant.apply(.addMethod(userId: "cy", method: method, code: AccountFixture.code(at: now)), now: now)
        guard case .code(.accepted, let user, _) = added else { Issue.record("\(added)"); return }
        #expect(user.mfaMethods.map(\.id) == ["m-new"])
        #expect(user.preferredMfaMethodId == "m-new")
        #expect(user.mfaState == .enforced)
    }

    @Test func anImportedTokenActivatesWithACodeFromTheWideWindowAndKeepsItsDrift() throws {
        var tenant = AccountFixture.tenant()
        // The token runs ten steps (five minutes) slow.
        let slow = AccountFixture.code(at: now, offset: -10)
        let result = try tenant.apply(.activateToken(userId: "ann", methodId: "m-token", code: slow), now: now)
        guard case .code(.accepted, let user, _) = result else { Issue.record("\(result)"); return }
        let token = try #require(user.method(id: "m-token"))
        #expect(token.isActivated)
        #expect(token.driftSteps == -10)
        // From then on its slow codes are accepted in the normal window.
        var directory = tenant
        let later = now.addingTimeInterval(300)
        directory.users[0].perUserMfaState = .enforced
        guard case .code(.accepted, _, _) = try directory.apply(.useCode(userId: "ann", methodId: "m-token", code: AccountFixture.code(at: later, offset: -10)), now: later) else {
            Issue.record("the drifted code was refused")
            return
        }
    }

    @Test func theLastMethodCannotBeRemovedWhileMfaIsRequired() throws {
        var tenant = AccountFixture.tenant()
        #expect(throws: AccountChangeError.self) { try tenant.apply(.removeMethod(userId: "bob", methodId: "m-app"), now: now) }
        #expect(tenant.users[1].mfaMethods.count == 1)
        // Without MFA required it can go.
        _ = try tenant.apply(.removeMethod(userId: "ann", methodId: "m-token"), now: now)
        #expect(tenant.users[0].mfaMethods.isEmpty)
    }

    @Test func renamingChecksTheName() throws {
        var tenant = AccountFixture.tenant()
        _ = try tenant.apply(.renameMethod(userId: "bob", methodId: "m-app", name: "  Work phone "), now: now)
        #expect(tenant.users[1].mfaMethods[0].displayName == "Work phone")
        for bad in ["", String(repeating: "x", count: MfaMethod.nameLimit + 1), "evil\u{1B}[2J"] {
            #expect(throws: AccountChangeError.self) { try tenant.apply(.renameMethod(userId: "bob", methodId: "m-app", name: bad), now: now) }
        }
    }

    @Test func aNewPasswordFollowsTheRulesAndClearsMustChange() throws {
        let policy = SignInPolicy()
        #expect(policy.problem(withNewPassword: "short1A", current: "x") != nil)
        #expect(policy.problem(withNewPassword: "alllowercase", current: "x") != nil)
        #expect(policy.problem(withNewPassword: "Same-Pass-1", current: "Same-Pass-1") != nil)
        #expect(policy.problem(withNewPassword: "Good-Pass-1", current: "x") == nil)
        var tenant = AccountFixture.tenant()
        let hash = PasswordHash.make(password: "Good-Pass-1", iterations: 10, random: SeededRandomSource(seed: 1))
        _ = try tenant.apply(.setPassword(userId: "dee", password: hash), now: now)
        #expect(tenant.users[3].forceChangePasswordNextSignIn == nil)
        #expect(tenant.users[3].password.verify("Good-Pass-1"))
    }

    @Test func lockoutsDoubleUpToADay() {
        let policy = SignInPolicy()
        #expect((1...4).map(policy.lockoutSeconds(forLockout:)) == [60, 120, 240, 480])
        #expect(policy.lockoutSeconds(forLockout: 64) == SignInPolicy.longestLockoutSeconds)
    }
}
