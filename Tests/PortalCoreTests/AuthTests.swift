import Foundation
import Testing
@testable import PortalCore

@Suite("Passwords and sign-in")
struct AuthTests {
    @Test func pbkdf2MatchesRFC7914Vector() {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1, dkLen=64.
        let key = PasswordHash.derive(password: "passwd", salt: Array("salt".utf8), iterations: 1, length: 64)
        let hex = key.map { String(format: "%02x", $0) }.joined()
        #expect(hex.hasPrefix("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"))
    }

    @Test func verifiesOnlyTheRightPassword() {
        let hash = PasswordHash.make(password: "Correct horse 1", iterations: 1_000, random: SeededRandomSource(seed: 3))
        #expect(hash.iterations == 1_000)
        #expect(hash.algorithm == "PBKDF2-HMAC-SHA256")
        #expect(hash.verify("Correct horse 1"))
        #expect(!hash.verify("correct horse 1"))
        #expect(!hash.verify(""))
    }

    @Test func saltMakesHashesDiffer() {
        let random = SeededRandomSource(seed: 5)
        let first = PasswordHash.make(password: "same", iterations: 100, random: random)
        let second = PasswordHash.make(password: "same", iterations: 100, random: random)
        #expect(first.salt != second.salt)
        #expect(first.hash != second.hash)
    }

    @Test func theStoredIterationCountIsUsed() {
        var hash = PasswordHash.make(password: "pw", iterations: 500, random: SeededRandomSource(seed: 9))
        hash.iterations = 501
        #expect(!hash.verify("pw"))
    }

    @Test func realAccountsDefaultToTheOWASPFloor() {
        #expect(PasswordHash.recommendedIterations == 600_000)
    }

    @Test func authenticatorOutcomes() throws {
        let user = User(id: "u1", userPrincipalName: "Ann@Contoso.com", displayName: "Ann", groups: [], mfaMethods: [],
                        password: PasswordHash.make(password: "pw-1", iterations: 100, random: SeededRandomSource(seed: 1)))
        let tenant = Tenant(organization: Organization(id: "o", displayName: "O", themeColor: "#000000",
                                                       support: SupportContact(contactName: "", phoneNumber: "", emailAddress: "", websiteName: "", websiteUrl: "", additionalInformation: ""),
                                                       privacyStatementUrl: "", termsAndConditions: TermsAndConditions(title: "", summary: "", bodyText: "", version: 1), notifications: []),
                            groups: [], users: [user], managedDevices: [], compliancePolicies: [], mobileAppCategories: [],
                            mobileApps: [], mobileAppAssignments: [], appInstallStates: [])
        let authenticator = Authenticator()
        #expect(try authenticator.authenticate(userPrincipalName: " ann@contoso.com ", password: "pw-1", in: tenant).get().id == "u1")
        #expect(authenticator.authenticate(userPrincipalName: "ann@contoso.com", password: "pw-2", in: tenant) == .failure(.invalidCredentials))
        #expect(authenticator.authenticate(userPrincipalName: "bob@contoso.com", password: "pw-1", in: tenant) == .failure(.invalidCredentials))
        #expect(authenticator.authenticate(userPrincipalName: "", password: "pw-1", in: tenant) == .failure(.emptyUserName))
        #expect(authenticator.authenticate(userPrincipalName: "ann@contoso.com", password: "", in: tenant) == .failure(.emptyPassword))
    }
}

@Suite("Support types")
struct SupportTests {
    @Test func versionsCompareNumerically() {
        #expect(VersionNumber("10.0")! > VersionNumber("9.9")!)
        #expect(VersionNumber("17")! == VersionNumber("17.0.0")!)
        #expect(VersionNumber("10.0.19045")! < VersionNumber("10.0.22631")!)
        #expect(VersionNumber("abc") == nil)
    }

    @Test func virtualClockMovesOnlyWhenTold() {
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 100))
        #expect(clock.now() == Date(timeIntervalSince1970: 100))
        clock.advance(by: 60)
        #expect(clock.now() == Date(timeIntervalSince1970: 160))
    }

    @Test func sequentialIdsAndSeededRandomAreRepeatable() {
        let ids = SequentialIdGenerator(prefix: "dev")
        #expect([ids.next(), ids.next()] == ["dev-1", "dev-2"])
        #expect(SeededRandomSource(seed: 42).bytes(count: 8) == SeededRandomSource(seed: 42).bytes(count: 8))
    }

    @Test func hexColors() {
        #expect(ColorText.rgb("#0078d4")! == (0, 120, 212))
        #expect(ColorText.rgb("0078d4") == nil)
        #expect(ColorText.rgb("#0078g4") == nil)
        #expect(ColorText.rgb("#+12345") == nil)
    }
}

@Suite("Sign-in cost")
struct SignInCostTests {
    private func tenant(iterations: [Int]) -> Tenant {
        let users = iterations.enumerated().map { index, count in
            User(id: "u\(index)", userPrincipalName: "user\(index)@contoso.com", displayName: "User \(index)", groups: [], mfaMethods: [],
                 password: PasswordHash(iterations: count, salt: "c2FsdHNhbHRzYWx0", hash: "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g="))
        }
        return Tenant(organization: Organization(id: "o", displayName: "O", themeColor: "#000000",
                                                 support: SupportContact(contactName: "", phoneNumber: "", emailAddress: "", websiteName: "", websiteUrl: "", additionalInformation: ""),
                                                 privacyStatementUrl: "", termsAndConditions: TermsAndConditions(title: "", summary: "", bodyText: "", version: 1), notifications: []),
                      groups: [], users: users, managedDevices: [], compliancePolicies: [], mobileAppCategories: [],
                      mobileApps: [], mobileAppAssignments: [], appInstallStates: [])
    }

    /// An unknown account must cost what the most expensive account costs,
    /// not what the first one does, or timing tells which accounts exist.
    @Test func anUnknownAccountCostsTheMostExpensiveAccount() {
        #expect(Authenticator.decoyIterations(in: tenant(iterations: [100_000, 1_800_000, 600_000])) == 1_800_000)
        #expect(Authenticator.decoyIterations(in: tenant(iterations: [])) == PasswordHash.recommendedIterations)
        // A count the derivation refuses costs nothing for a known account, so it sets no floor either.
        #expect(Authenticator.decoyIterations(in: tenant(iterations: [200_000, Int.max])) == 200_000)
    }

    /// Counts above 2^32-1 trapped in the derivation; exactly 2^32-1 ran for
    /// hours. Out-of-range counts and lengths derive nothing, at once.
    @Test(arguments: [Int.max, 1 << 32, (1 << 32) - 1, 10_000_001, 0, -1, Int.min])
    func theDerivationNeverTrapsOrRunsUnbounded(_ iterations: Int) {
        #expect(PasswordHash.derive(password: "pw", salt: Array("salt".utf8), iterations: iterations).isEmpty)
        let hash = PasswordHash(iterations: iterations, salt: "c2FsdHNhbHRzYWx0", hash: "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=")
        #expect(!hash.verify("pw"))
        let tenant = tenant(iterations: [iterations])
        #expect(Authenticator().authenticate(userPrincipalName: "nobody@contoso.com", password: "pw", in: tenant) == .failure(.invalidCredentials))
        #expect(Authenticator().authenticate(userPrincipalName: "user0@contoso.com", password: "pw", in: tenant) == .failure(.invalidCredentials))
    }

    @Test func oversizedKeysAreNotDerived() {
        #expect(PasswordHash.derive(password: "pw", salt: [1], iterations: 1, length: 1 << 40).isEmpty)
        #expect(PasswordHash.derive(password: "pw", salt: [1], iterations: 1, length: 0).isEmpty)
        let huge = PasswordHash(iterations: 1, salt: "c2FsdA==", hash: Data(count: 4_096).base64EncodedString())
        #expect(!huge.verify("pw"))
    }
}
