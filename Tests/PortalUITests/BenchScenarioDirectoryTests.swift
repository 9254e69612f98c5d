import Foundation
import PortalCore
import PortalStore
import PortalUI
import Testing

/// The bench's scenario through a directory it is given (as `portal bench
/// --store URL` gives it a database): every screen is reached and every
/// figure but the file's save is taken. No timing is asserted.
@Suite("Bench scenario on a directory")
struct BenchScenarioDirectoryTests {
    @Test func everyStepRunsThroughTheGivenDirectory() throws {
        var tenant = SyntheticOrganization.make(.init(users: 3, devices: 12, apps: 20), seed: 1, now: Date(),
                                                iterations: PasswordHash.allowedIterations.lowerBound)
        let index = try #require(tenant.users.firstIndex { $0.id == SyntheticOrganization.busiestUserId })
        // The database bench makes the hash cheap in the database; here in the directory's tenant.
        tenant.users[index].password = PasswordHash.make(password: SyntheticOrganization.password, iterations: 1,
                                                         random: SeededRandomSource(seed: 7))
        let directory = InMemoryDirectory(tenant)
        let opened = Counter()
        let scenario = BenchScenario(source: .directory {
            opened.add()
            return directory
        })
        #expect(!scenario.isOverSizeCap)
        let pass = try scenario.run(userId: SyntheticOrganization.busiestUserId, password: SyntheticOrganization.password)
        #expect(Set(pass.timings.keys) == ["storeLoadMs", "firstFrameMs", "coldStartMs", "signInToHomeMs", "signInToHomeFrameMs", "homeKeyMs",
                                           "devicesOpenMs", "devicesKeyMs", "devicesSortMs", "devicesFilterMs", "deviceDetailKeyMs",
                                           "appsOpenMs", "appsKeyMs", "searchKeyMs", "searchNarrowKeyMs", "appDetailKeyMs", "installTickMs"])
        #expect(Set(pass.cursorMoves.keys) == ["devices", "apps"])
        #expect(opened.value == 1)
        // The install the scenario asked for went through the directory.
        let devices = Set(directory.tenant.managedDevices.filter { $0.userId == SyntheticOrganization.busiestUserId }.map(\.id))
        #expect(directory.tenant.appInstallStates.contains { devices.contains($0.deviceId) && $0.installRequest != nil })
    }

    @Test func aMissingUserIsAFailureNotAFigure() {
        let directory = InMemoryDirectory(SyntheticOrganization.make(.init(users: 1, devices: 1, apps: 1), seed: 1, now: Date(),
                                                                    iterations: PasswordHash.allowedIterations.lowerBound))
        let scenario = BenchScenario(source: .directory { directory })
        #expect(throws: BenchError.self) { try scenario.run(userId: "usr-nobody", password: "x") }
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}
