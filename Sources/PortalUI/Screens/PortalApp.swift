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
            if key == .control("c") { return [.quit] }
            if state.size.isBelowMinimum {
                return key == .character("q") || key == .function(10) ? requestQuit(&state) : []
            }
            if let overlay = state.overlay { return handle(key, overlay: overlay, &state) }
            if let effects = globalKey(key, &state) { return effects }
        }
        if case .input(.mouse) = message {
            if state.size.isBelowMinimum || !context.mouseEnabled { return [] }
            if state.overlay == .help { state.overlay = nil; return [] }
            if state.overlay != nil { return [] }
        }
        switch state.screen {
        case var .signIn(signIn):
            if case let .signInSucceeded(user) = message {
                state.screen = .portal(PortalState(user: user, tenant: context.tenant))
                return []
            }
            let effects = SignInScreen.update(&signIn, message, size: state.size)
            state.screen = .signIn(signIn)
            return effects
        case var .portal(portal):
            let effects = PortalScreen.update(&portal, message, context: context, size: state.size, now: state.now)
            state.screen = .portal(portal)
            return effects
        }
    }

    /// Keys that mean the same on every screen. Returns nil to pass the key on.
    private static func globalKey(_ key: Key, _ state: inout AppState) -> [Effect]? {
        let typing: Bool
        if case let .signIn(signIn) = state.screen { typing = signIn.focus != .signIn } else { typing = false }
        switch key {
        case .function(1):
            state.overlay = .help
            return []
        case .function(10):
            return requestQuit(&state)
        case .character("?") where !typing:
            state.overlay = .help
            return []
        case .character("q") where !typing:
            return requestQuit(&state)
        case .escape:
            if case .signIn = state.screen { return requestQuit(&state) }
            return nil
        case .character("o") where !typing:
            if case .portal = state.screen {
                state.screen = .signIn(SignInState())
                return []
            }
            return nil
        default:
            return nil
        }
    }

    private static func handle(_ key: Key, overlay: AppState.Overlay, _ state: inout AppState) -> [Effect] {
        switch overlay {
        case .help:
            if [.escape, .enter, .character("?"), .function(1), .character("q"), .backspace].contains(key) { state.overlay = nil }
            return []
        case .confirmQuit:
            switch key {
            case .character("y"), .character("Y"), .enter: return [.quit]
            case .character("n"), .character("N"), .escape: state.overlay = nil
            default: break
            }
            return []
        }
    }

    /// Quits at once unless typed input would be lost; then asks.
    private static func requestQuit(_ state: inout AppState) -> [Effect] {
        if case let .signIn(signIn) = state.screen, signIn.hasUnsavedInput, !state.size.isBelowMinimum {
            state.overlay = .confirmQuit(reason: "What you typed on the sign-in form will be lost.")
            return []
        }
        return [.quit]
    }

    public static func view(_ state: AppState, context: PortalContext) -> CellBuffer {
        var buffer = CellBuffer(size: state.size)
        if state.size.isBelowMinimum {
            Overlays.tooSmall(buffer: &buffer)
            return buffer
        }
        switch state.screen {
        case let .signIn(signIn): SignInScreen.view(signIn, context: context, buffer: &buffer)
        case let .portal(portal): PortalScreen.view(portal, context: context, now: state.now, buffer: &buffer)
        }
        switch state.overlay {
        case .help?: Overlays.help(mouseEnabled: context.mouseEnabled, buffer: &buffer)
        case let .confirmQuit(reason)?: Overlays.confirmQuit(reason: reason, buffer: &buffer)
        case nil: break
        }
        return buffer
    }
}
