import Foundation
import PortalCore
import Testing
@testable import PortalStore

@Suite("Synthetic organizations")
struct SyntheticOrganizationTests {
    private let now = Date(timeIntervalSince1970: 1_795_000_000)
    private let size = SyntheticOrganization.Size(users: 7, devices: 40, apps: 120)

    private func make(seed: UInt64) -> Tenant {
        // Few rounds: the shared hash is not what these tests look at.
        SyntheticOrganization.make(size, seed: seed, now: now, iterations: PasswordHash.allowedIterations.lowerBound)
    }

    @Test func aSmallOneValidatesAndHasTheAskedCounts() throws {
        let tenant = make(seed: 1)
        #expect(tenant.users.count == 7)
        #expect(tenant.managedDevices.count == 40)
        #expect(tenant.mobileApps.count == 120)
        #expect(Set(tenant.mobileApps.map(\.id)).count == 120)
        #expect(StoreValidator().problems(in: tenant).isEmpty)
        // Round trip through the codec: the validator on load accepts it too.
        let decoded = try StoreCodec.decode(try StoreCodec.encode(tenant), path: "synthetic.json")
        #expect(decoded.managedDevices.count == 40)
    }

    @Test func itHasAStoreLikeSpread() {
        let tenant = make(seed: 1)
        #expect(Set(tenant.managedDevices.map(\.operatingSystem)).count >= 4)
        #expect(Set(tenant.managedDevices.map(\.complianceState)).count >= 2)
        #expect(Set(tenant.appInstallStates.map(\.installState)).count >= 2)
        #expect(Set(tenant.mobileAppAssignments.map(\.intent)).count == 2)
        // The busiest user holds a tenth of the devices, for the benchmarks.
        #expect(tenant.managedDevices.filter { $0.userId == SyntheticOrganization.busiestUserId }.count >= 4)
    }

    @Test func everyUserSharesOneHashOfThePrintedPassword() {
        let tenant = make(seed: 1)
        #expect(tenant.users.allSatisfy { $0.password == tenant.users[0].password })
        #expect(tenant.users[0].password.verify(SyntheticOrganization.password))
    }

    @Test func theSameSeedGivesTheSameBytes() throws {
        let first = try StoreCodec.encode(make(seed: 42))
        #expect(first == (try StoreCodec.encode(make(seed: 42))))
        #expect(first != (try StoreCodec.encode(make(seed: 43))))
    }

    @Test func specsParseOrSayWhatIsWrong() {
        #expect((try? SyntheticOrganization.Size.parse("devices=5,users=2,apps=0").get()) == .init(users: 2, devices: 5, apps: 0))
        for bad in ["", "users=1", "users=0,devices=1,apps=1", "users=1,devices=-1,apps=1", "users=1,devices=1,apps=1,apps=2",
                    "users=1,devices=1,cats=1", "users=1;devices=1;apps=1", "users=x,devices=1,apps=1"] {
            guard case let .failure(problem) = SyntheticOrganization.Size.parse(bad) else {
                Issue.record("accepted \(bad)")
                continue
            }
            #expect(problem.description.contains("users=U,devices=D,apps=A"))
        }
    }
}
