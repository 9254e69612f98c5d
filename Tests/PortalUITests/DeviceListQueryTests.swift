import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

@Suite("Device list sort and filter")
struct DeviceListQueryTests {
    static let now = Date(timeIntervalSince1970: 1_795_338_000)

    /// Adele's four demo devices, one of each state, as rows in name order.
    func adeleRows() throws -> [DeviceRow] {
        let tenant = DemoOrganization.make(now: Self.now, random: SeededRandomSource(seed: 2), iterations: 10)
        let adele = try #require(tenant.user(principalName: "adele.vance@contoso.com"))
        let data = UserPortalData(user: adele, tenant: tenant)
        return DeviceRow.rows(PortalState(data: data).myDevices, data: data, thisDeviceSerial: nil, now: Self.now)
    }

    @Test func sortsByNameStateAndLastCheckIn() throws {
        let rows = try adeleRows()
        let names = { (query: DeviceListQuery) in query.apply(rows).map(\.device.deviceName) }
        #expect(names(DeviceListQuery(sort: .name)) == ["ADELE-SURFACE", "Adele's iPhone", "Adele's MacBook Air", "Pixel 8"])
        #expect(names(DeviceListQuery(sort: .state)) == ["ADELE-SURFACE", "Adele's MacBook Air", "Pixel 8", "Adele's iPhone"])
        let byCheckIn = DeviceListQuery(sort: .lastCheckIn).apply(rows)
        let dates = byCheckIn.map { $0.device.lastSyncDateTime ?? .distantPast }
        #expect(dates == dates.sorted(by: >))
    }

    @Test func neverCheckedInComesLastAndTiesKeepNameOrder() {
        func device(_ name: String, _ sync: Date?) -> ManagedDevice {
            ManagedDevice(id: name, userId: "u", userPrincipalName: "u@x", deviceName: name, managedDeviceOwnerType: .company,
                          enrolledDateTime: Self.now, lastSyncDateTime: sync, operatingSystem: .android, osVersion: "14",
                          isEncrypted: true, model: "m", manufacturer: "x", serialNumber: name, passcode: nil)
        }
        let evaluation = ComplianceEvaluation(factsState: .compliant, reportedState: .compliant, graceDeadline: nil, results: [], hasReported: true)
        let rows = [device("a", nil), device("b", Self.now), device("c", Self.now.addingTimeInterval(-60)), device("d", Self.now)]
            .map { DeviceRow($0, evaluation: evaluation, thisDeviceSerial: nil) }
        #expect(DeviceListQuery(sort: .lastCheckIn).apply(rows).map(\.device.id) == ["b", "d", "c", "a"])
    }

    @Test func filtersByPlatformAndState() throws {
        let rows = try adeleRows()
        #expect(DeviceListQuery(platform: .windows).apply(rows).map(\.device.deviceName) == ["ADELE-SURFACE"])
        #expect(DeviceListQuery(state: .compliant).apply(rows).map(\.device.deviceName) == ["Adele's iPhone"])
        #expect(DeviceListQuery(state: .inGracePeriod).apply(rows).map(\.device.deviceName) == ["Adele's MacBook Air"])
        #expect(DeviceListQuery(state: .unknown).apply(rows).map(\.device.deviceName) == ["Pixel 8"])
        let none = DeviceListQuery(platform: .windows, state: .compliant)
        #expect(none.apply(rows).isEmpty)
        #expect(none.emptyReason == "None of your devices runs Windows and is compliant.")
        #expect(DeviceListQuery(platform: .linux).emptyReason == "None of your devices runs Linux.")
        #expect(DeviceListQuery(state: .unknown).emptyReason == "None of your devices has an unknown state.")
    }

    @Test func stateGroupsCoverEveryState() {
        for state in ComplianceState.allCases {
            let groups = DeviceListQuery.StateFilter.allCases.filter { $0.matches(state) }
            #expect(groups.count == 1, "\(state) is in \(groups)")
        }
    }

    @Test func cyclesThroughPresentPlatformsEveryStateAndEachSort() {
        var query = DeviceListQuery()
        var platforms: [DevicePlatform?] = []
        for _ in 0..<4 {
            query.platform = query.nextPlatform(among: [.linux, .iOS, .windows])
            platforms.append(query.platform)
        }
        #expect(platforms == [.iOS, .windows, .linux, nil])
        var states: [DeviceListQuery.StateFilter?] = []
        for _ in 0..<5 {
            query.state = query.nextState
            states.append(query.state)
        }
        #expect(states == [.compliant, .inGracePeriod, .notCompliant, .unknown, nil])
        #expect([query.nextSort, DeviceListQuery(sort: .state).nextSort, DeviceListQuery(sort: .lastCheckIn).nextSort] == [.state, .lastCheckIn, .name])
    }

    @Test func thisDeviceIsTheOneWhoseSerialMatches() {
        let device = ManagedDevice(id: "d", userId: "u", userPrincipalName: "u@x", deviceName: "box", managedDeviceOwnerType: .company,
                                   enrolledDateTime: Self.now, lastSyncDateTime: nil, operatingSystem: .linux, osVersion: "22.04",
                                   isEncrypted: true, model: "ThinkPad", manufacturer: "LENOVO", serialNumber: "linux-abc", passcode: nil)
        let evaluation = ComplianceEvaluation(factsState: .unknown, reportedState: .unknown, graceDeadline: nil, results: [], hasReported: false)
        #expect(DeviceRow(device, evaluation: evaluation, thisDeviceSerial: "linux-abc").isThisDevice)
        #expect(!DeviceRow(device, evaluation: evaluation, thisDeviceSerial: "linux-abd").isThisDevice)
        #expect(!DeviceRow(device, evaluation: evaluation, thisDeviceSerial: nil).isThisDevice)
        #expect(DeviceRow(device, evaluation: evaluation, thisDeviceSerial: nil).makeAndModel == "LENOVO ThinkPad")
        #expect(DeviceRow.makeAndModel(manufacturer: "Apple", model: "Apple iPhone 15") == "Apple iPhone 15")
        #expect(DeviceRow.makeAndModel(manufacturer: "", model: "") == "Not reported")
    }
}
