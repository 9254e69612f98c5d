import Foundation
import PortalCore

/// Installs from the app's detail: what is asked, the device agent the portal
/// runs on the clock, and the checkpoints it writes. Requests go to the store
/// as one change each; the agent's progress goes as reports, one write at a
/// time, so the worker is never flooded.
public struct AppInstallsState: Equatable, Sendable {
    public struct Notice: Equatable, Sendable {
        public var text: String
        public var isError: Bool
    }

    /// The question before an uninstall; Keep is the default.
    public struct Uninstall: Equatable, Sendable {
        public let appId: String
        public let deviceId: String
        public let title: String
        public let message: String
        public var confirmChosen = false
    }

    public var agent = InstallAgent()
    /// A report is being written; the next waits for its answer.
    public var isReporting = false
    /// After a report could not be written, the next waits until then.
    public var reportAfter: Date?
    /// A request sent and not answered yet.
    public var isRequesting = false
    /// When the store's records were last read for requests made elsewhere,
    /// and whether a read is under way.
    public var lastRead: Date?
    public var isReading = false
    public var notice: Notice?
    public var uninstall: Uninstall?
    /// Counts changes of the install records and of the device shown, so
    /// the app's detail is laid out again only then (progress is drawn per frame).
    public var revision = 0

    public init() {}
}

enum AppInstalls {
    static let uninstallLabels = (confirm: "Uninstall", cancel: "Keep")

    // MARK: - Keys

    /// The app's detail: its install action named for the state, Uninstall
    /// when offered, the device, then the detail's keys.
    static func detailKeymap(_ entry: CatalogEntry, _ state: PortalState) -> Keymap {
        var bindings: [KeyBinding] = []
        let target = self.target(entry, state)
        let record = target.flatMap { state.installs.record(appId: entry.id, deviceId: $0.id) }
        let install = switch record?.installState {
        case .installed?: "Reinstall"
        case .failed?: "Retry"
        default: "Install"
        }
        for binding in Keymaps.detail.bindings {
            bindings.append(binding)
            guard binding.keys.contains(where: { $0.action == .back }) else { continue }
            // While a request runs the keys only say to wait: no hint offers them.
            let underWay = record?.installRequest != nil
            bindings.append(KeyBinding([.character("i")], .installApp, help: "Install the app on the device shown (Reinstall when installed, Retry when it failed)",
                                       hint: underWay ? nil : install))
            if record?.installState == .installed {
                // A required app keeps the key, to say why it stays, but offers no hint.
                bindings.append(KeyBinding([.character("u"), .delete], .uninstallApp, help: "Uninstall the app from the device shown (asks first)",
                                           hint: entry.intent == .required || underWay ? nil : "Uninstall"))
            }
            bindings.append(KeyBinding([.character("d")], .chooseAppDevice, help: "Show the app on another of your devices", hint: "Device"))
        }
        // The sections' hints give their room to the actions; help still lists them.
        return Keymap(bindings.map { $0.keys.contains { [.nextSection, .goHome, .signOut].contains($0.action) } ? Keymaps.withoutHint($0) : $0 },
                      mouse: Keymaps.detail.mouse)
    }

    static func keymap(_ state: PortalState) -> Keymap? {
        guard state.enrollment == nil, state.appProtection == nil else { return nil }
        if state.appInstalls.uninstall != nil {
            return Keymaps.confirmation(confirmLabel: uninstallLabels.confirm, cancelLabel: uninstallLabels.cancel)
        }
        guard case let .app(id)? = state.detail, let entry = state.data.entry(id: id) else { return nil }
        return detailKeymap(entry, state)
    }

    /// The device an install on the open app goes to: the one Apps shows, or
    /// the user's only device that runs the app.
    static func target(_ entry: CatalogEntry, _ state: PortalState) -> ManagedDevice? {
        if let index = state.appListing.deviceIndex, state.myDevices.indices.contains(index) {
            return state.myDevices[index]
        }
        let runs = state.myDevices.filter { entry.app.platforms.contains($0.operatingSystem) }
        return runs.count == 1 ? runs[0] : nil
    }

    // MARK: - Update

    /// The installs' share of a message; nil when it is not theirs.
    static func update(_ state: inout PortalState, _ message: Message, size: Size, now: Date) -> [Effect]? {
        switch message {
        case let .installsChanged(result, isReport):
            if isReport {
                state.appInstalls.isReporting = false
            } else {
                state.appInstalls.isRequesting = false
                state.appInstalls.notice = requestNotice(result, state)
            }
            if !result.finished.isEmpty { state.appInstalls.notice = finishedNotice(result.finished, state) }
            return merge(result.changed, &state, now: now)
        case let .installsRead(records):
            state.appInstalls.isReading = false
            // Only what differs from what the portal holds: another portal's or a script's requests and progress.
            let changed = records.filter { state.installs.record(appId: $0.appId, deviceId: $0.deviceId) != $0 }
            return changed.isEmpty ? [] : merge(changed, &state, now: now)
        case let .installChangeFailed(text, isReport):
            if !isReport {
                state.appInstalls.isRequesting = false
                state.appInstalls.notice = .init(text: text, isError: true)
            } else {
                // The checkpoint waits a little; progress on screen goes on, and the user learns why it is not kept.
                state.appInstalls.isReporting = false
                state.appInstalls.reportAfter = now.addingTimeInterval(10)
                state.appInstalls.notice = .init(text: "Install progress could not be saved; the portal tries again in 10 seconds. \(text)", isError: true)
            }
            return []
        case let .input(.key(key)):
            guard let uninstall = state.appInstalls.uninstall else {
                // A key moves on from the last notice, which covers the list's last row.
                let onApps = state.section == .apps || { if case .app? = state.detail { true } else { false } }()
                if onApps { state.appInstalls.notice = nil }
                return nil
            }
            let keys = Keymaps.confirmation(confirmLabel: uninstallLabels.confirm, cancelLabel: uninstallLabels.cancel)
            switch keys.action(for: key) {
            case .confirm?: return confirmUninstall(&state)
            case .cancel?: state.appInstalls.uninstall = nil
            case .choose?: return uninstall.confirmChosen ? confirmUninstall(&state) : { state.appInstalls.uninstall = nil; return [] }()
            case .switchChoice?: state.appInstalls.uninstall?.confirmChosen.toggle()
            default: break
            }
            return []
        case let .input(.mouse(event)):
            guard let uninstall = state.appInstalls.uninstall else { return nil }
            if event.kind == .click {
                let dialog = Overlays.ConfirmationLayout(message: uninstall.message, cancelLabel: uninstallLabels.cancel,
                                                         confirmLabel: uninstallLabels.confirm,
                                                         in: Rect(x: 0, y: 0, width: size.width, height: size.height))
                if dialog.confirmButton.contains(x: event.x, y: event.y) { return confirmUninstall(&state) }
                if dialog.cancelButton.contains(x: event.x, y: event.y) { state.appInstalls.uninstall = nil }
            }
            return []
        case .input(.paste):
            return state.appInstalls.uninstall == nil ? nil : []
        default:
            return nil
        }
    }

    /// Records as stored now: what is derived from them (the catalog's
    /// states, the notifications, the install-state filter, the detail) follows,
    /// and the agent goes on with them.
    private static func merge(_ records: [AppInstallState], _ state: inout PortalState, now: Date) -> [Effect] {
        state.data.merge(records)
        state.notifications.invalidate()
        state.appInstalls.revision += 1
        state.appListing.invalidate()
        return work(&state, now: now)
    }

    /// Runs the device agent up to now and writes what it reached: every
    /// message passes here, so the clock is never missed.
    static func work(_ state: inout PortalState, now: Date) -> [Effect] {
        read(&state, now: now) + advance(&state, now: now)
    }

    /// Requests made elsewhere (another portal, `portal app install`) are
    /// learned by reading the store again: every 5 s while installs run,
    /// else each minute.
    private static func read(_ state: inout PortalState, now: Date) -> [Effect] {
        guard !state.appInstalls.isReading else { return [] }
        guard let last = state.appInstalls.lastRead else {
            state.appInstalls.lastRead = now
            return []
        }
        let interval: TimeInterval = state.installs.underWay.isEmpty ? 60 : 5
        guard now.timeIntervalSince(last) >= interval else { return [] }
        state.appInstalls.lastRead = now
        state.appInstalls.isReading = true
        return [.readInstalls(userId: state.user.id)]
    }

    private static func advance(_ state: inout PortalState, now: Date) -> [Effect] {
        let underWay = state.installs.underWay
        let data = state.data
        let apps = { (id: String) in data.app(id: id) }
        state.appInstalls.agent.advance(to: now, records: underWay, apps: apps)
        guard !underWay.isEmpty, !state.appInstalls.isReporting, state.appInstalls.reportAfter.map({ now >= $0 }) ?? true else { return [] }
        let reports = state.appInstalls.agent.reports(underWay, apps: apps)
        guard !reports.isEmpty else { return [] }
        state.appInstalls.isReporting = true
        state.appInstalls.reportAfter = nil
        return [.changeInstalls(.report(userId: state.user.id, reports))]
    }

    static func perform(_ action: Action, _ state: inout PortalState) -> [Effect] {
        guard case let .app(id)? = state.detail, let entry = state.data.entry(id: id) else { return [] }
        guard let device = target(entry, state) else {
            let runs = state.myDevices.contains { entry.app.platforms.contains($0.operatingSystem) }
            state.appInstalls.notice = .init(text: runs ? "Choose the device to install on with d." : "None of your devices can run \(entry.app.displayName).",
                                             isError: true)
            return []
        }
        if state.appInstalls.isRequesting { return [] }
        if let request = state.installs.record(appId: entry.id, deviceId: device.id)?.installRequest {
            let doing = request.action == .install ? "installed on" : "uninstalled from"
            state.appInstalls.notice = .init(text: "\(entry.app.displayName) is being \(doing) \(device.deviceName); wait until it finishes.", isError: false)
            return []
        }
        switch action {
        case .installApp:
            if let refusal = AppAvailability.refusal(entry.app, intent: entry.intent, on: device) {
                state.appInstalls.notice = .init(text: refusal, isError: true)
                return []
            }
            return request(.install, entry, device, &state)
        case .uninstallApp:
            guard entry.intent != .required else {
                state.appInstalls.notice = .init(text: "\(entry.app.displayName) is required by your organization: it installs automatically and can't be uninstalled.", isError: true)
                return []
            }
            state.appInstalls.uninstall = .init(
                appId: entry.id, deviceId: device.id, title: "Uninstall \(entry.app.displayName)?",
                message: "\(entry.app.displayName) and the company data it holds are removed from \(device.deviceName). You can install it again from Apps at any time.")
            return []
        default:
            return []
        }
    }

    private static func confirmUninstall(_ state: inout PortalState) -> [Effect] {
        guard let uninstall = state.appInstalls.uninstall else { return [] }
        state.appInstalls.uninstall = nil
        guard let entry = state.data.entry(id: uninstall.appId),
              let device = state.myDevices.first(where: { $0.id == uninstall.deviceId }) else { return [] }
        return request(.uninstall, entry, device, &state)
    }

    private static func request(_ action: InstallAction, _ entry: CatalogEntry, _ device: ManagedDevice, _ state: inout PortalState) -> [Effect] {
        state.appInstalls.isRequesting = true
        state.appInstalls.notice = nil
        return [.changeInstalls(.request(userId: state.user.id, appId: entry.id, deviceId: device.id, action: action))]
    }

    private static func requestNotice(_ result: AppInstallChangeResult, _ state: PortalState) -> AppInstallsState.Notice? {
        guard let record = result.changed.first, let request = record.installRequest else { return nil }
        let app = state.data.app(id: record.appId)?.displayName ?? record.appId
        let device = state.myDevices.first { $0.id == record.deviceId }?.deviceName ?? record.deviceId
        let doing = request.action == .install ? "Installing \(app) on \(device)" : "Uninstalling \(app) from \(device)"
        if result.alreadyUnderWay { return .init(text: "\(doing) is under way already.", isError: false) }
        return .init(text: "\(doing): it goes on while you browse; Apps shows how many are running.", isError: false)
    }

    private static func finishedNotice(_ finished: [AppInstallState], _ state: PortalState) -> AppInstallsState.Notice? {
        guard let record = finished.last else { return nil }
        let app = state.data.app(id: record.appId)?.displayName ?? record.appId
        let device = state.myDevices.first { $0.id == record.deviceId }?.deviceName ?? record.deviceId
        switch record.installState {
        case .installed: return .init(text: "\(app) is installed on \(device).", isError: false)
        case .failed: return .init(text: "\(app) could not be installed on \(device). \(AppInstallError.sentence(record.errorCode))", isError: true)
        case .notInstalled: return .init(text: "\(app) was uninstalled from \(device).", isError: false)
        default: return nil
        }
    }

    /// How many installs and uninstalls are running or queued, for the tab.
    static func runningCount(_ state: PortalState) -> Int { state.installs.underWay.count }
}
