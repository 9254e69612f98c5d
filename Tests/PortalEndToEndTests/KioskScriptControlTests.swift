import Foundation
import PortalCore
import Testing

/// The fixture rounds a scripted kiosk's PIN hash is made with are for
/// `screens run --terminal` only: a kiosk an operator starts refuses them.
@Suite("Kiosk PIN hashes outside scripts")
struct KioskScriptControlTests {
    @Test func aFixtureRoundHashIsRefusedWithoutScriptControl() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("portal.json")
        #expect(try portal("store", "init", "--demo", store.path).status == 0)
        let hash = PasswordHash.make(password: "2468", iterations: 1_000, random: SeededRandomSource(seed: 5))
        let text = String(decoding: try JSONEncoder().encode(hash), as: UTF8.self)
        let result = try portal("kiosk", "--store", store.path, "--exit-pin-hash", text)
        #expect(result.status == 2)
        #expect(result.error.contains("--exit-pin-hash.iterations: 1000 is outside"), "\(result.error)")
    }
}
