import Foundation
import PortalCore

/// What must be done before anything else after the password: register a
/// sign-in method (MFA required, none registered) or change the password.
public enum AccountSetupState: Equatable, Sendable {
    case register(MethodRegistrationState)
    /// The user is kept to start the sign-in again should they back out.
    case changePassword(PasswordChangeState, user: User)
}

extension AccountSetupState {
    var userPrincipalName: String {
        switch self {
        case let .register(registration): registration.user.userPrincipalName
        case let .changePassword(_, user): user.userPrincipalName
        }
    }
}

/// Hosts the Security info components full screen, between the sign-in
/// steps and the portal.
enum AccountSetupScreen {
    enum Exit { case stay, cancel }

    static func start(_ step: SignInService.Step, user: User, context: PortalContext, now: Date) -> AccountSetupState? {
        switch step {
        case .registerMethod:
            .register(MethodRegistrationState(user: user, issuer: context.organization.displayName, random: context.random, now: now))
        case .changePassword:
            .changePassword(PasswordChangeState(userId: user.id), user: user)
        case .code, .done:
            nil
        }
    }

    static func update(_ state: inout AccountSetupState, _ message: Message, context: PortalContext, size: Size) -> (effects: [Effect], exit: Exit) {
        let area = rect(in: size)
        switch state {
        case var .register(registration):
            var effects: [Effect]
            if case let .input(.mouse(event)) = message, event.kind == .click {
                effects = MethodRegistration.click(event, &registration, in: area)
            } else {
                effects = MethodRegistration.update(&registration, message)
            }
            state = .register(registration)
            if registration.cancelled { return ([], .cancel) }
            if let user = registration.finished { effects.append(.completeSignIn(user, after: .registration)) }
            return (effects, .stay)
        case .changePassword(var change, let user):
            let policy = context.organization.signIn
            var effects: [Effect]
            if case let .input(.mouse(event)) = message, event.kind == .click {
                effects = PasswordChange.click(event, &change, in: area, policy: policy)
            } else {
                effects = PasswordChange.update(&change, message, policy: policy)
            }
            state = .changePassword(change, user: user)
            if change.cancelled { return ([], .cancel) }
            if let user = change.finished { effects.append(.completeSignIn(user, after: .passwordChange)) }
            return (effects, .stay)
        }
    }

    static func keymap(_ state: AccountSetupState) -> Keymap {
        switch state {
        case let .register(registration): MethodRegistration.keymap(registration)
        case let .changePassword(change, _): PasswordChange.keymap(change)
        }
    }

    /// Below the header and the line that says why, above the hint bar.
    static func rect(in size: Size) -> Rect {
        Rect(x: 0, y: 3, width: size.width, height: max(0, size.height - 4))
    }

    static func view(_ state: AccountSetupState, context: PortalContext, buffer: inout CellBuffer) {
        let size = buffer.size
        Widgets.header(left: " \(context.organization.displayName)  Company Portal", right: nil, width: size.width, buffer: &buffer)
        let reason: String
        switch state {
        case let .register(registration):
            reason = "\(context.organization.displayName) requires a second sign-in step. Register a method to go on, \(registration.user.greetingName)."
            MethodRegistration.view(registration, in: rect(in: size), localeIsUTF8: context.localeIsUTF8, buffer: &buffer)
        case let .changePassword(change, _):
            reason = "Your password must be changed before you go on."
            PasswordChange.view(change, policy: context.organization.signIn, in: rect(in: size), buffer: &buffer)
        }
        buffer.write(TextWidth.truncate(reason, to: size.width - 2), x: 1, y: 1, role: .accent)
        Widgets.hintBar(keymap(state).hints, y: size.height - 1, width: size.width, buffer: &buffer)
    }
}
