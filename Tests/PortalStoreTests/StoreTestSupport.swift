import Foundation
import PortalCore
@testable import PortalStore

let fixtureNow = Date(timeIntervalSince1970: 1_795_338_000)

/// The demo organization at the lowest iteration count a store may hold, so
/// every file written from it is valid; derived once and reused, as the
/// hashes cost a moment each.
func demoFixture() -> Tenant { cachedDemoFixture }

private let cachedDemoFixture = DemoOrganization.make(
    now: fixtureNow, random: SeededRandomSource(seed: 11), iterations: PasswordHash.allowedIterations.lowerBound)

/// A fresh empty folder under the system's temporary directory.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("portal-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The demo document as a JSON object, to break in a test.
func demoJSONObject() throws -> [String: Any] {
    let data = try StoreCodec.encode(demoFixture())
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
}

func jsonData(_ object: [String: Any]) throws -> Data {
    try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
}
