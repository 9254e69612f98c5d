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
        case confirmQuit(reason: String)
    }

    public var size: Size
    public var now: Date
    public var screen: Screen
    public var overlay: Overlay?
    public var isFinished = false

    public init(size: Size, now: Date) {
        self.size = size
        self.now = now
        screen = .signIn(SignInState())
    }
}

/// What update receives: input, the clock moving, and the results of effects.
public enum Message: Equatable, Sendable {
    case input(InputEvent)
    case tick
    case signInSucceeded(User)
    case signInFailed(Authenticator.Failure)
}

/// Work update asks the runtime to do; the results come back as messages.
public enum Effect: Equatable, Sendable {
    case authenticate(userPrincipalName: String, password: String)
    case quit
}
