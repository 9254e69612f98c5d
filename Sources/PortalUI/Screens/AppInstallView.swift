import Foundation
import PortalCore

/// How an app stands on a device: the words for the list's Status column and
/// the block at the top of the app's detail, with a progress bar while the
/// device agent works. Glyph and word go with every color.
enum AppInstallView {
    /// The state on one device as the list shows it: "✓ Installed", "↓ Downloading 45%".
    /// Not `live`: only what the store says ("… Installing"), for a kept document.
    static func status(_ entry: CatalogEntry, on device: ManagedDevice, _ state: PortalState, live: Bool = true) -> Span {
        let record = state.installs.record(appId: entry.id, deviceId: device.id)
        if let record, let request = record.installRequest, !live {
            let phase: InstallPhase = state.installs.isQueued(record) ? .queued : request.action == .install ? .installing : .uninstalling
            return Span("\(glyph(phase)) \(phase.label)", .inGracePeriod)
        }
        if let record, let progress = progress(record, entry, state) {
            // Waiting has no measure: only downloading and installing show how far they are.
            let percent = [.queued, .pending].contains(progress.phase) ? "" : " \(Int((progress.fraction * 100).rounded(.down)))%"
            return Span("\(glyph(progress.phase)) \(progress.phase.label)\(percent)", .inGracePeriod)
        }
        let installState = record?.installState ?? .notInstalled
        if installState == .notInstalled, !CatalogScope(device: device).applies(to: entry.app) { return Span("- Needs update", .dim) }
        return installState.badge
    }

    static func progress(_ record: AppInstallState, _ entry: CatalogEntry, _ state: PortalState) -> InstallProgress? {
        state.appInstalls.agent.progress(record, app: entry.app, isQueued: state.installs.isQueued(record))
    }

    static func glyph(_ phase: InstallPhase) -> String {
        switch phase {
        case .queued, .pending: "…"
        case .downloading: "↓"
        case .installing, .uninstalling: "⟳"
        }
    }

    /// The detail's block: the device, the state in words, what can be done.
    static func lines(_ entry: CatalogEntry, _ state: PortalState, width: Int) -> [StyledLine] {
        let app = entry.app
        var lines: [StyledLine] = []
        let required = entry.intent == .required
        if required {
            lines += StyledLine.wrapped("Required by your organization: it installs automatically and can't be uninstalled.",
                                        role: .accent, width: width) + [.blank]
        }
        guard let device = AppInstalls.target(entry, state) else {
            let count = state.myDevices.filter { app.platforms.contains($0.operatingSystem) }.count
            lines += StyledLine.wrapped(count == 0 ? "None of your devices can run this app."
                                        : "\(count) of your devices can run this app: press d to choose the one to install it on.",
                                        role: .dim, width: width)
            return lines + [.blank]
        }
        var status: [StyledLine] = []
        let record = state.installs.record(appId: entry.id, deviceId: device.id)
        if let record, let progress = progress(record, entry, state) {
            status.append(StyledLine([Span("\(glyph(progress.phase)) \(progress.phase.label)", .inGracePeriod)] + detailText(progress, app, record, state)))
            if progress.phase != .queued { status.append(bar(progress.fraction, width: width)) }
        } else if let refusal = AppAvailability.refusal(app, intent: entry.intent, on: device) {
            status += StyledLine.wrapped("✗ " + refusal, role: .noncompliant, width: width)
        } else {
            let installState = record?.installState ?? .notInstalled
            var line = [installState.badge]
            switch installState {
            case .failed:
                line.append(Span(" · " + AppInstallError.sentence(record?.errorCode) + " Press i to retry."))
            case .installed:
                line.append(Span(required ? " · Press i to reinstall." : " · Press i to reinstall, u to uninstall."))
            case .pendingInstall:
                line.append(Span(" · Waiting for \(device.deviceName) to check in."))
            case .notInstalled, .notApplicable, .unknown, .uninstallFailed:
                line.append(Span(" · Press i to install."))
            }
            status += StyledLine.wrapped(line.map(\.text).joined(), role: line[0].role, width: width)
        }
        lines.append(StyledLine([Span("On ", .dim), Span(device.deviceName, .accent)]))
        return lines + status + [.blank]
    }

    private static func detailText(_ progress: InstallProgress, _ app: MobileApp, _ record: AppInstallState, _ state: PortalState) -> [Span] {
        let percent = " \(Int((progress.fraction * 100).rounded(.down)))%"
        switch progress.phase {
        case .queued:
            let ahead = state.installs.underWay.filter { $0.deviceId == record.deviceId }
            let first = InstallAgent.queues(ahead)[record.deviceId]?.first.flatMap { state.data.app(id: $0.appId)?.displayName }
            let what = record.installRequest?.action == .uninstall ? "the uninstall" : "the install"
            return [Span(first.map { " · \(what) waits for \($0) to finish" } ?? "", .dim)]
        case .pending: return [Span(" · waiting for the device to pick it up", .dim)]
        case .downloading:
            return [Span(percent), Span(" · \(AppDetailView.sizeText(progress.downloadedBytes)) of \(AppDetailView.sizeText(app.sizeInBytes))", .dim)]
        case .installing, .uninstalling: return [Span(percent)]
        }
    }

    /// "[██████░░░░░░]": filled by attribute and glyph, not by color alone.
    static func bar(_ fraction: Double, width: Int) -> StyledLine {
        let cells = max(10, min(40, width - 4))
        let filled = Int((min(1, max(0, fraction)) * Double(cells)).rounded(.down))
        return StyledLine([Span("["), Span(String(repeating: "█", count: filled), .accent),
                           Span(String(repeating: "░", count: cells - filled), .dim), Span("]")])
    }
}

extension AppInstallView {
    /// Over Apps and an app's detail: the last request's answer, and the uninstall question.
    static func view(_ state: PortalState, layout: PortalLayout, buffer: inout CellBuffer) {
        guard state.enrollment == nil, state.appProtection == nil else { return }
        let onApps = state.section == .apps || { if case .app? = state.detail { true } else { false } }()
        if onApps, let notice = state.appInstalls.notice {
            Widgets.notice(notice.text, isError: notice.isError, in: layout.content, buffer: &buffer)
        }
        if let uninstall = state.appInstalls.uninstall {
            Overlays.confirm(title: uninstall.title, message: uninstall.message, cancelLabel: AppInstalls.uninstallLabels.cancel,
                             confirmLabel: AppInstalls.uninstallLabels.confirm, confirmChosen: uninstall.confirmChosen, buffer: &buffer)
        }
    }
}
