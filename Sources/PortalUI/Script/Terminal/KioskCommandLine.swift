import Foundation
import PortalCore

extension ScriptKiosk {
    /// `portal kiosk`'s options for what the `kiosk` header sets, as the
    /// headless runner reads them: the attract script from the script's
    /// folder, the PIN hashed at fixture rounds. The terminal runner adds the
    /// store, theme, mouse and control folder as it does for `portal run`.
    func commandArguments(_ script: ScreenScript) throws -> [String] {
        var arguments = ["--idle-reset", "\(Int(idleReset))", "--pace", "\(Int((pace * 1_000).rounded()))"]
        if let url = attractURL(script) { arguments += ["--attract", url.standardizedFileURL.path] }
        if let hash = exitPinHash {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            arguments += ["--exit-pin-hash", String(decoding: try encoder.encode(hash), as: UTF8.self)]
        }
        return arguments
    }
}
