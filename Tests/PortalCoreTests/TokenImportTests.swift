import Foundation
import Testing
@testable import PortalCore

@Suite("Hardware token import")
struct TokenImportTests {
    let now = AccountFixture.now

    func row(_ line: Int, _ upn: String, _ serial: String, secret: String = AccountFixture.secret, period: Int = 30) -> OathTokenRow {
        OathTokenRow(line: line, userPrincipalName: upn, serialNumber: serial, secret: secret, period: period,
                     manufacturer: "Token2", model: "")
    }

    @Test func importedTokensWaitForTheirUserAndActivateWithACode() throws {
        var tenant = AccountFixture.tenant()
        let summary = try tenant.importHardwareTokens([row(2, "CY@contoso.com", "T-1"), row(3, "dee@contoso.com", "T-2", period: 60)],
                                                      now: now, ids: SequentialIdGenerator(prefix: "tok"))
        #expect(summary == TokenImportSummary(tokens: 2, users: 2))
        #expect(summary.message.hasPrefix("Imported 2 hardware tokens for 2 users"))
        let token = try #require(tenant.user(principalName: "cy@contoso.com")?.mfaMethods.first)
        #expect(token.id == "tok-1")
        #expect(token.displayName == "Token T-1")
        #expect(token.status == .assigned && !token.canSignIn)
        #expect(token.manufacturer == "Token2" && token.model == nil)
        #expect(token.createdDateTime == now)
        #expect(tenant.user(principalName: "dee@contoso.com")?.mfaMethods.first?.timeIntervalInSeconds == 60)

        // Its user activates it with a code it showed ten minutes ago (Entra's first-use window).
        let old = AccountFixture.code(at: now, offset: -20)
        let result = try tenant.apply(.activateToken(userId: "cy", methodId: "tok-1", code: old), now: now)
        guard case let .code(.accepted, user, _) = result else { Issue.record("\(result)"); return }
        #expect(user.method(id: "tok-1")?.canSignIn == true)
        #expect(user.method(id: "tok-1")?.driftSteps == -20)
    }

    @Test func badRowsImportNothing() {
        var tenant = AccountFixture.tenant()
        let before = tenant
        var rows = [row(2, "cy@contoso.com", "T-1"), row(3, "nobody@contoso.com", "T-2"), row(4, "cy@contoso.com", "1"),
                    row(5, "cy@contoso.com", "T-5", secret: "MZXW6YTB")]
        #expect(throws: OathTokenCSV.Failure(problems: [
            .init(line: 3, message: "no user signs in as \"nobody@contoso.com\"; check the upn or add the user first"),
            .init(line: 4, message: "serial number \"1\" is already registered to ann@contoso.com; leave this line out or remove that token first"),
            .init(line: 5, message: "the secret key has 8 characters; a token's secret has 16 to 128"),
        ])) { try tenant.importHardwareTokens(rows, now: now) }
        #expect(tenant == before)

        // A user can hold only so many methods.
        rows = (0..<User.methodLimit).map { row($0 + 2, "cy@contoso.com", "S-\($0)") }
        #expect(throws: Never.self) { try tenant.importHardwareTokens(rows, now: now) }
        let more = tenant
        #expect(throws: OathTokenCSV.Failure.self) { try tenant.importHardwareTokens([row(2, "cy@contoso.com", "S-extra")], now: now) }
        #expect(tenant == more)
    }

    @Test func longSerialsStillMakeAName() {
        let serial = String(repeating: "9", count: 40)
        #expect(Tenant.tokenName(serial: serial) == serial)
        #expect(Tenant.tokenName(serial: "4412") == "Token 4412")
        #expect(MfaMethod.problem(withName: Tenant.tokenName(serial: serial)) == nil)
    }
}
