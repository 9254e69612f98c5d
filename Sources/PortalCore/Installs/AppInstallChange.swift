import Foundation

/// One change to the install states of a user's devices, applied atomically
/// by the store like the other changes. Availability is checked again
/// against what is stored at that moment.
public enum AppInstallChange: Equatable, Sendable {
    /// Install (Install, Reinstall, Retry) or Uninstall, asked by the user.
    case request(userId: String, appId: String, deviceId: String, action: InstallAction)
    /// How far the device agent got; a request whose work is done ends here,
    /// and the store decides how (installed, failed, uninstalled).
    case report(userId: String, [InstallReport])

    public var userId: String {
        switch self {
        case let .request(userId, _, _, _), let .report(userId, _): userId
        }
    }

    /// The apps the change is about: all a database store reads of the catalog for it.
    public var appIds: [String] {
        switch self {
        case let .request(_, appId, _, _): [appId]
        case let .report(_, reports): reports.map(\.appId)
        }
    }
}

public struct AppInstallChangeResult: Equatable, Sendable {
    /// The records the change touched, as stored now.
    public var changed: [AppInstallState]
    /// Those of them whose request ended in this change.
    public var finished: [AppInstallState]
    /// The same request was under way already: nothing was written.
    public var alreadyUnderWay = false

    public init(changed: [AppInstallState], finished: [AppInstallState] = [], alreadyUnderWay: Bool = false) {
        self.changed = changed
        self.finished = finished
        self.alreadyUnderWay = alreadyUnderWay
    }
}

public enum AppInstallChangeError: Error, Equatable, Sendable {
    case userNotFound
    /// Unknown, or another user's device: the two read alike.
    case notYours
    case unknownApp
    /// The app cannot go on that device (assignment, platform, OS version).
    case notAvailable(String)
    /// The action is not offered now (uninstall a required app, say).
    case notOffered(String)

    public var message: String {
        switch self {
        case .userNotFound: AccountChangeError.userNotFound.message
        case .notYours: DeviceChangeError.notYours.message
        case .unknownApp: "There is no such app in your organization's catalog. It may have been removed; open Apps again."
        case let .notAvailable(reason), let .notOffered(reason): reason
        }
    }
}

extension Tenant {
    /// The install records of the user's devices.
    public func installStates(userId: String) -> [AppInstallState] {
        let devices = Set(managedDevices.lazy.filter { $0.userId == userId }.map(\.id))
        return appInstallStates.filter { devices.contains($0.deviceId) }
    }

    public mutating func apply(_ change: AppInstallChange, now: Date) throws(AppInstallChangeError) -> AppInstallChangeResult {
        switch change {
        case let .request(userId, appId, deviceId, action):
            return try request(action, appId: appId, deviceId: deviceId, userId: userId, now: now)
        case let .report(userId, reports):
            guard user(id: userId) != nil else { throw .userNotFound }
            var result = AppInstallChangeResult(changed: [])
            for report in reports {
                guard let device = managedDevices.first(where: { $0.id == report.deviceId }), device.userId == userId,
                      let index = appInstallStates.firstIndex(where: { $0.appId == report.appId && $0.deviceId == report.deviceId }) else {
                    // The record is gone (the device removed, say): the portal learns it is over.
                    result.changed.append(AppInstallState(appId: report.appId, deviceId: report.deviceId, installState: .notInstalled,
                                                          lastModifiedDateTime: now))
                    continue
                }
                // A report on a request that has since ended or been replaced changes
                // nothing; the record as stored goes back, so the portal stops reporting it.
                if let request = appInstallStates[index].installRequest, request.isSame(as: report.requestedDateTime),
                   let app = mobileApps.first(where: { $0.id == report.appId }) {
                    let total = Int(InstallSchedule.duration(request.action, app).rounded(.up))
                    let progress = min(total, max(request.progressInSeconds, report.progressInSeconds))
                    if progress >= total {
                        finish(at: index, app: app, device: device, now: now)
                        result.finished.append(appInstallStates[index])
                    } else {
                        appInstallStates[index].installRequest?.progressInSeconds = progress
                    }
                }
                result.changed.append(appInstallStates[index])
            }
            return result
        }
    }

    private mutating func request(_ action: InstallAction, appId: String, deviceId: String, userId: String,
                                  now: Date) throws(AppInstallChangeError) -> AppInstallChangeResult {
        guard let user = user(id: userId) else { throw .userNotFound }
        guard let device = managedDevices.first(where: { $0.id == deviceId }), device.userId == userId else { throw .notYours }
        guard let app = mobileApps.first(where: { $0.id == appId }) else { throw .unknownApp }
        let intent = intent(of: appId, for: user)
        let index = appInstallStates.firstIndex { $0.appId == appId && $0.deviceId == deviceId }
        let existing = index.map { appInstallStates[$0] }
        let name = InertText.escaped(app.displayName), deviceName = InertText.escaped(device.deviceName)
        if let under = existing?.installRequest {
            if under.action == action { return AppInstallChangeResult(changed: [existing!], alreadyUnderWay: true) }
            throw .notOffered("\(name) is being \(under.action == .install ? "installed on" : "uninstalled from") \(deviceName); wait until it finishes.")
        }
        switch action {
        case .install:
            if let refusal = AppAvailability.refusal(app, intent: intent, on: device) { throw .notAvailable(refusal) }
        case .uninstall:
            if intent == .required {
                throw .notOffered("\(name) is required by your organization: it installs automatically and can't be uninstalled.")
            }
            guard let state = existing?.installState, state == .installed || state == .uninstallFailed else {
                throw .notOffered("\(name) is not installed on \(deviceName).")
            }
        }
        var record = existing ?? AppInstallState(appId: appId, deviceId: deviceId, installState: .notInstalled, lastModifiedDateTime: now)
        record.installRequest = InstallRequest(action: action, requestedDateTime: InstallRequest.storedTime(now))
        record.lastModifiedDateTime = now
        if action == .install {
            record.installState = .pendingInstall
            record.errorCode = nil
        }
        if let index { appInstallStates[index] = record } else { appInstallStates.append(record) }
        return AppInstallChangeResult(changed: [record])
    }

    /// The request's work is done: the outcome, as the organization's store decides it.
    private mutating func finish(at index: Int, app: MobileApp, device: ManagedDevice, now: Date) {
        var record = appInstallStates[index]
        guard let request = record.installRequest else { return }
        record.installRequest = nil
        record.lastModifiedDateTime = now
        switch request.action {
        case .uninstall:
            record.installState = .notInstalled
        case .install:
            let failed = record.failedAttempts ?? 0
            if let failure = app.simulatedInstallFailures?.first(where: { $0.platform == device.operatingSystem }),
               failure.attempts.map({ failed < $0 }) ?? true {
                record.installState = .failed
                record.errorCode = failure.errorCode
                record.failedAttempts = failed + 1
            } else {
                record.installState = .installed
                record.errorCode = nil
                record.failedAttempts = nil
            }
        }
        appInstallStates[index] = record
    }
}
