import Foundation
import PortalCore
import Testing
@testable import PortalStore

/// The store is written a piece at a time; the file must be what one
/// encoder pass over the whole document gives, byte for byte.
@Suite("Store written in pieces")
struct DocumentWriterTests {
    @Test func demoStoreMatchesOnePass() throws {
        let tenant = demoFixture()
        #expect(try StoreCodec.encode(tenant) == StoreCodec.encodeInOnePass(tenant))
    }

    @Test(arguments: [0, 1, 499, 500, 501, 1_234])
    func collectionsOfEverySizeMatchOnePass(devices: Int) throws {
        var tenant = SyntheticOrganization.make(SyntheticOrganization.Size(users: 3, devices: max(devices, 1), apps: 2),
                                                seed: 5, now: Date(timeIntervalSince1970: 1_795_000_000), iterations: 1)
        tenant.managedDevices = Array(tenant.managedDevices.prefix(devices))
        tenant.appInstallStates = []
        let pieces = try StoreCodec.encode(tenant)
        let whole = try StoreCodec.encodeInOnePass(tenant)
        #expect(pieces == whole, "first difference at byte \(zip(pieces, whole).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(pieces.count, whole.count))")
    }
}
