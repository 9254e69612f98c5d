import Foundation
import PortalCore

/// The `kiosk` header: the script drives `portal kiosk` instead of the
/// portal, so its countdown, attract loop and PIN prompt are scripted too.
///
///     kiosk idle-reset=60 pin=2468 attract=kiosk-attract.screen pace=80
///
/// Every setting is optional; the defaults are the command's. The PIN is
/// written plainly: a script's store is made up, and the PIN with it.
public struct ScriptKiosk: Equatable, Sendable {
    public var idleReset: TimeInterval = 120
    public var pin: String?
    /// Relative to the script's folder.
    public var attract: String?
    public var pace: TimeInterval = AttractScript.defaultPace

    public init() {}

    /// The PIN's hash as the script's kiosk checks it: fixture rounds, so a
    /// PIN costs the same headless and in a terminal, and a fixed salt.
    public var exitPinHash: PasswordHash? {
        pin.map { PasswordHash.make(password: $0, iterations: ScriptRunner.fixtureIterations, random: SeededRandomSource(seed: 5)) }
    }

    /// The attract script, relative to the script's folder.
    func attractURL(_ script: ScreenScript) -> URL? {
        attract.map { ScriptRunner.relative(script, $0) }
    }
}

/// What a script's steps drive: the portal, or a kiosk around it.
protocol ScriptTarget: AnyObject {
    func send(_ message: Message)
    func render() -> CellBuffer
    var isFinished: Bool { get }
    /// The portal on screen, whose users' codes `type-code` types.
    var portal: PortalRuntime { get }
}

extension PortalRuntime: ScriptTarget {
    var portal: PortalRuntime { self }
}

extension KioskRuntime: ScriptTarget {
    var portal: PortalRuntime { session }
}

extension ScriptParser {
    static func parseKiosk(_ rest: String, fail: (String) -> ScriptError) throws(ScriptError) -> ScriptKiosk {
        var kiosk = ScriptKiosk()
        for word in rest.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            let value = parts.count == 2 ? parts[1] : ""
            switch parts[0] {
            case "idle-reset":
                guard let seconds = Int(value), (1...86_400).contains(seconds) else { throw fail("kiosk idle-reset takes 1 to 86400 seconds, e.g. idle-reset=60") }
                kiosk.idleReset = TimeInterval(seconds)
            case "pin":
                guard (1...PinPrompt.longest).contains(value.count) else { throw fail("kiosk pin takes 1 to \(PinPrompt.longest) characters, e.g. pin=2468") }
                kiosk.pin = value
            case "attract":
                guard !value.isEmpty else { throw fail("kiosk attract takes a script, e.g. attract=kiosk-attract.screen") }
                kiosk.attract = value
            case "pace":
                guard let milliseconds = Int(value), (1...10_000).contains(milliseconds) else { throw fail("kiosk pace takes 1 to 10000 milliseconds, e.g. pace=80") }
                kiosk.pace = TimeInterval(milliseconds) / 1_000
            default:
                throw fail("unknown kiosk setting \"\(word)\"; expected idle-reset=SECONDS, pin=PIN, attract=SCRIPT or pace=MS")
            }
        }
        return kiosk
    }
}

extension ScriptRunner {
    /// The portal the script starts (and restarts), or a kiosk over its store.
    func target(_ script: ScreenScript, tenant: Tenant, context: PortalContext, clock: VirtualClock, size: Size) throws(ScriptError) -> any ScriptTarget {
        guard let kiosk = script.kiosk else { return PortalRuntime(context: context, clock: clock, size: size) }
        var settings = KioskSettings(idleReset: kiosk.idleReset)
        settings.exitPinHash = kiosk.exitPinHash
        if let url = kiosk.attractURL(script) {
            do {
                settings.attract = try AttractScript.load(url, pace: kiosk.pace)
            } catch {
                throw ScriptError(file: script.file.relativePath, line: script.headerLines["kiosk"] ?? 1,
                                  message: InertText.escaped("kiosk attract: \(error)"))
            }
        }
        // Each visitor's session gets the script's world over its own copy of the store.
        return KioskRuntime(tenant: tenant, settings: settings, clock: clock, size: size) { copy in
            var session = PortalContext(tenant: copy, timeZone: context.timeZone, mouseEnabled: context.mouseEnabled,
                                        random: SeededRandomSource(seed: 11))
            session.inspectHost = context.inspectHost
            session.about = context.about
            return session
        }
    }
}
