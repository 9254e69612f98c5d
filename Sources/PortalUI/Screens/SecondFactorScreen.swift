import Foundation
import PortalCore

/// The second sign-in step: a code from one of the user's methods.
public struct SecondFactorState: Equatable, Sendable {
    public enum Focus: Equatable, Sendable { case code, verify }

    public var user: User
    /// Which of the user's code methods is asked for.
    public var methodIndex: Int
    /// Digits and the spaces people type between groups.
    public var code = TextFieldState(limit: 12)
    public var focus: Focus = .code
    public var message: String?
    public var isBusy = false

    public init(user: User) {
        self.user = user
        let methods = user.codeMethods
        methodIndex = methods.firstIndex { $0.id == user.defaultCodeMethod?.id } ?? 0
    }

    public var methods: [MfaMethod] { user.codeMethods }
    public var method: MfaMethod? { methods.indices.contains(methodIndex) ? methods[methodIndex] : nil }
}

enum SecondFactorScreen {
    /// What update returns besides effects: a request to go back to the form.
    enum Exit { case stay, cancel }

    static func keymap(_ state: SecondFactorState) -> Keymap {
        Keymaps.secondFactor(otherMethods: state.methods.count > 1)
    }

    static func update(_ state: inout SecondFactorState, _ message: Message, size: Size) -> (effects: [Effect], exit: Exit) {
        switch message {
        case let .input(.key(key)):
            return handle(key, &state)
        case let .input(.paste(text)):
            guard !state.isBusy, state.focus == .code else { return ([], .stay) }
            for character in text where character.isASCII && (character.isNumber || character == " ") {
                _ = state.code.handle(.character(character))
            }
            state.message = nil
        case let .input(.mouse(event)) where event.kind == .click:
            guard !state.isBusy else { return ([], .stay) }
            let layout = SignInScreen.Layout(size: size)
            if event.y == layout.passwordRow { state.focus = .code }
            if event.y == layout.buttonRow && event.x >= layout.buttonX && event.x < layout.buttonX + 12 { return (submit(&state), .stay) }
        case let .signInChecked(.failed(failure)):
            state.isBusy = false
            state.message = failure.message
            state.code = TextFieldState(limit: state.code.limit)
            state.focus = .code
        default:
            break
        }
        return ([], .stay)
    }

    private static func handle(_ key: Key, _ state: inout SecondFactorState) -> (effects: [Effect], exit: Exit) {
        guard !state.isBusy else { return ([], .stay) }
        switch keymap(state).action(for: key) {
        case .nextField?, .previousField?:
            state.focus = state.focus == .code ? .verify : .code
        case .submit?:
            return (submit(&state), .stay)
        case .back?:
            return ([], .cancel)
        case .otherMethod?:
            guard state.methods.count > 1 else { break }
            state.methodIndex = (state.methodIndex + 1) % state.methods.count
            state.message = nil
        default:
            if state.focus == .code {
                // Only digits and spaces type: a code has nothing else.
                if case let .character(character) = key, !(character.isASCII && (character.isNumber || character == " ")) { break }
                if state.code.handle(key) { state.message = nil }
            } else if key == .character(" ") {
                return (submit(&state), .stay)
            }
        }
        return ([], .stay)
    }

    private static func submit(_ state: inout SecondFactorState) -> [Effect] {
        guard let method = state.method else { return [] }
        let digits = state.code.text.filter { $0 != " " }
        guard digits.count == method.oneTimeCode.digits else {
            state.message = "Enter the \(method.oneTimeCode.digits)-digit code from \(method.displayName)."
            state.focus = .code
            return []
        }
        state.isBusy = true
        state.message = nil
        return [.verifyCode(userId: state.user.id, methodId: method.id, code: digits)]
    }

    static func view(_ state: SecondFactorState, context: PortalContext, now: Date, buffer: inout CellBuffer) {
        let size = buffer.size
        let layout = SignInScreen.Layout(size: size)
        Widgets.header(left: " \(context.organization.displayName)  Company Portal", right: nil, width: size.width, buffer: &buffer)
        Widgets.box(layout.form, title: "Verify your identity", fill: .text, in: &buffer)
        let inner = layout.form.x + 2
        let clip = layout.form.inset(by: 1)
        buffer.write(state.user.userPrincipalName, x: inner, y: layout.form.y + 1, role: .dim, clip: clip)
        let textWidth = layout.form.width - 4
        if let method = state.method {
            buffer.write(TextWidth.truncate("Enter the code from \(method.displayName).", to: textWidth), x: inner, y: layout.form.y + 2,
                         role: .text, clip: clip)
            if state.methods.count > 1 {
                let others = state.methods.count - 1
                buffer.write("Press m to use another method (\(others) more).", x: inner, y: layout.userNameRow, role: .dim, clip: clip)
            }
        }
        Widgets.field(label: "Code", value: state.code.text, secret: false, focused: state.focus == .code,
                      cursor: state.code.cursor, x: inner + 2, y: layout.passwordRow, labelWidth: layout.labelWidth,
                      fieldWidth: min(layout.fieldWidth, 14), buffer: &buffer)
        _ = Widgets.button(state.isBusy ? "Checking…" : "Verify", focused: state.focus == .verify,
                           x: layout.buttonX, y: layout.buttonRow, buffer: &buffer)
        if state.focus == .verify { buffer.cursor = nil }
        if let message = state.message {
            for (index, line) in TextWidth.wrap("✗ " + message, width: layout.form.width - 4).prefix(2).enumerated() {
                buffer.write(line, x: inner, y: layout.buttonRow + 1 + index, role: .error)
            }
        }
        if context.isDemo, let method = state.method, let secret = method.secret {
            // The demo shows what the user's token would, so anyone can go on.
            let settings = method.oneTimeCode
            let code = SignInScreen.spaced(settings.code(secret: secret, at: now))
            // The code is what matters: the name gives way first.
            let room = size.width - layout.form.x - TextWidth.of("Demo organization:  shows \(code) now.")
            let name = TextWidth.truncate(method.displayName, to: max(1, room))
            buffer.write("Demo organization: \(name) shows \(code) now.", x: layout.form.x, y: layout.form.maxY + 1,
                         role: .accent, clip: Rect(x: 0, y: 0, width: size.width, height: size.height))
        }
        Widgets.localeNotice(context, y: size.height - 2, buffer: &buffer)
        Widgets.hintBar(keymap(state).hints, y: size.height - 1, width: size.width, buffer: &buffer)
    }
}
