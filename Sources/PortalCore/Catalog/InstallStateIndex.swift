import Foundation

/// One user's devices and their install records by app, gathered once at
/// sign-in and kept current as installs change: an app's detail reads its
/// rows from here instead of scanning every install state and device of the
/// organization per frame.
public struct InstallStateIndex: Sendable, Equatable {
    /// The user's devices in store order, the order the detail lists them in.
    public let devices: [ManagedDevice]
    /// App id, then device id.
    private var records: [String: [String: AppInstallState]]
    /// The records with an install or uninstall under way, for the device
    /// agent, in the store's order (which breaks ties in its queues).
    public private(set) var underWay: [AppInstallState]
    /// App id, then device id, to the record's place in the store; records
    /// the portal added since come after.
    private var positions: [String: [String: Int]]
    private var nextPosition: Int

    public init(tenant: Tenant, user: User) {
        devices = tenant.devices(of: user)
        let ids = Set(devices.map(\.id))
        var records: [String: [String: AppInstallState]] = [:]
        var positions: [String: [String: Int]] = [:]
        for (position, record) in tenant.appInstallStates.enumerated() where ids.contains(record.deviceId) {
            // The first record for a device wins, as a linear search would find it.
            if records[record.appId]?[record.deviceId] == nil {
                records[record.appId, default: [:]][record.deviceId] = record
                positions[record.appId, default: [:]][record.deviceId] = position
            }
        }
        self.records = records
        self.positions = positions
        nextPosition = tenant.appInstallStates.count
        underWay = []
        underWay = gatherUnderWay()
    }

    private func gatherUnderWay() -> [AppInstallState] {
        records.values.flatMap(\.values).filter { $0.installRequest != nil }
            .sorted { (positions[$0.appId]?[$0.deviceId] ?? 0) < (positions[$1.appId]?[$1.deviceId] ?? 0) }
    }

    /// Every record of the user's devices.
    public var all: [AppInstallState] { records.values.flatMap(\.values) }

    public func record(appId: String, deviceId: String) -> AppInstallState? {
        records[appId]?[deviceId]
    }

    public func state(appId: String, deviceId: String) -> ResultantAppState {
        records[appId]?[deviceId]?.installState ?? .notInstalled
    }

    /// The app's state on each of the user's devices that can run it.
    public func installStates(of app: MobileApp) -> [(device: ManagedDevice, state: ResultantAppState)] {
        devices.filter { app.platforms.contains($0.operatingSystem) }.map { device in
            (device, state(appId: app.id, deviceId: device.id))
        }
    }

    /// Whether the request is waiting behind another on its device.
    public func isQueued(_ record: AppInstallState) -> Bool {
        guard let first = InstallAgent.queues(underWay.filter { $0.deviceId == record.deviceId })[record.deviceId]?.first else { return false }
        return first.appId != record.appId
    }

    /// Records as the store returned them after a change.
    public mutating func merge(_ changed: [AppInstallState]) {
        guard !changed.isEmpty else { return }
        let ids = Set(devices.map(\.id))
        for record in changed where ids.contains(record.deviceId) {
            records[record.appId, default: [:]][record.deviceId] = record
            if positions[record.appId]?[record.deviceId] == nil {
                positions[record.appId, default: [:]][record.deviceId] = nextPosition
                nextPosition += 1
            }
        }
        underWay = gatherUnderWay()
    }
}
