import Foundation
import PortalCore

extension ScriptRunner {
    /// The world a script's headers pin, as `run` builds it for a replay:
    /// the store in memory (its file is never written), seeded secrets,
    /// the host, and About naming the store as the script does. A recording
    /// starts from this too, so it replays exactly.
    func context(for script: ScreenScript) throws(ScriptError) -> PortalContext {
        try world(for: script).context
    }

    /// The store the script pins, and the context over it; a kiosk copies the store per visitor.
    func world(for script: ScreenScript) throws(ScriptError) -> (tenant: Tenant, context: PortalContext) {
        let tenant = try loadStore(script)
        do {
            _ = try ThemeCatalog.load(script.theme)
        } catch {
            throw ScriptError(file: script.file.relativePath, line: script.headerLines["theme"] ?? 1,
                              message: InertText.escaped("theme: \(error)"))
        }
        var context = PortalContext(tenant: tenant, timeZone: script.timeZone, mouseEnabled: script.mouse,
                                    random: SeededRandomSource(seed: Self.secretSeed))
        if let inspect = try hostInspection(script) { context.inspectHost = inspect }
        if case let .file(path) = script.store { context.about.storePath = path }
        return (tenant, context)
    }
}
