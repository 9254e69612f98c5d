import Foundation

/// One change to app protection, applied atomically by the store (the file
/// under its lock), so a health check always reads the device's facts and
/// the policy as stored at that moment.
public enum AppProtectionChange: Equatable, Sendable {
    /// Registers the device through the broker app for one protected app and
    /// runs the device health check; registering again updates the registration.
    case register(userId: String, simulatedDeviceId: String, appIdentifier: String)
    /// The user installed and set up the threat-defense app; the next recheck counts it.
    case installThreatDefenseApp(userId: String, registrationId: String)
    /// The user removed the threat the threat-defense app found; the next recheck counts it.
    case removeThreat(userId: String, registrationId: String)
    /// Runs the device health check again.
    case recheck(userId: String, registrationId: String)

    public var userId: String {
        switch self {
        case let .register(userId, _, _), let .installThreatDefenseApp(userId, _), let .removeThreat(userId, _),
             let .recheck(userId, _): userId
        }
    }
}

public enum AppProtectionChangeError: Error, Equatable, Sendable {
    case userNotFound
    case deviceNotFound
    case registrationNotFound
    case noPolicy(String)

    public var message: String {
        switch self {
        case .userNotFound: AccountChangeError.userNotFound.message
        case .deviceNotFound: "That device is no longer offered by your organization. Choose another one."
        case .registrationNotFound: "That app registration is gone. Start again from Home (press w)."
        case let .noPolicy(text): text
        }
    }
}

extension Tenant {
    /// Applies one change; throws without having changed anything.
    public mutating func apply(_ change: AppProtectionChange, now: Date) throws(AppProtectionChangeError) -> ManagedAppRegistration {
        switch change {
        case let .register(userId, deviceId, identifier):
            guard let owner = user(id: userId) else { throw .userNotFound }
            guard let device = simulatedDevice(id: deviceId), let platform = ManagedAppPlatform(device.operatingSystem) else {
                throw .deviceNotFound
            }
            guard let policy = appProtectionPolicy(for: owner, platform: platform, app: identifier),
                  let app = policy.app(identifier: identifier) else {
                throw .noPolicy("\(organization.displayName) does not protect that app on \(platform.displayName) for you, so it needs no registration.")
            }
            let existing = managedAppRegistrations.firstIndex {
                $0.userId == userId && $0.simulatedDeviceId == deviceId && $0.appIdentifier.value == identifier
            }
            var registration = ManagedAppRegistration(
                id: "mar-\(userId)-\(deviceId)-\(identifier)", userId: userId, deviceName: device.model, deviceType: device.model,
                deviceModel: device.model, deviceManufacturer: device.manufacturer, platformVersion: device.osVersion,
                appIdentifier: app.mobileAppIdentifier, appDisplayName: app.displayName, createdDateTime: now, lastSyncDateTime: now,
                policyId: policy.id, simulatedDeviceId: deviceId,
                mobileThreatDefenseAppInstalled: device.mobileThreatDefenseAppInstalled ?? false, healthState: .healthy)
            if let existing {
                // Registering again keeps the registration and what the user installed since.
                let kept = managedAppRegistrations[existing]
                registration.id = kept.id
                registration.createdDateTime = kept.createdDateTime
                registration.mobileThreatDefenseAppInstalled = registration.mobileThreatDefenseAppInstalled || kept.mobileThreatDefenseAppInstalled
            }
            check(&registration, device: device, policy: policy, now: now)
            if let existing { managedAppRegistrations[existing] = registration } else { managedAppRegistrations.append(registration) }
            return registration
        case let .installThreatDefenseApp(userId, registrationId):
            let index = try registrationIndex(userId: userId, registrationId: registrationId)
            managedAppRegistrations[index].mobileThreatDefenseAppInstalled = true
            return managedAppRegistrations[index]
        case let .removeThreat(userId, registrationId):
            let index = try registrationIndex(userId: userId, registrationId: registrationId)
            managedAppRegistrations[index].threatRemoved = true
            return managedAppRegistrations[index]
        case let .recheck(userId, registrationId):
            let index = try registrationIndex(userId: userId, registrationId: registrationId)
            var registration = managedAppRegistrations[index]
            guard let device = simulatedDevice(id: registration.simulatedDeviceId) else { throw .deviceNotFound }
            guard let policy = managedAppProtections.first(where: { $0.id == registration.policyId }) else {
                throw .noPolicy("\(organization.displayName) no longer protects \(registration.appDisplayName) with that policy. Start again from Home (press w).")
            }
            check(&registration, device: device, policy: policy, now: now)
            managedAppRegistrations[index] = registration
            return registration
        }
    }

    /// Only the user's own registration can be changed by them.
    private func registrationIndex(userId: String, registrationId: String) throws(AppProtectionChangeError) -> Int {
        guard user(id: userId) != nil else { throw .userNotFound }
        guard let index = managedAppRegistrations.firstIndex(where: { $0.id == registrationId && $0.userId == userId }) else {
            throw .registrationNotFound
        }
        return index
    }

    /// The device health check, recorded on the registration with the device's current facts.
    private func check(_ registration: inout ManagedAppRegistration, device: SimulatedDevice, policy: ManagedAppProtection, now: Date) {
        // Once the user removed the threat, the threat-defense app reports the device secured again.
        let reported = registration.threatRemoved == true ? .secured : device.partnerReportedThreatState
        let (state, level) = AppProtectionHealthCheck.evaluate(threatState: reported,
                                                               threatDefenseAppInstalled: registration.mobileThreatDefenseAppInstalled,
                                                               policy: policy)
        registration.healthState = state
        registration.reportedThreatLevel = level
        registration.lastSyncDateTime = now
        registration.platformVersion = device.osVersion
        registration.flaggedReasons = device.jailBroken == .yes ? [.rootedDevice] : []
    }
}
