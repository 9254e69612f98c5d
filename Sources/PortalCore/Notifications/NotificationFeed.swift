import Foundation

/// Makes a user's notifications from the state of their devices and apps and
/// from the organization's messages. Pure: the same inputs and time give the
/// same list, newest first.
public enum NotificationFeed {
    /// How long an install that finished stays news.
    public static let recentInstallWindow: TimeInterval = 3 * 86_400

    /// Where the organization has no mail app to decide it, a device reaches
    /// email while it may access company resources: compliant, or in grace.
    public static func reachesEmail(_ device: ManagedDevice, _ evaluation: ComplianceEvaluation) -> Bool {
        switch evaluation.state {
        case .compliant, .inGracePeriod, .configManager: true
        case .noncompliant, .unknown, .conflict, .error: false
        }
    }

    public static func notifications(user: User, organization: Organization, devices: [(ManagedDevice, ComplianceEvaluation)],
                                     sources: NotificationSources, now: Date,
                                     reachesEmail: (ManagedDevice, ComplianceEvaluation) -> Bool = reachesEmail) -> [UserNotification] {
        var notes: [UserNotification] = []
        let org = organization.displayName
        var lostSince: [Date] = []
        for (device, evaluation) in devices {
            guard let note = noncompliance(device, evaluation, organization: org,
                                           validityDays: organization.complianceValidityPeriodDays) else { continue }
            notes.append(note)
            lostSince.append(note.date)
        }
        if !devices.contains(where: { reachesEmail($0.0, $0.1) }) {
            notes.append(enrollForEmail(organization: org, hasDevices: !devices.isEmpty, lostSince: lostSince.max(), now: now))
        }
        let names = Dictionary(devices.map { ($0.0.id, $0.0.deviceName) }, uniquingKeysWith: { first, _ in first })
        notes += installs(sources.installs, deviceNames: names, now: now)
        notes += organization.notifications(for: user, now: now).map { message in
            UserNotification(id: "org/\(message.id)", kind: .organization(id: message.id), title: message.title,
                             body: message.body, date: message.createdDateTime)
        }
        for index in notes.indices { notes[index].isRead = sources.readIds.contains(notes[index].id) }
        return notes.sorted { ($0.date, $1.id) > ($1.date, $0.id) }
    }

    /// One per episode of noncompliance: it starts when the device first
    /// failed a setting it still fails (or when its check-in went stale).
    static func noncompliance(_ device: ManagedDevice, _ evaluation: ComplianceEvaluation, organization: String,
                              validityDays: Int) -> UserNotification? {
        guard evaluation.state == .noncompliant || evaluation.state == .inGracePeriod else { return nil }
        let stale = evaluation.failures.contains { $0.setting == "lastSyncDateTime" }
        let since: Date
        if stale, let lastSync = device.lastSyncDateTime {
            // A silent device became noncompliant when its validity period ran
            // out; the next check-in moves lastSync and so makes a new event.
            let expired = lastSync.addingTimeInterval(Double(max(0, min(validityDays, 36_500))) * 86_400)
            since = device.noncompliantSinceDateTime.map { min($0, expired) } ?? expired
        } else {
            since = device.noncompliantSinceDateTime ?? device.lastSyncDateTime ?? device.enrolledDateTime
        }
        let failing = evaluation.failures.map(\.title)
        let what = failing.isEmpty ? "its compliance settings" : Plural.list(failing)
        let name = device.deviceName
        let inGrace = evaluation.state == .inGracePeriod
        let body = inGrace
            ? "\(name) no longer meets \(organization)'s requirements: \(what). It can still access company resources until the deadline below; after that, access ends until the device is fixed. Open Devices to see how to resolve each setting."
            : "\(name) does not meet \(organization)'s requirements: \(what). It cannot access company resources until it does. Open Devices to see how to resolve each setting, then choose Check status."
        return UserNotification(id: "device/\(device.id)/noncompliant/\(stamp(since))", kind: .deviceNoncompliant(deviceId: device.id),
                                title: inGrace ? "\(name) is out of compliance" : "\(name) is not compliant",
                                body: body, date: since, deadline: evaluation.graceDeadline)
    }

    /// Seed 002, step 1: once email needs an enrolled device, the user is told
    /// to enroll one. A new loss of access (the latest device failing) is a new message.
    static func enrollForEmail(organization: String, hasDevices: Bool, lostSince: Date?, now: Date) -> UserNotification {
        var body = "\(organization) requires a device to be enrolled for management before it can get work email. Until you enroll your device, no further email from your work account arrives on it."
        body += hasDevices
            ? " None of your enrolled devices can reach email now: fix them under Devices, or enroll this device. The walkthrough takes a few minutes."
            : " Enroll this device: a walkthrough takes you through it step by step in a few minutes."
        return UserNotification(id: "enroll-for-email/\(lostSince.map(stamp) ?? "no-device")", kind: .enrollForEmail,
                                title: "Enroll your device to keep access to email", body: body, date: lostSince ?? now)
    }

    /// A failure per app and device; installs that finished lately, grouped per device.
    static func installs(_ installs: [NotificationSources.Install], deviceNames: [String: String], now: Date) -> [UserNotification] {
        var notes: [UserNotification] = []
        var installed: [String: [NotificationSources.Install]] = [:]
        for install in installs {
            guard let device = deviceNames[install.deviceId] else { continue }
            switch install.state {
            case .failed:
                notes.append(UserNotification(
                    id: "app/\(install.appId)/\(install.deviceId)/failed/\(stamp(install.date))",
                    kind: .appInstallFailed(appId: install.appId, deviceId: install.deviceId),
                    title: "\(install.appName) could not be installed",
                    body: "\(install.appName) could not be installed on \(device). \(AppInstallError.sentence(install.errorCode)) Open Apps, choose \(install.appName) and install it again; if it fails again, contact IT support\(install.errorCode == nil ? "" : " and give them the error code").",
                    date: install.date))
            case .installed where install.date <= now && now.timeIntervalSince(install.date) < recentInstallWindow:
                installed[install.deviceId, default: []].append(install)
            default:
                break
            }
        }
        for (deviceId, group) in installed {
            let device = deviceNames[deviceId] ?? deviceId
            let apps = group.sorted { $0.appName.localizedStandardCompare($1.appName) == .orderedAscending }.map(\.appName)
            let latest = group.map(\.date).max()!
            let single = apps.count == 1
            notes.append(UserNotification(
                id: "device/\(deviceId)/installed/\(stamp(latest))", kind: .appsInstalled(deviceId: deviceId),
                title: single ? "\(apps[0]) is installed" : "\(apps.count) apps installed on \(device)",
                body: single ? "\(apps[0]) finished installing on \(device) and is ready to use."
                    : "These apps finished installing on \(device) and are ready to use: \(Plural.list(apps)).",
                date: latest))
        }
        return notes
    }

    /// Seconds since 1970: the moment that tells one event from the next.
    static func stamp(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        return seconds.isFinite && abs(seconds) < 1e15 ? String(Int(seconds.rounded(.down))) : "0"
    }
}

extension UserPortalData {
    /// The user's notifications now, newest first.
    /// - Parameter evaluate: the devices' evaluations when the caller has them already.
    public func notifications(now: Date, readIds: Set<String>? = nil,
                              evaluate given: ((ManagedDevice) -> ComplianceEvaluation)? = nil) -> [UserNotification] {
        var sources = notificationSources
        if let readIds { sources.readIds = readIds }
        let evaluated = devices.map { ($0, given?($0) ?? evaluate($0, now: now)) }
        return NotificationFeed.notifications(user: user, organization: organization,
                                              devices: evaluated, sources: sources, now: now) { device, compliance in
            // Conditional access decides when the organization has Exchange Online.
            guard let mail = access(device, compliance: compliance).apps.first(where: { $0.app.id == CloudApp.exchangeOnline.id }) else {
                return NotificationFeed.reachesEmail(device, compliance)
            }
            return mail.verdict != .cannotAccess
        }
    }
}
