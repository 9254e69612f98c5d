import Foundation

/// Everything the kiosk adds around the portal: whose session it is, how
/// long it has been idle, where the attract loop is, the PIN prompt.
/// The portal's own state stays in the session's runtime.
public struct KioskState: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        /// A fresh session nobody has touched yet.
        case waiting
        /// The attract script plays on a session of its own.
        case attract(AttractScript.Position)
        /// A visitor has used this session: it resets when left idle.
        case visitor
    }

    public var phase: Phase = .waiting
    /// The last key or click (or the last reset): idle time counts from here.
    public var lastActivity: Date
    public var pin: PinPrompt?
    /// Kept across sessions, so a reset does not forgive wrong PINs.
    public var limiter = PinLimiter()
    public var exited = false

    public init(now: Date) { lastActivity = now }

    public var isAttracting: Bool {
        if case .attract = phase { return true }
        return false
    }
}

/// The operator's exit prompt.
public struct PinPrompt: Equatable, Sendable {
    /// The longest PIN the prompt takes.
    public static let longest = 32

    public var typed = ""
    public var message: String?
    /// The PIN is being checked off the terminal thread.
    public var checking = false

    public init() {}
}

/// What reaches the kiosk: the loop's input and ticks, and finished work.
public enum KioskEvent: Equatable, Sendable {
    case input(InputEvent)
    case tick
    case pinChecked(Bool)
    /// The digits of a code the attract script types, looked up when it plays.
    case attractTyping(String)
}

/// What the kiosk's update asks its runtime to do.
public enum KioskEffect: Equatable, Sendable {
    /// Pass a message to the visitor's session.
    case forward(Message)
    /// Throw the session and its copy of the store away; start a fresh one.
    case freshSession
    case checkPin(String)
    case lookUpCode(principalName: String, method: String?)
    case exit
}
