import Foundation
import PortalCore

/// Registering an authenticator app or a programmable hardware token (choose
/// the kind, scan the code or copy the secret, type a code from it), or
/// activating a hardware token the organization imported (type a code). A
/// component: Security info hosts it, and so does the step that makes a user
/// who must use a second factor register one before anything else. The host
/// reads `finished` (the user as stored once the method counts) and
/// `cancelled`.
public struct MethodRegistrationState: Equatable, Sendable {
    public enum Step: Equatable, Sendable {
        case chooseKind, scan, verify
    }

    public enum Focus: Equatable, Sendable {
        case name, code, submit
    }

    /// The kinds a person can register here: both give codes from a secret the portal makes.
    public static let kinds: [MfaMethod.Kind] = [.softwareOath, .hardwareOath]
    /// Bytes of a new secret: 160 bits, as RFC 4226 recommends.
    public static let secretBytes = 20

    public internal(set) var user: User
    public var step: Step
    public internal(set) var kind: MfaMethod.Kind
    /// The new method's id and Base32 secret, drawn when registration starts;
    /// for an activation, the imported token's id and no secret.
    public let methodId: String
    let secret: String?
    /// `otpauth://totp/...`: what the QR code holds; nil for an activation.
    public let uri: String?
    /// Encoded once, at level M and at level L (a smaller symbol, for a
    /// smaller window), so a frame never runs the encoder.
    let qrCodes: [QRCode]
    public var name: TextFieldState
    public var code: TextFieldState
    public var focus: Focus
    public var message: String?
    public var isBusy = false
    /// The user as stored after the method was added or activated: the host closes the component.
    public var finished: User?
    /// The person backed out of the first step.
    public var cancelled = false
    /// False in the forced step after sign-in, where there is nothing to go back to.
    public var canCancel: Bool
    private var nameEdited = false
    private let createdAt: Date

    /// Starts registering a new method; the secret comes from `random`.
    public init(user: User, issuer: String, random: any RandomSource, now: Date, canCancel: Bool = true) {
        self.user = user
        self.canCancel = canCancel
        step = .chooseKind
        kind = .softwareOath
        methodId = Self.newId(random)
        let secret = Base32.encode(random.bytes(count: Self.secretBytes))
        self.secret = secret
        let uri = Self.otpauthURI(issuer: issuer, account: user.userPrincipalName, secret: secret, code: OneTimeCode())
        self.uri = uri
        qrCodes = [QRCode(text: uri, level: .medium), QRCode(text: uri, level: .low)].compactMap { $0 }
        name = TextFieldState(text: kind.title, limit: MfaMethod.nameLimit)
        code = TextFieldState(limit: 6)
        focus = .code
        createdAt = now
    }

    /// Activates an imported hardware token (status `assigned`) with a code from it.
    public init(activating method: MfaMethod, of user: User, canCancel: Bool = true) {
        self.user = user
        self.canCancel = canCancel
        step = .verify
        kind = method.methodType
        methodId = method.id
        secret = nil
        uri = nil
        qrCodes = []
        name = TextFieldState(text: method.displayName, limit: MfaMethod.nameLimit)
        code = TextFieldState(limit: method.oneTimeCode.digits)
        focus = .code
        createdAt = method.createdDateTime ?? .distantPast
    }

    public var isActivation: Bool { secret == nil }

    /// Changes the kind chosen in the first step; the name follows unless the person typed one.
    mutating func choose(_ kind: MfaMethod.Kind) {
        self.kind = kind
        if !nameEdited { name = TextFieldState(text: kind.title, limit: MfaMethod.nameLimit) }
    }

    /// The method as it is stored once a code from it is right.
    var method: MfaMethod {
        let settings = OneTimeCode()
        return MfaMethod(id: methodId, methodType: kind, displayName: name.text.trimmingCharacters(in: .whitespaces),
                         secretKey: secret, hashFunction: settings.algorithm, digits: settings.digits,
                         timeIntervalInSeconds: settings.period, createdDateTime: createdAt)
    }

    /// The secret as a person copies it by hand ("ABCD EFGH ..."); nil for an activation.
    public var groupedSecret: String? { secret.map(Base32.grouped) }

    /// A key-uri (Google Authenticator's format, which apps and token
    /// programmers read): label "issuer:account" and the issuer again as a
    /// parameter, each percent-encoded.
    public static func otpauthURI(issuer: String, account: String, secret: String, code: OneTimeCode) -> String {
        let label = percentEncoded(issuer) + ":" + percentEncoded(account)
        return "otpauth://totp/\(label)?secret=\(secret)&issuer=\(percentEncoded(issuer))"
            + "&algorithm=\(code.algorithm.uriName)&digits=\(code.digits)&period=\(code.period)"
    }

    /// Everything but RFC 3986's unreserved characters is encoded, so a ":",
    /// "&" or "?" in an organization's name cannot end the label or a parameter.
    static func percentEncoded(_ text: String) -> String {
        var unreserved = CharacterSet(charactersIn: "-._~")
        unreserved.formUnion(CharacterSet(charactersIn: "a"..."z"))
        unreserved.formUnion(CharacterSet(charactersIn: "A"..."Z"))
        unreserved.formUnion(CharacterSet(charactersIn: "0"..."9"))
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// A random id in the GUID form Graph uses for method ids.
    static func newId(_ random: any RandomSource) -> String {
        let hex = random.bytes(count: 16).map { String(format: "%02x", $0) }.joined()
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }
}

enum MethodRegistration {
    // MARK: - Update

    static func update(_ state: inout MethodRegistrationState, _ message: Message) -> [Effect] {
        switch message {
        case let .input(.key(key)):
            return handle(key, &state)
        case let .input(.paste(text)):
            guard !state.isBusy, state.step == .verify else { return [] }
            for character in text where !character.isNewline { type(.character(character), &state) }
            return []
        case let .accountChanged(result):
            guard state.isBusy else { return [] }
            state.isBusy = false
            switch result {
            case let .code(.accepted, user, _):
                state.finished = user
            case let .code(outcome, user, _):
                state.user = user
                state.message = outcome.message
                state.code = TextFieldState(limit: state.code.limit)
                state.focus = .code
            case let .user(user):
                state.user = user
            case .signInFailed:
                break
            }
            return []
        case let .accountChangeFailed(text):
            guard state.isBusy else { return [] }
            state.isBusy = false
            state.message = text
            return []
        default:
            return []
        }
    }

    static func keymap(_ state: MethodRegistrationState) -> Keymap {
        switch state.step {
        case .chooseKind: state.canCancel ? Keymaps.chooseMethodKind : Keymaps.chooseMethodKind.without(.back)
        case .scan: Keymaps.scanMethod
        case .verify: state.isActivation && !state.canCancel ? Keymaps.verifyMethod.without(.back) : Keymaps.verifyMethod
        }
    }

    private static func handle(_ key: Key, _ state: inout MethodRegistrationState) -> [Effect] {
        guard !state.isBusy else { return [] }
        let action = keymap(state).action(for: key)
        switch state.step {
        case .chooseKind:
            switch action {
            case .moveUp?: state.choose(MethodRegistrationState.kinds[0])
            case .moveDown?: state.choose(MethodRegistrationState.kinds[1])
            case .submit?: state.step = .scan
            case .back?: if state.canCancel { state.cancelled = true }
            default: break
            }
        case .scan:
            switch action {
            case .submit?: state.step = .verify; state.focus = .code
            case .back?: state.step = .chooseKind
            default: break
            }
        case .verify:
            switch action {
            case .nextField?: state.focus = next(state.focus, state)
            case .previousField?: state.focus = previous(state.focus, state)
            case .submit?:
                // From the name, Enter goes on to the code, unless the code is typed already.
                if state.focus == .name, state.code.text.count < state.code.limit { state.focus = .code } else { return submit(&state) }
            case .back?:
                if state.isActivation {
                    if state.canCancel { state.cancelled = true }
                } else {
                    state.step = .scan
                }
                state.message = nil
            default:
                type(key, &state)
            }
        }
        return []
    }

    /// Keys type into the focused field; the code field takes digits only.
    private static func type(_ key: Key, _ state: inout MethodRegistrationState) {
        switch state.focus {
        case .name:
            if state.name.handle(key) { state.message = nil; state.nameEditedByPerson() }
        case .code:
            if case let .character(character) = key, !(character.isASCII && character.isNumber) { return }
            if state.code.handle(key) { state.message = nil }
        case .submit:
            break
        }
    }

    private static func submit(_ state: inout MethodRegistrationState) -> [Effect] {
        let digits = state.code.limit
        guard state.code.text.count == digits else {
            state.message = "Type the \(digits)-digit code your \(state.isActivation ? "token" : "app or token") shows now."
            state.focus = .code
            return []
        }
        if !state.isActivation, let problem = MfaMethod.problem(withName: state.name.text.trimmingCharacters(in: .whitespaces)) {
            state.message = problem
            state.focus = .name
            return []
        }
        state.isBusy = true
        state.message = nil
        let userId = state.user.id
        if state.isActivation {
            return [.changeAccount(.activateToken(userId: userId, methodId: state.methodId, code: state.code.text))]
        }
        return [.changeAccount(.addMethod(userId: userId, method: state.method, code: state.code.text))]
    }

    private static func fields(_ state: MethodRegistrationState) -> [MethodRegistrationState.Focus] {
        state.isActivation ? [.code, .submit] : [.name, .code, .submit]
    }

    private static func next(_ focus: MethodRegistrationState.Focus, _ state: MethodRegistrationState) -> MethodRegistrationState.Focus {
        let order = fields(state)
        return order[((order.firstIndex(of: focus) ?? 0) + 1) % order.count]
    }

    private static func previous(_ focus: MethodRegistrationState.Focus, _ state: MethodRegistrationState) -> MethodRegistrationState.Focus {
        let order = fields(state)
        return order[((order.firstIndex(of: focus) ?? 0) + order.count - 1) % order.count]
    }

    // MARK: - Layout shared by view and mouse

    struct Layout {
        let rect: Rect
        var titleRow: Int { rect.y }
        var kindRows: Range<Int> { (rect.y + 2)..<(rect.y + 2 + MethodRegistrationState.kinds.count) }
        var nameRow: Int { rect.y + 2 }
        var codeRow: Int { rect.y + 4 }
        var buttonRow: Int { rect.y + 6 }
        var messageRow: Int { rect.y + 7 }
        var labelWidth: Int { 8 }
        var fieldX: Int { rect.x + 3 }
        var fieldWidth: Int { min(MfaMethod.nameLimit + 2, rect.width - labelWidth - 6) }
    }

    /// A click on a kind chooses it; on a field focuses it; on the button submits.
    static func click(_ event: MouseEvent, _ state: inout MethodRegistrationState, in rect: Rect) -> [Effect] {
        guard event.kind == .click, !state.isBusy else { return [] }
        let layout = Layout(rect: rect)
        switch state.step {
        case .chooseKind:
            if layout.kindRows.contains(event.y) {
                let kind = MethodRegistrationState.kinds[event.y - layout.kindRows.lowerBound]
                // A click on the chosen kind goes on, as a double click opens a row.
                if kind == state.kind { state.step = .scan } else { state.choose(kind) }
            }
        case .scan:
            break
        case .verify:
            if event.y == layout.nameRow, !state.isActivation { state.focus = .name }
            if event.y == layout.codeRow { state.focus = .code }
            if event.y == layout.buttonRow, event.x >= layout.fieldX + layout.labelWidth {
                state.focus = .submit
                return submit(&state)
            }
        }
        return []
    }

    // MARK: - View

    static func view(_ state: MethodRegistrationState, in rect: Rect, localeIsUTF8: Bool, buffer: inout CellBuffer) {
        let layout = Layout(rect: rect)
        let x = rect.x + 1
        let what = state.kind == .hardwareOath ? "hardware token" : "authenticator app"
        switch state.step {
        case .chooseKind:
            buffer.write("Add a sign-in method: which kind?", x: x, y: layout.titleRow, role: .title)
            for (index, kind) in MethodRegistrationState.kinds.enumerated() {
                let chosen = kind == state.kind
                let line = (chosen ? "(•) " : "( ) ") + kind.title + "  " + description(of: kind)
                buffer.write((chosen ? "› " : "  ") + line, x: x, y: layout.kindRows.lowerBound + index,
                             role: chosen ? .selection : .text, clip: rect)
            }
            buffer.cursor = nil
        case .scan:
            scanView(state, in: rect, localeIsUTF8: localeIsUTF8, buffer: &buffer)
        case .verify:
            let title = state.isActivation
                ? "Activate \(state.name.text): type the code the token shows now."
                : "Type the code your \(what) shows now."
            buffer.write(title, x: x, y: layout.titleRow, role: .title, clip: rect)
            if !state.isActivation {
                Widgets.field(label: "Name", value: state.name.text, secret: false, focused: state.focus == .name,
                              cursor: state.name.cursor, x: layout.fieldX, y: layout.nameRow, labelWidth: layout.labelWidth,
                              fieldWidth: layout.fieldWidth, buffer: &buffer)
            }
            Widgets.field(label: "Code", value: state.code.text, secret: false, focused: state.focus == .code,
                          cursor: state.code.cursor, x: layout.fieldX, y: layout.codeRow, labelWidth: layout.labelWidth,
                          fieldWidth: state.code.limit + 1, buffer: &buffer)
            let label = state.isBusy ? "Checking…" : (state.isActivation ? "Activate" : "Add method")
            _ = Widgets.button(label, focused: state.focus == .submit, x: layout.fieldX + layout.labelWidth - 2,
                               y: layout.buttonRow, buffer: &buffer)
            if state.focus == .submit { buffer.cursor = nil }
            if let message = state.message {
                for (index, line) in TextWidth.wrap("✗ " + message, width: rect.width - 2).prefix(2).enumerated() {
                    buffer.write(line, x: x, y: layout.messageRow + index, role: .error, clip: rect)
                }
            }
        }
    }

    private static func description(of kind: MfaMethod.Kind) -> String {
        kind == .hardwareOath ? "a token you program with its app" : "an app on your phone"
    }

    /// What the scan step shows below the code: the secret, then the URI.
    private static func textLines(_ state: MethodRegistrationState, width: Int) -> [String] {
        guard let secret = state.groupedSecret, let uri = state.uri else { return [] }
        return TextWidth.wrap("Can't scan it? Type this secret: " + secret, width: width)
            + TextWidth.wrap("Or use this link: " + uri, width: width)
    }

    /// The QR code of the URI when the window holds it, else one line saying
    /// how large it must be; the text secret is shown either way.
    private static func scanView(_ state: MethodRegistrationState, in rect: Rect, localeIsUTF8: Bool,
                                 buffer: inout CellBuffer) {
        let x = rect.x + 1
        let textWidth = rect.width - 2
        let scanner = state.kind == .hardwareOath ? "the app that programs your hardware token" : "your authenticator app"
        buffer.write("Scan this code with \(scanner), then press Enter.", x: x, y: rect.y, role: .title, clip: rect)
        let text = textLines(state, width: textWidth)
        var row = rect.y + 1
        if let smallest = state.qrCodes.last {
            // The title, the text and a line for the notice stay; the code takes what is left.
            let room = Size(width: textWidth, height: rect.height - 2 - text.count)
            // Level M with the widest quiet zone that fits, else L, as QRCodeView.fit chooses.
            let fitting = state.qrCodes.lazy.compactMap { code in
                QRCodeView.quietZone(for: code, fitting: room).map { (code, $0) }
            }.first
            if !localeIsUTF8 {
                buffer.write("The QR code needs a UTF-8 terminal; type the secret instead.", x: x, y: row, role: .warning, clip: rect)
                row += 1
            } else if let (code, zone) = fitting {
                if case let .drawn(frame) = Widgets.qrCode(code, x: x, y: row, quietZone: zone, clip: rect, buffer: &buffer) {
                    row = frame.maxY
                }
            } else {
                let needs = QRCodeView.cellSize(of: smallest, quietZone: QRCodeView.minimumQuietZone)
                // The host's chrome around `rect` stays as it is: ask for the window that gives the rect enough.
                let width = buffer.size.width + max(0, needs.width + 2 - rect.width)
                let height = buffer.size.height + max(0, needs.height + 2 + text.count - rect.height)
                buffer.write("Make the window at least \(width)x\(height) to show the QR code.", x: x, y: row, role: .warning, clip: rect)
                row += 1
            }
        }
        for line in text {
            buffer.write(line, x: x, y: row, role: .text, clip: rect)
            row += 1
        }
        buffer.cursor = nil
    }
}

extension MethodRegistrationState {
    fileprivate mutating func nameEditedByPerson() { nameEdited = true }
}
