import Foundation

/// One user's devices and their install states by app, gathered once at
/// sign-in: an app's detail then reads its rows from here instead of
/// scanning every install state and device of the organization per frame.
public struct InstallStateIndex: Sendable, Equatable {
    /// The user's devices in store order, the order the detail lists them in.
    public let devices: [ManagedDevice]
    /// App id, then device id.
    private let states: [String: [String: ResultantAppState]]

    public init(tenant: Tenant, user: User) {
        devices = tenant.devices(of: user)
        let ids = Set(devices.map(\.id))
        var states: [String: [String: ResultantAppState]] = [:]
        for state in tenant.appInstallStates where ids.contains(state.deviceId) {
            // The first record for a device wins, as a linear search would find it.
            if states[state.appId]?[state.deviceId] == nil {
                states[state.appId, default: [:]][state.deviceId] = state.installState
            }
        }
        self.states = states
    }

    /// The app's state on each of the user's devices that can run it.
    public func installStates(of app: MobileApp) -> [(device: ManagedDevice, state: ResultantAppState)] {
        let states = states[app.id] ?? [:]
        return devices.filter { app.platforms.contains($0.operatingSystem) }.map { device in
            (device, states[device.id] ?? .notInstalled)
        }
    }
}
