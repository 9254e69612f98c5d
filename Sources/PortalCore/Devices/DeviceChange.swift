import Foundation

/// One change to a user's device, applied atomically by the store (the file
/// under its lock, a database in one transaction), like AccountChange and
/// EnrollmentChange. The limits are checked again against what is stored at
/// that moment, so an administrator's retire in between is seen.
public enum DeviceChange: Equatable, Sendable {
    /// Graph's setDeviceName.
    case rename(userId: String, deviceId: String, name: String)
    /// Graph's retire: the Company Portal's Remove.
    case remove(userId: String, deviceId: String)
    /// Graph's wipe: the Company Portal's Reset, confirmed by the device name typed again.
    case reset(userId: String, deviceId: String, typedName: String)
    /// Graph's syncDevice: the Company Portal's Check status, for one device
    /// or (deviceId nil) all of the user's. `host` is this Linux machine as
    /// just inspected, when the portal could inspect it.
    case checkStatus(userId: String, deviceId: String?, host: HostFacts?)
}

public enum DeviceChangeResult: Equatable, Sendable {
    case renamed(ManagedDevice)
    /// The device as it was; it is no longer stored.
    case removed(ManagedDevice)
    /// The device as stored now: reset pending.
    case reset(ManagedDevice)
    /// Each device checked, in the order asked.
    case checked([DeviceCheck])
}

public enum DeviceChangeError: Error, Equatable, Sendable {
    case userNotFound
    /// Unknown, or another user's: the two read alike, so no one learns of
    /// someone else's device.
    case notYours
    case invalidName(String)
    case notOffered(String)

    public var message: String {
        switch self {
        case .userNotFound: AccountChangeError.userNotFound.message
        case .notYours: "That device is not one of your devices. It may have been removed; open My devices again."
        case let .invalidName(reason), let .notOffered(reason): reason
        }
    }
}

extension Tenant {
    /// Applies one change; throws without having changed anything.
    public mutating func apply(_ change: DeviceChange, now: Date) throws(DeviceChangeError) -> DeviceChangeResult {
        switch change {
        case let .rename(userId, deviceId, name):
            let index = try deviceIndex(deviceId, of: userId, for: .rename)
            let trimmed = DeviceName.normalized(name)
            if let problem = DeviceName.problem(trimmed, for: managedDevices[index], among: managedDevices) { throw .invalidName(problem) }
            managedDevices[index].deviceName = trimmed
            return .renamed(managedDevices[index])
        case let .remove(userId, deviceId):
            let index = try deviceIndex(deviceId, of: userId, for: .remove)
            // Remove takes the device out at once: the Company Portal drops it
            // from My devices and its access ends with its record, while the
            // device itself sheds company apps and data when it next checks in.
            let removed = managedDevices.remove(at: index)
            appInstallStates.removeAll { $0.deviceId == removed.id }
            return .removed(removed)
        case let .reset(userId, deviceId, typedName):
            let index = try deviceIndex(deviceId, of: userId, for: .reset)
            let device = managedDevices[index]
            guard DeviceName.normalized(typedName) == device.deviceName else {
                throw .notOffered("Type the device name exactly as shown, \"\(InertText.escaped(device.deviceName))\", to reset it.")
            }
            // Reset stays visible as pending: the device erases itself only
            // when it next checks in, and until then Intune lists it as "Wipe
            // pending"; the user must see that it has not happened yet.
            managedDevices[index].managementState = .wipePending
            return .reset(managedDevices[index])
        case let .checkStatus(userId, deviceId, host):
            guard let owner = user(id: userId) else { throw .userNotFound }
            let indices: [Int]
            if let deviceId {
                indices = [try deviceIndex(deviceId, of: userId, for: .checkStatus)]
            } else {
                indices = managedDevices.indices.filter { managedDevices[$0].userId == userId }
            }
            return .checked(indices.map { checkStatus(at: $0, of: owner, host: host, now: now) })
        }
    }

    /// The device's index when `userId` may take `action` on it.
    private func deviceIndex(_ deviceId: String, of userId: String, for action: DeviceAction) throws(DeviceChangeError) -> Int {
        guard user(id: userId) != nil else { throw .userNotFound }
        guard let index = managedDevices.firstIndex(where: { $0.id == deviceId }), managedDevices[index].userId == userId else {
            throw .notYours
        }
        if let refusal = managedDevices[index].refusal(of: action, by: userId) { throw .notOffered(refusal) }
        return index
    }
}

extension DeviceChange {
    /// The user the change is made for.
    public var userId: String {
        switch self {
        case let .rename(userId, _, _), let .remove(userId, _), let .reset(userId, _, _), let .checkStatus(userId, _, _): userId
        }
    }
}
