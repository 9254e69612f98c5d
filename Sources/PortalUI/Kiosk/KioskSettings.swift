import Foundation
import PortalCore

/// How a kiosk behaves: when it resets, what it plays while nobody is
/// there, and the PIN that lets an operator leave.
public struct KioskSettings: Sendable {
    /// Idle time in a visitor's session before the countdown starts.
    public var idleReset: TimeInterval = 120
    /// How long the countdown warns before the session is thrown away.
    public var countdown: TimeInterval = 10
    /// Idle time at an untouched welcome screen before the attract loop plays,
    /// so the welcome screen is seen first.
    public var attractAfter: TimeInterval = 10
    public var attract: AttractScript?
    /// The operator's exit PIN; nil when none is set (then only a signal ends the kiosk).
    public var exitPinHash: PasswordHash?

    /// Opens the operator's PIN prompt. Ctrl-K is taken (it deletes to the
    /// end of a field), and visitors rarely reach for F12.
    public static let pinKey = Key.function(12)

    public init(idleReset: TimeInterval = 120, attract: AttractScript? = nil, exitPinHash: PasswordHash? = nil) {
        self.idleReset = idleReset
        self.attract = attract
        self.exitPinHash = exitPinHash
    }
}
