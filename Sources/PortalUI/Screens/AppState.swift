import Foundation
import PortalCore

/// Everything on screen, as a value: a script or a test can rebuild any
/// moment of the program from it.
public struct AppState: Equatable, Sendable {
    public enum Screen: Equatable, Sendable {
        case signIn(SignInState)
        case portal(PortalState)
    }

    public enum Overlay: Equatable, Sendable {
        case help
        case confirm(Confirmation)
    }

    public var size: Size
    public var now: Date
    public var screen: Screen
    public var overlay: Overlay?
    public var isFinished = false

    public init(size: Size, now: Date, screen: Screen = .signIn(SignInState())) {
        self.size = size
        self.now = now
        self.screen = screen
    }
}

/// What update receives: input, the clock moving, and the results of effects.
public enum Message: Equatable, Sendable {
    case input(InputEvent)
    case tick
    case signInSucceeded(User)
    case signInFailed(Authenticator.Failure)
    /// The organization loaded in the background is ready.
    case storeLoaded
    /// It could not be loaded; the program ends and says why.
    case storeFailed(String)
}

/// Work update asks the runtime to do; the results come back as messages.
public enum Effect: Equatable, Sendable {
    /// Slow (a key derivation): runs off the terminal thread.
    case authenticate(userPrincipalName: String, password: String)
    case quit
    /// Asks the terminal to repaint every cell (Ctrl+L).
    case redraw
    /// Stops the process as the shell's job control does (Ctrl+Z).
    case suspend
}
