import Foundation
import PortalCore
import PortalStore

/// The sign-in form: work account and password.
public struct SignInState: Equatable, Sendable {
    public enum Focus: Equatable, Sendable {
        case userName, password, signIn
    }

    public var userName = TextFieldState.workAccount()
    public var password = TextFieldState.password()
    public var focus: Focus = .userName
    public var message: String?
    public var isBusy = false
    /// The account named is locked until then; the form counts down.
    public var lockedUntil: Date?

    public init(userName: String = "") { self.userName = TextFieldState.workAccount(userName) }

    /// Typed text would be lost by quitting.
    public var hasUnsavedInput: Bool { !userName.text.isEmpty || !password.text.isEmpty }
}

enum SignInScreen {
    static func update(_ state: inout SignInState, _ message: Message, size: Size) -> [Effect] {
        switch message {
        case let .input(.key(key)):
            return handle(key, &state)
        case let .input(.paste(text)):
            paste(text, &state)
            return []
        case let .input(.mouse(event)) where event.kind == .click:
            return click(event, size: size, &state)
        case let .signInChecked(.failed(failure)):
            state.isBusy = false
            state.message = failure.message
            if case let .locked(until) = failure {
                state.lockedUntil = until
                state.message = nil
                state.password = TextFieldState.password()
                state.focus = .password
            } else if failure == .emptyUserName {
                state.focus = .userName
            } else {
                state.password = TextFieldState.password()
                state.focus = .password
            }
            return []
        default:
            return []
        }
    }

    private static func handle(_ key: Key, _ state: inout SignInState) -> [Effect] {
        guard !state.isBusy else { return [] }
        switch Keymaps.signIn.action(for: key) {
        case .nextField?:
            state.focus = next(state.focus)
        case .previousField?:
            state.focus = previous(state.focus)
        case .submit?:
            if state.focus == .userName && state.password.text.isEmpty {
                state.focus = .password
            } else {
                return submit(&state)
            }
        default:
            // Unbound keys type; bound editing keys edit.
            switch state.focus {
            case .userName:
                if state.userName.handle(key) { state.message = nil }
            case .password:
                if state.password.handle(key) { state.message = nil }
            case .signIn:
                if key == .character(" ") { return submit(&state) }
            }
        }
        return []
    }

    /// Pasted text types into the focused field; line breaks and other
    /// controls are dropped rather than pressing Enter or Tab.
    private static func paste(_ text: String, _ state: inout SignInState) {
        guard !state.isBusy else { return }
        for character in text where !character.unicodeScalars.contains(where: InertText.isUnsafe) {
            switch state.focus {
            case .userName: _ = state.userName.handle(.character(character))
            case .password: _ = state.password.handle(.character(character))
            case .signIn: return
            }
        }
        state.message = nil
    }

    private static func submit(_ state: inout SignInState) -> [Effect] {
        state.isBusy = true
        state.message = nil
        return [.authenticate(userPrincipalName: state.userName.text, password: state.password.text)]
    }

    private static func next(_ focus: SignInState.Focus) -> SignInState.Focus {
        switch focus {
        case .userName: .password
        case .password: .signIn
        case .signIn: .userName
        }
    }

    private static func previous(_ focus: SignInState.Focus) -> SignInState.Focus {
        switch focus {
        case .userName: .signIn
        case .password: .userName
        case .signIn: .password
        }
    }

    // MARK: - Layout shared by view and mouse

    struct Layout {
        let form: Rect
        var userNameRow: Int { form.y + 4 }
        var passwordRow: Int { form.y + 6 }
        var buttonRow: Int { form.y + 8 }
        var labelWidth: Int { 15 }
        var fieldWidth: Int { form.width - 7 - labelWidth }
        var fieldX: Int { form.x + 4 + labelWidth }
        var buttonX: Int { fieldX }

        init(size: Size) {
            let width = min(64, size.width - 4)
            form = Rect(x: (size.width - width) / 2, y: 2, width: width, height: 12)
        }
    }

    private static func click(_ event: MouseEvent, size: Size, _ state: inout SignInState) -> [Effect] {
        guard !state.isBusy else { return [] }
        let layout = Layout(size: size)
        if event.y == layout.userNameRow && event.x >= layout.form.x { state.focus = .userName }
        else if event.y == layout.passwordRow && event.x >= layout.form.x { state.focus = .password }
        else if event.y == layout.buttonRow && event.x >= layout.buttonX && event.x < layout.buttonX + 12 {
            state.focus = .signIn
            return submit(&state)
        }
        return []
    }

    // MARK: - View

    /// "123 456", "1234 5678": codes are read in two halves.
    static func spaced(_ code: String) -> String {
        let half = code.count / 2
        return String(code.prefix(half)) + " " + String(code.dropFirst(half))
    }

    /// "in 45 s", "in 1 min 30 s": a lockout is short, so seconds count.
    static func countdown(to date: Date, now: Date) -> String {
        let seconds = max(0, Int(min(date.timeIntervalSince(now), 1e9).rounded(.up)))
        if seconds < 60 { return "in \(seconds) s" }
        if seconds < 3_600 { return "in \(seconds / 60) min" + (seconds % 60 > 0 ? " \(seconds % 60) s" : "") }
        return PortalContext.relative(date, now: now)
    }

    static func view(_ state: SignInState, context: PortalContext, now: Date, buffer: inout CellBuffer) {
        let size = buffer.size
        let layout = Layout(size: size)
        let organization = context.organization
        // While the store loads the organization is not known yet: the form
        // is usable at once, and it names no organization until it is.
        let name = context.isLoading ? nil : organization.displayName
        Widgets.header(left: " " + (name.map { "\($0)  " } ?? "") + "Company Portal", right: nil, width: size.width, buffer: &buffer)

        Widgets.box(layout.form, title: "Sign in", fill: .text, in: &buffer)
        let inner = layout.form.x + 2
        buffer.write("Sign in with your " + (name.map { "\($0) " } ?? "") + "work account.", x: inner, y: layout.form.y + 2,
                     role: .text, clip: layout.form.inset(by: 1))
        Widgets.field(label: "Work account", value: state.userName.text, secret: false, focused: state.focus == .userName,
                      cursor: state.userName.cursor, x: inner + 2, y: layout.userNameRow, labelWidth: layout.labelWidth,
                      fieldWidth: layout.fieldWidth, buffer: &buffer)
        Widgets.field(label: "Password", value: state.password.text, secret: true, focused: state.focus == .password,
                      cursor: state.password.cursor, x: inner + 2, y: layout.passwordRow, labelWidth: layout.labelWidth,
                      fieldWidth: layout.fieldWidth, buffer: &buffer)
        _ = Widgets.button(state.isBusy ? "Signing in…" : "Sign in", focused: state.focus == .signIn,
                           x: layout.buttonX, y: layout.buttonRow, buffer: &buffer)
        if state.focus == .signIn { buffer.cursor = nil }
        var shownMessage = state.message
        if let until = state.lockedUntil, until > now {
            shownMessage = "Your account is locked after too many failed sign-ins. Try again at \(context.time(until)) (\(countdown(to: until, now: now)))."
        }
        if let message = shownMessage {
            let lines = TextWidth.wrap("✗ " + message, width: layout.form.width - 4)
            for (index, line) in lines.prefix(2).enumerated() {
                buffer.write(line, x: inner, y: layout.buttonRow + 1 + index, role: .error)
            }
        }

        var row = layout.form.maxY
        if context.isLoading {
            buffer.write("Loading your organization…", x: layout.form.x, y: row, role: .dim)
        } else if context.isDemo {
            let codes = context.demoAccounts.contains { $0.codeMethod != nil }
            buffer.write("Demo organization: sign in with any of these accounts" + (codes ? " (and code)." : "."),
                         x: layout.form.x, y: row, role: .accent)
            row += 1
            // The locale notice's row is free when there is no notice.
            let available = size.height - (context.localeIsUTF8 ? 1 : 2) - row
            let screen = Rect(x: 0, y: 0, width: size.width, height: size.height)
            for account in context.demoAccounts.prefix(max(0, available)) {
                // Codes get a column of their own, so names stay in line.
                let codeWidth = codes ? 9 : 0
                var extra = TextWidth.pad("", to: codeWidth) + account.displayName
                if let method = account.codeMethod, let secret = method.secret {
                    extra = TextWidth.pad(spaced(method.oneTimeCode.code(secret: secret, at: now)), to: codeWidth) + account.displayName
                } else if let note = account.note {
                    extra = TextWidth.pad("", to: codeWidth) + note
                }
                let line = TextWidth.pad(account.userPrincipalName, to: 26) + "  " + TextWidth.pad(account.password, to: 17) + "  " + extra
                buffer.write(line, x: layout.form.x, y: row, role: .dim, clip: screen)
                row += 1
            }
        } else if !context.hasAccounts {
            buffer.write("This organization has no accounts yet. Ask your IT department.", x: layout.form.x, y: row, role: .warning)
        }

        Widgets.localeNotice(context, y: size.height - 2, buffer: &buffer)
        Widgets.hintBar(Keymaps.signIn.hints, y: size.height - 1, width: size.width, buffer: &buffer)
    }
}
