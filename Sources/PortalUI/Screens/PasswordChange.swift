import Foundation
import PortalCore

/// Changing the password: the current one, the new one twice. The rules are
/// checked here first, so a mistake is told at once rather than after the
/// slow key derivation; the runtime checks the current password and hashes
/// the new one. A component: Security info hosts it, and so does the forced
/// change after sign-in. The host reads `finished` and `cancelled`.
public struct PasswordChangeState: Equatable, Sendable {
    public enum Focus: Equatable, Sendable, CaseIterable {
        case current, new, again, submit
    }

    public let userId: String
    public var current = TextFieldState.password()
    public var new = TextFieldState.password()
    public var again = TextFieldState.password()
    public var focus: Focus = .current
    public var message: String?
    public var isBusy = false
    /// The user as stored after the change: the host closes the component.
    public var finished: User?
    public var cancelled = false
    /// False in the forced change after sign-in, where there is nothing to go back to.
    public var canCancel: Bool

    public init(userId: String, canCancel: Bool = true) {
        self.userId = userId
        self.canCancel = canCancel
    }
}

enum PasswordChange {
    static func update(_ state: inout PasswordChangeState, _ message: Message, policy: SignInPolicy) -> [Effect] {
        switch message {
        case let .input(.key(key)):
            return handle(key, &state, policy: policy)
        case let .input(.paste(text)):
            guard !state.isBusy else { return [] }
            for character in text where !character.isNewline { _ = edit(.character(character), &state) }
            return []
        case let .accountChanged(.user(user)):
            guard state.isBusy else { return [] }
            state.isBusy = false
            state.finished = user
            return []
        case let .accountChangeFailed(text):
            guard state.isBusy else { return [] }
            state.isBusy = false
            state.message = text
            // The current password is asked again: it may be what was wrong.
            state.current = TextFieldState.password()
            state.focus = .current
            return []
        default:
            return []
        }
    }

    /// Where there is nothing to go back to, Esc is not offered.
    static func keymap(_ state: PasswordChangeState) -> Keymap {
        state.canCancel ? Keymaps.passwordChange : Keymaps.passwordChange.without(.back)
    }

    private static func handle(_ key: Key, _ state: inout PasswordChangeState, policy: SignInPolicy) -> [Effect] {
        guard !state.isBusy else { return [] }
        switch keymap(state).action(for: key) {
        case .nextField?: state.focus = step(state.focus, by: 1)
        case .previousField?: state.focus = step(state.focus, by: -1)
        case .submit?:
            if state.focus == .again || state.focus == .submit { return submit(&state, policy: policy) }
            state.focus = step(state.focus, by: 1)
        case .back?:
            if state.canCancel { state.cancelled = true }
        default:
            if state.focus == .submit, key == .character(" ") { return submit(&state, policy: policy) }
            if edit(key, &state) { state.message = nil }
        }
        return []
    }

    private static func edit(_ key: Key, _ state: inout PasswordChangeState) -> Bool {
        switch state.focus {
        case .current: state.current.handle(key)
        case .new: state.new.handle(key)
        case .again: state.again.handle(key)
        case .submit: false
        }
    }

    private static func step(_ focus: PasswordChangeState.Focus, by offset: Int) -> PasswordChangeState.Focus {
        let all = PasswordChangeState.Focus.allCases
        let index = all.firstIndex(of: focus) ?? 0
        return all[(index + offset + all.count) % all.count]
    }

    /// Why the form cannot be sent yet, with the field to fix, or nil.
    static func problem(_ state: PasswordChangeState, policy: SignInPolicy) -> (String, PasswordChangeState.Focus)? {
        if state.current.text.isEmpty { return ("Type your current password.", .current) }
        if state.new.text.isEmpty { return ("Type a new password.", .new) }
        if let problem = policy.problem(withNewPassword: state.new.text, current: state.current.text) { return (problem, .new) }
        if state.new.text != state.again.text { return ("The new passwords do not match; type the new one again.", .again) }
        return nil
    }

    private static func submit(_ state: inout PasswordChangeState, policy: SignInPolicy) -> [Effect] {
        if let (problem, field) = problem(state, policy: policy) {
            state.message = problem
            state.focus = field
            if field == .again { state.again = TextFieldState.password() }
            return []
        }
        state.isBusy = true
        state.message = nil
        return [.changePassword(userId: state.userId, current: state.current.text, new: state.new.text)]
    }

    // MARK: - Layout shared by view and mouse

    struct Layout {
        let rect: Rect
        var titleRow: Int { rect.y }
        var rulesRow: Int { rect.y + 1 }
        func row(_ focus: PasswordChangeState.Focus) -> Int {
            switch focus {
            case .current: rect.y + 3
            case .new: rect.y + 5
            case .again: rect.y + 7
            case .submit: rect.y + 9
            }
        }
        var messageRow: Int { rect.y + 10 }
        var labelWidth: Int { 22 }
        var fieldX: Int { rect.x + 3 }
        var fieldWidth: Int { max(8, min(40, rect.width - labelWidth - 6)) }
    }

    static func click(_ event: MouseEvent, _ state: inout PasswordChangeState, in rect: Rect, policy: SignInPolicy) -> [Effect] {
        guard event.kind == .click, !state.isBusy else { return [] }
        let layout = Layout(rect: rect)
        for focus in PasswordChangeState.Focus.allCases where layout.row(focus) == event.y {
            state.focus = focus
            if focus == .submit, event.x >= layout.fieldX + layout.labelWidth - 2 { return submit(&state, policy: policy) }
        }
        return []
    }

    // MARK: - View

    static func view(_ state: PasswordChangeState, policy: SignInPolicy, in rect: Rect, buffer: inout CellBuffer) {
        let layout = Layout(rect: rect)
        let x = rect.x + 1
        buffer.write("Change your password", x: x, y: layout.titleRow, role: .title, clip: rect)
        buffer.write("At least \(policy.passwordMinimumLength) characters, with \(policy.passwordRequiredCharacterClasses) of: "
                     + "lower case, upper case, digits, symbols.", x: x, y: layout.rulesRow, role: .dim, clip: rect)
        let fields: [(PasswordChangeState.Focus, String, TextFieldState)] = [
            (.current, "Current password", state.current), (.new, "New password", state.new),
            (.again, "New password again", state.again),
        ]
        for (focus, label, field) in fields {
            Widgets.field(label: label, value: field.text, secret: true, focused: state.focus == focus, cursor: field.cursor,
                          x: layout.fieldX, y: layout.row(focus), labelWidth: layout.labelWidth,
                          fieldWidth: layout.fieldWidth, buffer: &buffer)
        }
        _ = Widgets.button(state.isBusy ? "Changing…" : "Change password", focused: state.focus == .submit,
                           x: layout.fieldX + layout.labelWidth - 2, y: layout.row(.submit), buffer: &buffer)
        if state.focus == .submit { buffer.cursor = nil }
        if let message = state.message {
            for (index, line) in TextWidth.wrap("✗ " + message, width: rect.width - 2).prefix(2).enumerated() {
                buffer.write(line, x: x, y: layout.messageRow + index, role: .error, clip: rect)
            }
        }
    }
}
