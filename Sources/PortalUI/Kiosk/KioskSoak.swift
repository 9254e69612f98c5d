import Foundation
import PortalCore

/// A long unattended day on the virtual clock: attract loops, visitors who
/// stop them, sign in, look around and walk away, and resets. It shows that
/// nothing a session leaves behind accumulates (`portal kiosk soak`, tests).
public struct KioskSoak {
    /// What one visitor does after stopping the show (demo accounts sign in with these).
    public static let visitorScript = """
    type lee.gu@contoso.com
    press Tab
    type Contoso-Lee-4
    press Enter
    type-code lee.gu@contoso.com
    press Enter
    press 2 Down Enter Esc 3 6
    """

    public let runtime: KioskRuntime
    public let clock: VirtualClock
    private let visitor: AttractScript

    public init(tenant: Tenant, attract: AttractScript, start: Date, size: Size = Size(width: 80, height: 24),
                idleReset: TimeInterval = 120) {
        clock = VirtualClock(start: start)
        let settings = KioskSettings(idleReset: idleReset, attract: attract)
        runtime = KioskRuntime(tenant: tenant, settings: settings, clock: clock, size: size) { tenant in
            PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!, random: SeededRandomSource(seed: 11))
        }
        // The parser only fails on a malformed script, and this one is fixed.
        visitor = AttractScript((try? ScriptParser.parse(Self.visitorScript, file: URL(fileURLWithPath: "visitor.screen")))
                                ?? ScreenScript(file: URL(fileURLWithPath: "visitor.screen")), pace: 0.2)
    }

    /// One visit: wait for the show, watch a few keys of it, stop it, use
    /// the portal, walk away until the kiosk resets.
    public func visit(attractKeys: Int = 12) {
        let settings = runtime.settings
        advance(by: settings.attractAfter)
        for _ in 0..<attractKeys { advanceToNextTick() }
        runtime.send(.input(.key(.character(" "))))
        for item in visitor.items {
            clock.advance(by: item.delay)
            runtime.send(.tick)
            switch item.input {
            case let .key(key)?: runtime.send(.input(.key(key)))
            case let .typeCode(name, method)?:
                let code = ScriptRunner.code(of: name, method: method, runtime: runtime.session, now: clock.now()) ?? ""
                for digit in code { runtime.send(.input(.key(.character(digit)))) }
            case let .click(x, y)?: runtime.send(.input(.mouse(MouseEvent(kind: .click, x: x, y: y))))
            case nil: break
            }
        }
        // Walk away: the countdown runs out, and the session goes.
        advance(by: settings.idleReset + settings.countdown)
    }

    /// Moves the clock to the kiosk's next deadline and ticks, as the terminal loop would.
    public func advanceToNextTick() {
        let due = runtime.nextTick(after: clock.now())
        if due > clock.now(), due < .distantFuture { clock.set(due) }
        runtime.send(.tick)
    }

    /// Lets `seconds` pass, ticking at every deadline on the way.
    public func advance(by seconds: TimeInterval) {
        let end = clock.now().addingTimeInterval(seconds)
        while true {
            let due = runtime.nextTick(after: clock.now())
            guard due <= end else { break }
            if due > clock.now() { clock.set(due) }
            runtime.send(.tick)
        }
        clock.set(end)
        runtime.send(.tick)
    }
}
