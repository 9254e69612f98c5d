import Foundation
import PortalCore
import Testing
@testable import PortalUI

/// A kiosk script in a real terminal: `portal kiosk` gets what the headless
/// kiosk is built from, so both check the same PIN at the same cost.
@Suite("Kiosk command line for screens run --terminal")
struct KioskCommandLineTests {
    private func script(_ header: String) throws -> ScreenScript {
        try ScriptParser.parse("\(header)\nexpect \"Sign in\"\n", file: URL(fileURLWithPath: "scripts/k.screen"))
    }

    @Test func theHeadersSettingsBecomeTheKiosksOptions() throws {
        let script = try script("kiosk idle-reset=60 pin=2468 attract=demo/a.screen pace=120")
        let arguments = try #require(script.kiosk).commandArguments(script)
        let value = { (option: String) -> String? in
            arguments.firstIndex(of: option).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        #expect(value("--idle-reset") == "60")
        #expect(value("--pace") == "120")
        // From the script's folder, whatever folder the runner starts in.
        #expect(value("--attract") == URL(fileURLWithPath: "scripts/demo/a.screen").standardizedFileURL.path)
        let hash = try JSONDecoder().decode(PasswordHash.self, from: Data(try #require(value("--exit-pin-hash")).utf8))
        // The hash the headless kiosk checks: fixture rounds, the same salt.
        #expect(hash == script.kiosk?.exitPinHash)
        #expect(hash.iterations == ScriptRunner.fixtureIterations)
        #expect(hash.verify("2468"))
        #expect(!hash.verify("1357"))
    }

    @Test func unsetSettingsAreTheCommandsDefaults() throws {
        let script = try script("kiosk")
        #expect(try #require(script.kiosk).commandArguments(script) == ["--idle-reset", "120", "--pace", "80"])
    }
}
