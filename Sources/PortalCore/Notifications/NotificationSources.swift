import Foundation

/// What the user's notifications are made from besides their devices and
/// the organization: the install records of their devices, with app names,
/// and what they have read. Gathered once when the portal reads the user.
public struct NotificationSources: Sendable, Equatable {
    /// One app's install state on one of the user's devices.
    public struct Install: Sendable, Equatable {
        public var appId: String
        public var appName: String
        public var deviceId: String
        public var state: ResultantAppState
        public var errorCode: Int?
        public var date: Date

        public init(appId: String, appName: String, deviceId: String, state: ResultantAppState, errorCode: Int? = nil, date: Date) {
            self.appId = appId
            self.appName = appName
            self.deviceId = deviceId
            self.state = state
            self.errorCode = errorCode
            self.date = date
        }
    }

    /// Only failed and installed records: the others make no notification.
    public var installs: [Install]
    public var readIds: Set<String>

    public init(installs: [Install], readIds: Set<String>) {
        self.installs = installs
        self.readIds = readIds
    }

    public init(tenant: Tenant, user: User, devices: [ManagedDevice]) {
        let deviceIds = Set(devices.map(\.id))
        let names = Dictionary(tenant.mobileApps.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        installs = tenant.appInstallStates.compactMap { record in
            guard deviceIds.contains(record.deviceId), record.installState == .failed || record.installState == .installed,
                  let name = names[record.appId] else { return nil }
            return Install(appId: record.appId, appName: name, deviceId: record.deviceId, state: record.installState,
                           errorCode: record.errorCode, date: record.lastModifiedDateTime)
        }
        readIds = tenant.readNotificationIds(userId: user.id)
    }
}
