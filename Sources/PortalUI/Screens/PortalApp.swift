import Foundation
import PortalCore

/// The whole program as two pure functions: update a state with a message,
/// and view a state as a grid of cells.
public enum PortalApp {
    public static func update(_ state: inout AppState, _ message: Message, context: PortalContext) -> [Effect] {
        if case let .input(.resize(size)) = message {
            state.size = size
        }
        if case let .input(.key(key)) = message {
            if let action = Keymaps.global.action(for: key) { return globalAction(action) }
            if let overlay = state.overlay { return handle(key, overlay: overlay, &state, context: context) }
            if state.size.isBelowMinimum {
                return Keymaps.tooSmall.action(for: key) == .quit ? requestQuit(&state) : []
            }
            if let effects = appAction(keymap(for: state).action(for: key), &state, context: context) { return effects }
        }
        if case let .input(.mouse(event)) = message {
            if state.size.isBelowMinimum || !context.mouseEnabled { return [] }
            if state.overlay == .help { state.overlay = nil; return [] }
            if case let .confirm(confirmation)? = state.overlay {
                return click(event, on: confirmation, &state, context: context)
            }
            if event.kind == .click, event.y == state.size.height - 1, let key = hintKey(at: event.x, state) {
                return update(&state, .input(.key(key)), context: context)
            }
        }
        switch message {
        case let .storeEvent(.unreachable(lost)):
            state.storeUnreachable = lost
            return []
        case let .storeEvent(.changed(userId)):
            // Another portal (or an administrator) changed what this user sees: read it again.
            guard case let .portal(portal) = state.screen, userId == DirectoryEvent.everyone || userId == portal.user.id else { return [] }
            return [.rereadPortal(userId: portal.user.id)]
        case .storeEvent(.catalogChanged):
            guard case let .portal(portal) = state.screen else { return [] }
            return [.loadCatalog(userId: portal.user.id)]
        case let .portalOpened(data):
            var portal = PortalState(data: data)
            // Lay Home out once here, so the first frame reuses it.
            PortalScreen.refreshDocuments(&portal, context: context, size: state.size, now: state.now)
            state.screen = .portal(portal)
            // A walkthrough left unfinished (quit, lost connection, killed) resumes;
            // an inspection of this machine tells which device it is.
            // The catalog is folded for search while the user reads Home, so Apps opens at once.
            return [.loadEnrollment(userId: data.user.id, resume: true)] + (context.inspectHost == nil ? [] : [.inspectHost])
                + [data.catalogIsComplete ? .prepareCatalog(data.catalog) : .loadCatalog(userId: data.user.id)]
        case let .signInChecked(.passed(user, next)):
            return advance(user, to: next, &state, context: context)
        case let .signInChecked(.failed(.locked(until))):
            if case let .secondFactor(code) = state.screen {
                // A lockout ends the attempt: it starts again at the form, which counts down.
                var form = SignInState(userName: code.user.userPrincipalName)
                form.lockedUntil = until
                form.focus = .password
                state.screen = .signIn(form)
                return []
            }
        case .tick:
            if case var .signIn(form) = state.screen, let until = form.lockedUntil, until <= state.now {
                form.lockedUntil = nil
                state.screen = .signIn(form)
            }
        default:
            break
        }
        switch state.screen {
        case var .signIn(signIn):
            let effects = SignInScreen.update(&signIn, message, size: state.size)
            state.screen = .signIn(signIn)
            return effects
        case var .secondFactor(code):
            let (effects, exit) = SecondFactorScreen.update(&code, message, size: state.size)
            state.screen = exit == .cancel ? .signIn(SignInState(userName: code.user.userPrincipalName)) : .secondFactor(code)
            return effects
        case var .setup(setup):
            let (effects, exit) = AccountSetupScreen.update(&setup, message, context: context, size: state.size)
            // Backing out abandons the sign-in: it starts again at the form.
            state.screen = exit == .cancel ? .signIn(SignInState(userName: setup.userPrincipalName)) : .setup(setup)
            return effects
        case var .portal(portal):
            let effects = PortalScreen.update(&portal, message, context: context, size: state.size, now: state.now)
            state.screen = .portal(portal)
            return effects
        }
    }

    /// The screen for the next step of signing in.
    private static func advance(_ user: User, to next: SignInService.Step, _ state: inout AppState, context: PortalContext) -> [Effect] {
        switch next {
        case .code:
            state.screen = .secondFactor(SecondFactorState(user: user))
        case .registerMethod, .changePassword:
            if let setup = AccountSetupScreen.start(next, user: user, context: context, now: state.now) { state.screen = .setup(setup) }
        case .done:
            return [.completeSignIn(user, after: .passwordChange)]
        }
        return []
    }

    /// How often the screen changes on its own: every second while a lockout
    /// counts down, at each code step while codes are shown, else each minute.
    public static func tickSeconds(_ state: AppState, context: PortalContext) -> TimeInterval {
        switch state.screen {
        case let .signIn(form):
            if let until = form.lockedUntil, until > state.now { return 1 }
            return context.isDemo ? 30 : 60
        case .secondFactor:
            return context.isDemo ? 30 : 60
        case let .portal(portal) where portal.deviceActions.checking != nil:
            // Check status's progress moves while the worker does it.
            return 0.25
        case let .portal(portal) where !portal.installs.underWay.isEmpty:
            // The device agent works on the clock; its progress bars move each half second.
            return 0.5
        case .setup, .portal:
            return 60
        }
    }

    /// The method a user is registering on screen, not yet stored: scripts
    /// type its codes as a phone would show them.
    public static func methodBeingRegistered(_ state: AppState) -> (user: User, method: MfaMethod)? {
        var registration: MethodRegistrationState?
        switch state.screen {
        case let .setup(.register(shown)): registration = shown
        case let .portal(portal): if case let .register(shown)? = portal.security.mode { registration = shown }
        default: break
        }
        guard let registration, !registration.isActivation else { return nil }
        return (registration.user, registration.method)
    }

    /// The keys of what is on screen: the overlay's when one is open.
    static func keymap(for state: AppState) -> Keymap {
        switch state.overlay {
        case .help?: return Keymaps.helpOverlay
        case let .confirm(confirmation)?: return Keymaps.confirmation(confirmation)
        case nil: break
        }
        if state.size.isBelowMinimum { return Keymaps.tooSmall }
        switch state.screen {
        case .signIn: return Keymaps.signIn
        case let .secondFactor(code): return SecondFactorScreen.keymap(code)
        case let .setup(setup): return AccountSetupScreen.keymap(setup)
        case let .portal(portal): return PortalScreen.keymap(portal)
        }
    }

    /// The key of the hint under a click on the bottom bar: every hint is a button.
    static func hintKey(at column: Int, _ state: AppState) -> Key? {
        let keymap = keymap(for: state)
        let columns = Widgets.hintColumns(keymap.hints, width: state.size.width)
        return columns.firstIndex { $0?.contains(column) == true }.map { keymap.hintPresses[$0] }
    }

    private static func globalAction(_ action: Action) -> [Effect] {
        switch action {
        case .quitNow: [.quit]
        case .redraw: [.redraw]
        case .suspend: [.suspend]
        default: []
        }
    }

    /// Actions that concern the whole program; nil passes the key on to the screen.
    private static func appAction(_ action: Action?, _ state: inout AppState, context: PortalContext) -> [Effect]? {
        switch action {
        case .help?:
            state.overlay = .help
            return []
        case .quit?:
            return requestQuit(&state)
        case .signOut?:
            state.overlay = .confirm(Confirmation(.signOut(organization: context.organization.displayName)))
            return []
        case .cancelEnrollment?:
            // Past the first step there are answers to lose: ask first.
            guard case let .portal(portal) = state.screen, let wizard = portal.enrollment,
                  wizard.phase == .walking, wizard.session.step != .device else { return nil }
            state.overlay = .confirm(Confirmation(.cancelEnrollment))
            return []
        default:
            return nil
        }
    }

    private static func handle(_ key: Key, overlay: AppState.Overlay, _ state: inout AppState, context: PortalContext) -> [Effect] {
        switch overlay {
        case .help:
            if Keymaps.helpOverlay.action(for: key) == .closeHelp { state.overlay = nil }
            return []
        case var .confirm(confirmation):
            switch Keymaps.confirmation(confirmation).action(for: key) {
            case .confirm?: return answer(confirmation, yes: true, &state)
            case .cancel?: return answer(confirmation, yes: false, &state)
            case .choose?: return answer(confirmation, yes: confirmation.confirmChosen, &state)
            case .switchChoice?:
                confirmation.confirmChosen.toggle()
                state.overlay = .confirm(confirmation)
            default: break
            }
            return []
        }
    }

    private static func answer(_ confirmation: Confirmation, yes: Bool, _ state: inout AppState) -> [Effect] {
        state.overlay = nil
        guard yes else { return [] }
        switch confirmation.purpose {
        case .quit: return [.quit]
        case .signOut:
            state.screen = .signIn(SignInState())
            return []
        case .cancelEnrollment:
            guard case var .portal(portal) = state.screen, let wizard = portal.enrollment else { return [] }
            portal.enrollment = nil
            state.screen = .portal(portal)
            return [.changeEnrollment(.cancel(userId: wizard.userId))]
        }
    }

    private static func click(_ event: MouseEvent, on confirmation: Confirmation, _ state: inout AppState, context: PortalContext) -> [Effect] {
        guard event.kind == .click else { return [] }
        let layout = Overlays.ConfirmationLayout(confirmation, in: Rect(x: 0, y: 0, width: state.size.width, height: state.size.height))
        if layout.confirmButton.contains(x: event.x, y: event.y) { return answer(confirmation, yes: true, &state) }
        if layout.cancelButton.contains(x: event.x, y: event.y) { return answer(confirmation, yes: false, &state) }
        return []
    }

    /// Quits at once unless typed input would be lost; then asks, even in a
    /// window too small for the portal.
    private static func requestQuit(_ state: inout AppState) -> [Effect] {
        if let reason = unsavedWork(state) {
            state.overlay = .confirm(Confirmation(.quit(reason: reason)))
            return []
        }
        return [.quit]
    }

    /// What quitting now would lose, if anything a person typed or started.
    static func unsavedWork(_ state: AppState) -> String? {
        switch state.screen {
        case let .signIn(signIn):
            return signIn.hasUnsavedInput ? "What you typed on the sign-in form will be lost." : nil
        case .secondFactor, .setup:
            return "Your sign-in is not finished; you will have to start again."
        case let .portal(portal):
            if let reason = DeviceActions.unsavedWork(portal) { return reason }
            switch portal.security.mode {
            case .register?: return "The method you are adding will not be added."
            case let .password(change)?:
                let typed = !change.current.text.isEmpty || !change.new.text.isEmpty || !change.again.text.isEmpty
                return typed ? "The password change you started will be lost." : nil
            case .rename?: return "The new name you typed will be lost."
            case .confirmRemoval?, nil: return portal.enrollment.flatMap(EnrollmentWizard.unsavedWork)
            }
        }
    }

    public static func view(_ state: AppState, context: PortalContext) -> CellBuffer {
        var buffer = CellBuffer(size: state.size)
        if state.size.isBelowMinimum {
            var confirmation: Confirmation?
            if case let .confirm(asked)? = state.overlay { confirmation = asked }
            Overlays.tooSmall(asking: confirmation, offersQuit: context.offersQuit, buffer: &buffer)
            return buffer
        }
        switch state.screen {
        case let .signIn(signIn): SignInScreen.view(signIn, context: context, now: state.now, buffer: &buffer)
        case let .secondFactor(code): SecondFactorScreen.view(code, context: context, now: state.now, buffer: &buffer)
        case let .setup(setup): AccountSetupScreen.view(setup, context: context, buffer: &buffer)
        case let .portal(portal): PortalScreen.view(portal, context: context, now: state.now, buffer: &buffer)
        }
        if state.storeUnreachable { Widgets.reconnecting(width: state.size.width, buffer: &buffer) }
        switch state.overlay {
        case .help?:
            let underneath = AppState(size: state.size, now: state.now, screen: state.screen)
            Overlays.help(keymap(for: underneath), mouseEnabled: context.mouseEnabled, buffer: &buffer)
        case let .confirm(confirmation)?: Overlays.confirm(confirmation, buffer: &buffer)
        case nil: break
        }
        if state.overlay != nil {
            // The hint bar always shows the keys of what has focus.
            Widgets.hintBar(keymap(for: state).hints, y: state.size.height - 1, width: state.size.width, buffer: &buffer)
        }
        return buffer
    }
}
