import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// Drives PortalApp.update on a signed-in user and performs the account
/// changes it asks for against an in-memory directory, as the runtime does.
private final class SecurityHarness {
    var state: AppState
    let context: PortalContext
    let directory: InMemoryDirectory
    let now = testNow
    /// Every effect update asked for, in order.
    var effects: [Effect] = []
    /// What the screen showed after each message.
    var screens: [String] = []
    /// Whether changePassword is performed (false leaves it pending, to see "Changing…").
    var performsPasswordChange = true

    init(_ tenant: Tenant, userId: String, size: Size = Size(width: 100, height: 30)) {
        directory = InMemoryDirectory(tenant)
        var context = PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!)
        context.random = SeededRandomSource(seed: 8)
        self.context = context
        let user = tenant.users.first { $0.id == userId }!
        state = AppState(size: size, now: testNow, screen: .portal(PortalState(data: UserPortalData(user: user, tenant: tenant))))
    }

    var portal: PortalState {
        guard case let .portal(portal) = state.screen else { fatalError("not signed in") }
        return portal
    }

    var security: SecurityInfoState { portal.security }
    var screen: String { PortalApp.view(state, context: context).text }
    var stored: User { directory.tenant.user(id: portal.user.id)! }

    func send(_ message: Message) {
        var queue = [message]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in PortalApp.update(&state, next, context: context) {
                effects.append(effect)
                if let result = perform(effect) { queue.append(result) }
            }
            screens.append(screen)
        }
    }

    func press(_ keys: Key...) { for key in keys { send(.input(.key(key))) } }
    func type(_ text: String) { for character in text { send(.input(.key(.character(character)))) } }

    private func perform(_ effect: Effect) -> Message? {
        switch effect {
        case let .changeAccount(change):
            return apply(change)
        case let .changePassword(userId, current, new):
            guard performsPasswordChange else { return nil }
            guard directory.tenant.user(id: userId)?.password.verify(current) == true else {
                return .accountChangeFailed("The current password is not right. Type it again.")
            }
            return apply(.setPassword(userId: userId, password: PasswordHash.make(password: new, iterations: 10,
                                                                                   random: SeededRandomSource(seed: 3))))
        default:
            return nil
        }
    }

    private func apply(_ change: AccountChange) -> Message {
        do {
            return .accountChanged(try directory.perform(change, now: now))
        } catch let error as AccountChangeError {
            return .accountChangeFailed(error.message)
        } catch {
            return .accountChangeFailed("\(error)")
        }
    }
}

@Suite("Security info")
struct SecurityInfoTests {
    static let appSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    static let tokenSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

    /// Adele with MFA enforced and one authenticator app, or none.
    static func tenant(methods: [MfaMethod] = [app()]) -> Tenant {
        var tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
        let index = tenant.users.firstIndex { $0.id == "usr-adele" }!
        tenant.users[index].perUserMfaState = .enforced
        tenant.users[index].mfaMethods = methods
        tenant.users[index].preferredMfaMethodId = methods.first?.id
        return tenant
    }

    static func app(id: String = "m-app", name: String = "Phone app") -> MfaMethod {
        MfaMethod(id: id, methodType: .softwareOath, displayName: name, secretKey: appSecret, hashFunction: .sha1, digits: 6,
                  timeIntervalInSeconds: 30, createdDateTime: testNow.addingTimeInterval(-86_400))
    }

    static func importedToken() -> MfaMethod {
        MfaMethod(id: "m-token", methodType: .hardwareOath, displayName: "OATH token 77", secretKey: tokenSecret,
                  hashFunction: .sha1, digits: 6, timeIntervalInSeconds: 30, status: .assigned, serialNumber: "77")
    }

    static func code(_ secret: String, at date: Date = testNow) -> String {
        OneTimeCode().code(secret: Base32.decode(secret)!, at: date)
    }

    /// A six-digit code that is not the right one now, nor a step either side.
    static func wrongCode(_ secret: String) -> String {
        let near = Set((-2...2).map { code(secret, at: testNow.addingTimeInterval(Double($0 * 30))) })
        return (0...9).map { String(repeating: String($0), count: 6) }.first { !near.contains($0) }!
    }

    private func openSecurity(_ tenant: Tenant = tenant()) -> SecurityHarness {
        let harness = SecurityHarness(tenant, userId: "usr-adele")
        harness.press(.character("4"))
        return harness
    }

    @Test func theListShowsMethodsDefaultAndState() {
        let harness = openSecurity(Self.tenant(methods: [Self.app(), Self.importedToken()]))
        let screen = harness.screen
        #expect(screen.contains("[ 4 Security info ]"))
        #expect(screen.contains("Sign-in methods (2)"))
        #expect(screen.contains("Your organization requires a second sign-in step."))
        #expect(screen.contains("Phone app"))
        #expect(screen.contains("✓ Default"))
        #expect(screen.contains("Not activated"))
        #expect(screen.contains("never"))
        #expect(screen.contains("2026-11-21"))
    }

    @Test func anEmptyListSaysWhatToDo() {
        var tenant = Self.tenant(methods: [])
        tenant.users[tenant.users.firstIndex { $0.id == "usr-adele" }!].perUserMfaState = .disabled
        let harness = openSecurity(tenant)
        #expect(harness.screen.contains("No sign-in methods yet. Press a to add"))
        #expect(harness.screen.contains("does not require a second sign-in step"))
    }

    @Test func addingAnAppTakesAWrongCodeThenTheRightOne() throws {
        let harness = openSecurity()
        harness.press(.character("a"))
        harness.press(.down, .up, .enter)
        guard case let .register(registration)? = harness.security.mode else { Issue.record("not registering"); return }
        let secret = try #require(registration.secret)
        #expect(Base32.decode(secret)?.count == 20)
        #expect(registration.uri == "otpauth://totp/Contoso:adele.vance%40contoso.com?secret=\(secret)"
                + "&issuer=Contoso&algorithm=SHA1&digits=6&period=30")
        // The can't-scan path: the secret in groups of four.
        #expect(harness.screen.contains(Base32.grouped(secret)))
        // The code field has the focus; the name is one field up.
        harness.press(.enter, .backTab, .control("u"))
        harness.type("Work phone")
        harness.press(.tab)
        harness.type(Self.wrongCode(secret))
        harness.press(.enter)
        guard case let .register(refused)? = harness.security.mode else { Issue.record("closed on a wrong code"); return }
        #expect(refused.message == CodeOutcome.wrong.message)
        #expect(harness.stored.mfaMethods.count == 1)
        // Letters never reach the code field.
        harness.type("12ab")
        guard case let .register(typed)? = harness.security.mode else { return }
        #expect(typed.code.text == "12")
        harness.press(.control("u"))
        harness.type(Self.code(secret))
        harness.press(.enter)
        #expect(harness.security.mode == nil)
        #expect(harness.stored.mfaMethods.map(\.displayName) == ["Phone app", "Work phone"])
        #expect(harness.portal.user == harness.stored)
        #expect(harness.screen.contains("Work phone was added."))
        // The secret is gone from the screen once the method counts.
        #expect(!harness.screen.contains(Base32.grouped(secret)))
    }

    @Test func aProgrammableTokenIsRegisteredAsAHardwareToken() throws {
        let harness = openSecurity()
        harness.press(.character("a"), .down, .enter)
        #expect(harness.screen.contains("Scan this code with the app that programs your hardware token"))
        guard case let .register(registration)? = harness.security.mode else { Issue.record("not registering"); return }
        let secret = try #require(registration.secret)
        harness.press(.enter)
        harness.type(Self.code(secret))
        harness.press(.enter)
        let added = try #require(harness.stored.mfaMethods.last)
        #expect(added.methodType == .hardwareOath && added.displayName == "Hardware token" && added.isActivated)
        #expect(added.secretKey == secret && added.createdDateTime == testNow)
    }

    @Test func anImportedTokenIsActivatedWithACode() {
        let harness = openSecurity(Self.tenant(methods: [Self.app(), Self.importedToken()]))
        harness.press(.down, .character("t"))
        harness.type(Self.code(Self.tokenSecret))
        harness.press(.enter)
        #expect(harness.security.mode == nil)
        #expect(harness.stored.method(id: "m-token")?.isActivated == true)
        #expect(harness.screen.contains("OATH token 77 is activated."))
        #expect(!harness.screen.contains("Not activated"))
    }

    @Test func renamingWritesTheNewName() {
        let harness = openSecurity()
        harness.press(.character("r"))
        #expect(harness.screen.contains("Rename method"))
        harness.press(.control("u"))
        harness.press(.enter)
        // The domain's rule is told, and nothing is written.
        guard case let .rename(rename)? = harness.security.mode else { Issue.record("closed"); return }
        #expect(rename.message == MfaMethod.problem(withName: ""))
        harness.type("Pixel 9")
        harness.press(.enter)
        #expect(harness.security.mode == nil)
        #expect(harness.stored.mfaMethods.first?.displayName == "Pixel 9")
        #expect(harness.screen.contains("Renamed to Pixel 9."))
    }

    @Test func theDefaultMovesToTheSelectedMethod() {
        let harness = openSecurity(Self.tenant(methods: [Self.app(), Self.app(id: "m-two", name: "Tablet app")]))
        harness.press(.down, .character("d"))
        #expect(harness.stored.preferredMfaMethodId == "m-two")
        #expect(harness.portal.user.defaultCodeMethod?.id == "m-two")
        #expect(harness.screen.contains("Tablet app is now your default sign-in method."))
        let row = harness.screen.split(separator: "\n").first { $0.contains("Tablet app") && !$0.contains("now your default") }
        #expect(row?.contains("✓ Default") == true)
    }

    @Test func theLastMethodIsNeverRemovedWhileMfaIsRequired() {
        let harness = openSecurity()
        // Refused at once: no question whose answer would be refused anyway.
        harness.press(.character("x"))
        #expect(!harness.screen.contains("Remove Phone app?"))
        #expect(harness.security.mode == nil)
        harness.press(.character("y"))
        #expect(harness.stored.mfaMethods.count == 1)
        #expect(harness.security.notice?.isError == true)
        #expect(harness.screen.contains("This is your only sign-in method and your organization requires one."))
    }

    @Test func aSecondMethodCanBeRemoved() {
        let harness = openSecurity(Self.tenant(methods: [Self.app(), Self.app(id: "m-two", name: "Tablet app")]))
        harness.press(.down, .delete, .tab, .enter)
        #expect(harness.stored.mfaMethods.map(\.id) == ["m-app"])
        #expect(harness.screen.contains("Tablet app was removed."))
        #expect(harness.security.list.selected == 0)
    }

    @Test func aPasswordChangeMeetsTheRulesFirst() {
        let harness = openSecurity()
        harness.performsPasswordChange = false
        harness.press(.character("p"))
        #expect(harness.screen.contains("Change your password"))
        // Enter moves on from a field; on the button it sends.
        harness.press(.backTab, .enter)
        guard case let .password(empty)? = harness.security.mode else { Issue.record("no form"); return }
        #expect(empty.message == "Type your current password.")
        harness.type("Contoso-Adele-1")
        harness.press(.tab)
        harness.type("short")
        harness.press(.tab)
        harness.type("short")
        harness.press(.enter)
        guard case let .password(weak)? = harness.security.mode else { return }
        #expect(weak.message == harness.context.organization.signIn.problem(withNewPassword: "short", current: "Contoso-Adele-1"))
        #expect(weak.focus == .new)
        harness.press(.control("u"))
        harness.type("Contoso-Adele-1")
        harness.press(.enter, .enter)
        guard case let .password(same)? = harness.security.mode else { return }
        #expect(same.message == "Choose a password different from the current one.")
        harness.press(.control("u"))
        harness.type("New-Password-22")
        harness.press(.tab, .control("u"))
        harness.type("New-Password-23")
        harness.press(.enter)
        guard case let .password(mismatch)? = harness.security.mode else { return }
        #expect(mismatch.message?.contains("do not match") == true)
        #expect(!harness.effects.contains { if case .changePassword = $0 { true } else { false } })
        harness.type("New-Password-22")
        harness.press(.enter)
        #expect(harness.effects.last == .changePassword(userId: "usr-adele", current: "Contoso-Adele-1", new: "New-Password-22"))
        #expect(harness.screen.contains("Changing…"))
        // A refusal is shown in one line and the current password is asked again.
        harness.send(.accountChangeFailed("The current password is not right. Type it again."))
        guard case let .password(refused)? = harness.security.mode else { return }
        #expect(refused.focus == .current && refused.current.text.isEmpty)
        #expect(harness.screen.contains("The current password is not right."))
    }

    @Test func aPasswordChangeIsWritten() {
        let harness = openSecurity()
        harness.press(.character("p"))
        harness.type("Contoso-Adele-1")
        harness.press(.tab)
        harness.type("New-Password-22")
        harness.press(.tab)
        harness.type("New-Password-22")
        harness.press(.enter)
        #expect(harness.security.mode == nil)
        #expect(harness.stored.password.verify("New-Password-22"))
        #expect(harness.screen.contains("Your password was changed."))
    }

    /// Secrets and hashes are never drawn, except the new secret while it is being registered.
    @Test func secretsAndHashesNeverReachTheScreen() throws {
        let harness = openSecurity(Self.tenant(methods: [Self.app(), Self.importedToken()]))
        harness.press(.character("r"), .escape, .character("d"), .character("x"), .escape, .character("p"), .escape)
        harness.press(.down, .character("t"), .escape)
        let before = harness.screens.count
        harness.press(.character("a"), .enter)
        guard case let .register(registration)? = harness.security.mode else { Issue.record("not registering"); return }
        let secret = try #require(registration.secret)
        let during = harness.screens.count
        harness.press(.enter)
        harness.type(Self.code(secret))
        harness.press(.enter)
        harness.press(.character("p"))
        harness.type("Contoso-Adele-1")
        harness.press(.tab)
        harness.type("New-Password-22")
        harness.press(.tab)
        harness.type("New-Password-22")
        harness.press(.enter)
        let user = harness.stored
        var forbidden = [Self.appSecret, Self.tokenSecret, Base32.grouped(Self.appSecret), Base32.grouped(Self.tokenSecret),
                         "Contoso-Adele-1", "New-Password-22"]
        for hash in [user.password, harness.directory.tenant.users[0].password] {
            forbidden += [hash.salt, hash.hash, String(hash.hash.prefix(12)), String(hash.salt.prefix(12))]
        }
        for (index, screen) in harness.screens.enumerated() {
            for text in forbidden { #expect(!screen.contains(text), "screen \(index) shows \(text)") }
            // The new secret only on the registration screens, before the method counts.
            let registering = index >= before && index <= during
            if !registering {
                #expect(!screen.contains(secret) && !screen.contains(Base32.grouped(secret)), "screen \(index) shows the new secret")
            }
        }
        #expect(harness.screens[during - 1].contains(Base32.grouped(secret)))
    }

    @Test func aClickSelectsARow() {
        let harness = openSecurity(Self.tenant(methods: [Self.app(), Self.app(id: "m-two", name: "Tablet app")]))
        let table = SecurityInfo.table(PortalLayout(size: harness.state.size))
        harness.send(.input(.mouse(MouseEvent(kind: .click, x: 5, y: table.y + 2))))
        #expect(harness.security.list.selected == 1)
    }

    @Test func theQRCodeNeedsItsRoomOrSaysHowMuch() {
        let harness = SecurityHarness(Self.tenant(), userId: "usr-adele", size: Size(width: 80, height: 24))
        harness.press(.character("4"), .character("a"), .enter)
        let screen = harness.screen
        guard case let .register(registration)? = harness.security.mode, let secret = registration.secret else {
            Issue.record("not registering"); return
        }
        #expect(screen.contains(Base32.grouped(secret)))
        if !registration.qrCodes.isEmpty { #expect(screen.contains("Make the window at least")) }
    }

    /// The code on the registration screen, read off the cells by a real decoder, is the URI.
    @Test func theRegistrationScreenScansToItsURI() throws {
        let harness = SecurityHarness(Self.tenant(), userId: "usr-adele", size: Size(width: 100, height: 40))
        harness.press(.character("4"), .character("a"), .enter)
        guard case let .register(registration)? = harness.security.mode else { Issue.record("not registering"); return }
        let buffer = PortalApp.view(harness.state, context: harness.context)
        var cells: [(x: Int, y: Int)] = []
        for y in 0..<buffer.size.height {
            for x in 0..<buffer.size.width where buffer[x, y].role == .qrCode { cells.append((x, y)) }
        }
        let xs = cells.map(\.x), ys = cells.map(\.y)
        let frame = try Rect(x: #require(xs.min()), y: #require(ys.min()), width: xs.max()! - xs.min()! + 1, height: ys.max()! - ys.min()! + 1)
        let modules = try QRCodeCells.modules(in: buffer, frame: frame)
        #expect(try Zbar.scan(PGM.image(modules, dark: 0, light: 255, pixelsPerModule: 8)) == registration.uri)
    }

    /// Through the runtime on a store file: a rename lands in the file, and
    /// a method another process removed meanwhile is said to be gone.
    @Test func changesGoThroughTheStoreFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-security-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try store.create(DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 100_000))
        let context = try PortalContext(directory: JSONDirectory(store: store), timeZone: TimeZone(identifier: "UTC")!)
        let size = Size(width: 80, height: 24)
        let runtime = PortalRuntime(context: context, clock: VirtualClock(start: testNow), size: size)
        runtime.send(.input(.resize(size)))
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("4"), .character("r"), .control("u"))
        runtime.type("Work iPhone")
        runtime.press(.enter)
        #expect(try store.load().user(id: "usr-adele")?.method(id: "mfa-adele-app")?.displayName == "Work iPhone")
        #expect(runtime.screenText.contains("Renamed to Work iPhone."))
        _ = try store.update { tenant in
            let index = tenant.users.firstIndex { $0.id == "usr-adele" }!
            tenant.users[index].mfaMethods.removeAll { $0.id == "mfa-adele-token" }
        }
        runtime.press(.down, .character("r"))
        runtime.type("2")
        runtime.press(.enter)
        #expect(runtime.screenText.contains("That method was removed meanwhile, perhaps from"))
        #expect(try store.load().user(id: "usr-adele")?.mfaMethods.map(\.displayName) == ["Work iPhone"])
    }

    /// In the step forced after sign-in there is nothing to go back to: Esc is neither offered nor obeyed.
    @Test func aForcedRegistrationOrPasswordChangeHasNoCancel() {
        let user = Self.tenant(methods: []).users.first { $0.id == "usr-adele" }!
        var registration = MethodRegistrationState(user: user, issuer: "Contoso", random: SeededRandomSource(seed: 4), now: testNow,
                                                   canCancel: false)
        #expect(MethodRegistration.keymap(registration).action(for: .escape) == nil)
        _ = MethodRegistration.update(&registration, .input(.key(.escape)))
        #expect(!registration.cancelled && registration.step == .chooseKind)
        var change = PasswordChangeState(userId: user.id, canCancel: false)
        #expect(!PasswordChange.keymap(change).hints.contains { $0.label == "Cancel" })
        _ = PasswordChange.update(&change, .input(.key(.escape)), policy: SignInPolicy())
        #expect(!change.cancelled)
        var cancellable = PasswordChangeState(userId: user.id)
        _ = PasswordChange.update(&cancellable, .input(.key(.escape)), policy: SignInPolicy())
        #expect(cancellable.cancelled)
    }

    @Test func theURIEncodesWhatCouldEndItsParts() {
        let uri = MethodRegistrationState.otpauthURI(issuer: "A&B: Co", account: "x@y.com", secret: "ABCD", code: OneTimeCode())
        #expect(uri == "otpauth://totp/A%26B%3A%20Co:x%40y.com?secret=ABCD&issuer=A%26B%3A%20Co&algorithm=SHA1&digits=6&period=30")
    }
}
