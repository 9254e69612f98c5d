import Foundation
import PortalCore
import PortalProbe

/// What a scripted run pins besides the clock, as `screens run --terminal`
/// writes it to `world.json` in the control folder: the headless runner's
/// seed for new secrets, the About store line, and "this Linux machine".
public struct ScriptedWorld: Codable, Sendable {
    public var seed: UInt64
    /// The store as the script names it (nil: the built-in demo).
    public var storeShownAs: String?
    /// A folder of a host's files, probed as `--probe-root` does.
    public var hostFolder: String?
    /// The facts `portal probe --json` printed.
    public var hostFacts: String?

    public init(seed: UInt64, storeShownAs: String?, hostFolder: String?, hostFacts: String?) {
        self.seed = seed
        self.storeShownAs = storeShownAs
        self.hostFolder = hostFolder
        self.hostFacts = hostFacts
    }

    public static func url(in folder: URL) -> URL { folder.appendingPathComponent("world.json") }

    /// Makes the context what the headless runner's is.
    public func apply(to context: inout PortalContext) throws {
        context.random = SeededRandomSource(seed: seed)
        context.about = PortalAbout(storePath: storeShownAs)
        context.inspectHost = nil
        if let hostFolder {
            let probe = HostProbe(root: URL(fileURLWithPath: hostFolder))
            context.inspectHost = { probe.inspect() }
        } else if let hostFacts {
            let facts = try JSONDecoder().decode(HostFacts.self, from: Data(contentsOf: URL(fileURLWithPath: hostFacts)))
            context.inspectHost = { facts }
        }
    }
}

/// The control folder of a scripted run: its clock channel and its world.
public struct ScriptedRun {
    public var control: ScriptControl
    public var world: ScriptedWorld

    public init(folder: URL) throws {
        control = try ScriptControl(folder: folder)
        world = try JSONDecoder().decode(ScriptedWorld.self, from: Data(contentsOf: ScriptedWorld.url(in: folder)))
    }
}
