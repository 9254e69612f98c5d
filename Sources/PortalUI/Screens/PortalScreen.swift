import Foundation
import PortalCore

/// Update and view of the signed-in portal: the chrome (header, tabs, hint
/// bar) and dispatch to the open section or detail.
enum PortalScreen {
    static func update(_ state: inout PortalState, _ message: Message, context: PortalContext, size: Size, now: Date) -> [Effect] {
        DevicesScreen.observe(message, &state)
        AppsScreen.observe(message, &state)
        // The device agent runs on every message's clock, whatever else the message does.
        let agentEffects = AppInstalls.work(&state, now: now)
        return agentEffects + updateSections(&state, message, context: context, size: size, now: now)
    }

    private static func updateSections(_ state: inout PortalState, _ message: Message, context: PortalContext, size: Size, now: Date) -> [Effect] {
        let layout = PortalLayout(size: size)
        // Before: moves and clamping read the shown document's current lines.
        refreshDocuments(&state, context: context, size: size, now: now)
        var effects: [Effect] = []
        if let handled = AppProtectionHost.update(&state, message, context: context, size: size, now: now) {
            refreshDocuments(&state, context: context, size: size, now: now)
            return handled
        }
        if let handled = DeviceActions.update(&state, message, context: context, size: size, now: now) {
            refreshDocuments(&state, context: context, size: size, now: now)
            return handled
        }
        if let handled = EnrollmentHost.update(&state, message, context: context, size: size, now: now) {
            refreshDocuments(&state, context: context, size: size, now: now)
            return handled
        }
        if let handled = DiagnosticsScreen.update(&state, message) { return handled }
        if let handled = AppInstalls.update(&state, message, size: size, now: now) {
            refreshDocuments(&state, context: context, size: size, now: now)
            return handled
        }
        switch message {
        case .input(.key), .input(.paste):
            // An open form or dialog of Security info takes every key.
            if state.detail == nil, state.section == .security, state.security.mode != nil {
                effects = SecurityInfo.handleInMode(message, &state, context: context)
            } else if state.detail == nil, state.section == .apps, case let .input(.paste(text)) = message {
                _ = AppsScreen.paste(text, &state)
            } else if case let .input(.key(key)) = message {
                if state.detail == nil, state.section == .apps, AppsScreen.type(key, &state, visible: Table.visibleRows(in: layout.table)) {
                    return []
                }
                effects = handle(key, &state, context: context, layout: layout, now: now)
            }
        case let .input(.mouse(event)):
            effects = handle(event, &state, context: context, layout: layout, now: now)
        case .input(.resize):
            clampLists(&state, layout: layout)
            clampDocuments(&state, context: context, layout: layout, now: now)
        case .accountChanged, .accountChangeFailed:
            effects = SecurityInfo.receive(message, &state, context: context, layout: layout)
        case .notificationsChanged, .notificationChangeFailed:
            NotificationsScreen.receive(message, &state)
        case let .portalReread(data):
            StoreChanges.take(data, &state)
            clampLists(&state, layout: layout)
        case let .catalogLoaded(entries):
            effects = AppsScreen.receiveCatalog(entries, &state)
        case let .catalogFailed(reason):
            state.catalogProblem = reason
        default:
            break
        }
        // After: a key may have opened a detail or gone back Home.
        refreshDocuments(&state, context: context, size: size, now: now)
        return effects + NotificationsScreen.markOpenedRead(&state)
    }

    // MARK: - Documents kept in the state

    /// Lays out the shown document again only when its key changed: the first
    /// message after sign-in, a width change, a new minute (for documents that
    /// show times) or another detail. A tick within the minute changes nothing.
    static func refreshDocuments(_ state: inout PortalState, context: PortalContext, size: Size, now: Date) {
        // Home and the tabs show the notifications: made first.
        state.deviceEvaluations.refresh(state.data, now: now)
        let evaluations = state.deviceEvaluations, data = state.data
        state.notifications.refresh(data, now: now) { evaluations.evaluation(of: $0, data: data, now: now) }
        DevicesScreen.refresh(&state, now: now)
        AppsScreen.refresh(&state)
        // Below the minimum nothing is laid out; the next size that fits lays out.
        guard !size.isBelowMinimum else { return }
        let width = size.width - 3
        if let detail = state.detail {
            let key = documentKey(.detail(detail), state, width: width, now: now)
            guard state.detailDocument?.key != key else { return }
            state.detailDocument = DocumentLines(key: key, lines: layOut(.detail(detail), state, context: context, width: width, now: now))
            state.documentBuilds += 1
            return
        }
        state.detailDocument = nil
        guard state.section == .home else { return }
        let key = documentKey(.home, state, width: width, now: now)
        guard state.home?.key != key else { return }
        state.home = DocumentLines(key: key, lines: layOut(.home, state, context: context, width: width, now: now))
        state.documentBuilds += 1
    }

    static func documentKey(_ document: DocumentLines.Document, _ state: PortalState, width: Int, now: Date) -> DocumentLines.Key {
        let showsTime: Bool = switch document {
        case .home, .detail(.device), .detail(.notification), .detail(.resolution): true
        case .detail(.app): false
        }
        let showsInstalls = if case .detail(.app) = document { true } else { false }
        return DocumentLines.Key(document: document, width: width, minute: showsTime ? DocumentLines.minute(of: now) : nil,
                                 revision: showsInstalls ? state.appInstalls.revision : 0)
    }

    /// The document's lines as drawn: the kept ones when still current, else
    /// laid out now (the first frame after sign-in, before any message).
    static func documentLines(_ document: DocumentLines.Document, _ state: PortalState, context: PortalContext, width: Int, now: Date) -> [StyledLine] {
        let kept = document == .home ? state.home : state.detailDocument
        if let kept, kept.key == documentKey(document, state, width: width, now: now) { return kept.lines }
        return layOut(document, state, context: context, width: width, now: now)
    }

    private static func layOut(_ document: DocumentLines.Document, _ state: PortalState, context: PortalContext, width: Int, now: Date) -> [StyledLine] {
        switch document {
        case .home: HomeView.lines(state, context: context, width: width, now: now).map(indented)
        case let .detail(detail): detailLines(detail, state, context: context, width: width, now: now).map(indented)
        }
    }

    /// The keys of the open section or detail.
    static func keymap(_ state: PortalState) -> Keymap {
        if let wizard = state.appProtection { return AppProtectionWizard.keymap(wizard) }
        if let wizard = state.enrollment { return EnrollmentWizard.keymap(wizard) }
        if case let .notification(id)? = state.detail {
            return NotificationKeymaps.detail(offersEnrollment: state.notifications.notification(id: id)?.offersEnrollment ?? false)
        }
        if let keymap = DiagnosticsScreen.keymap(state) { return keymap }
        if let keymap = AppInstalls.keymap(state) { return keymap }
        if let keymap = DeviceActions.keymap(state) { return keymap }
        if let detail = state.detail { return DeviceDetailFocus.keymap(detail, state) }
        switch state.section {
        case .devices: return Keymaps.devices
        case .apps: return AppsScreen.keymap(state)
        case .security: return SecurityInfo.keymap(state.security)
        case .home: return Keymaps.home
        case .support: return DiagnosticsScreen.supportKeys
        case .notifications: return NotificationKeymaps.list
        }
    }

    private static func handle(_ key: Key, _ state: inout PortalState, context: PortalContext, layout: PortalLayout, now: Date) -> [Effect] {
        guard let action = keymap(state).action(for: key) else { return [] }
        if let effects = NotificationsScreen.handle(action, &state, now: now) { return effects }
        if let effects = DeviceDetailFocus.handle(action, &state, context: context, layout: layout, now: now) { return effects }
        let count = PortalState.Section.allCases.count
        switch action {
        case .nextSection: select(PortalState.Section(rawValue: (state.section.rawValue + 1) % count)!, &state)
        case .previousSection: select(PortalState.Section(rawValue: (state.section.rawValue + count - 1) % count)!, &state)
        case .goHome: select(.home, &state)
        case .goDevices: select(.devices, &state)
        case .goApps: select(.apps, &state)
        case .goSecurity: select(.security, &state)
        case .goSupport: select(.support, &state)
        case .goNotifications: select(.notifications, &state)
        case .back: state.detail = nil
        case .open: open(&state, context: context)
        case .addMethod, .activateToken, .renameMethod, .setDefaultMethod, .removeMethod, .changePassword:
            return SecurityInfo.perform(action, &state, context: context, now: now)
        case .enrollDevice:
            return EnrollmentHost.start(&state, now: now)
        case .sortDevices, .filterPlatform, .filterState, .clearFilters:
            DevicesScreen.perform(action, &state, now: now, visible: Table.visibleRows(in: layout.table))
        case .searchApps, .chooseAppDevice, .nextCategory, .sortApps, .filterAvailability, .filterInstallState, .clearSearch:
            AppsScreen.perform(action, &state, visible: Table.visibleRows(in: layout.table))
        case .useWorkApps:
            return AppProtectionHost.start(&state, now: now)
        case .checkStatus, .checkAllDevices, .renameDevice, .removeDevice, .resetDevice:
            return DeviceActions.perform(action, &state, context: context, now: now)
        case .saveDiagnostics:
            return DiagnosticsScreen.start(&state, context: context)
        case .installApp, .uninstallApp:
            return AppInstalls.perform(action, &state)
        default:
            if let move = move(for: action) { apply(move, &state, context: context, layout: layout, now: now) }
        }
        return []
    }

    static func move(for action: Action) -> ListState.Move? {
        switch action {
        case .moveUp: .up
        case .moveDown: .down
        case .pageUp: .pageUp
        case .pageDown: .pageDown
        case .first: .first
        case .last: .last
        default: nil
        }
    }

    private static func select(_ section: PortalState.Section, _ state: inout PortalState) {
        // A notice answers the last action; coming back to the tab later, it would be stale.
        if section != state.section { state.security.notice = nil }
        state.section = section
        state.detail = nil
    }

    private static func open(_ state: inout PortalState, context: PortalContext) {
        guard state.detail == nil else { return }
        switch state.section {
        case .devices:
            guard let device = state.selectedListDevice else { return }
            state.detail = .device(id: device.id)
        case .apps:
            guard let entry = state.appListing.entry(state.appList.selected) else { return }
            state.detail = .app(id: entry.id)
        case .notifications:
            guard state.notifications.feed.indices.contains(state.notifications.list.selected) else { return }
            state.detail = .notification(id: state.notifications.feed[state.notifications.list.selected].id)
        case .home, .security, .support:
            return
        }
        state.detailScroll = ScrollState()
    }

    private static func apply(_ move: ListState.Move, _ state: inout PortalState, context: PortalContext, layout: PortalLayout, now: Date) {
        let width = layout.size.width
        let visible = layout.content.height
        if state.detail != nil {
            state.detailScroll.apply(move, lines: shownDetailLines(state, context: context, width: width - 3, now: now).count, visible: visible)
            return
        }
        let rows = Table.visibleRows(in: layout.table)
        switch state.section {
        case .home:
            state.homeScroll.apply(move, lines: documentLines(.home, state, context: context, width: width - 3, now: now).count, visible: visible)
        case .devices:
            state.deviceList.apply(move, count: state.deviceListing.rows.count, visible: rows)
        case .apps:
            state.appList.apply(move, count: state.appListing.rows.count, visible: rows)
        case .security:
            state.security.list.apply(move, count: state.user.mfaMethods.count,
                                      visible: Table.visibleRows(in: SecurityInfo.table(layout)))
        case .support:
            state.supportScroll.apply(move, lines: SupportView.lines(context: context, width: width - 3).count, visible: visible)
        case .notifications:
            state.notifications.list.apply(move, count: state.notifications.feed.count, visible: rows)
        }
    }

    private static func clampLists(_ state: inout PortalState, layout: PortalLayout) {
        let rows = Table.visibleRows(in: layout.table)
        state.deviceList.clamp(count: state.deviceListing.rows.count, visible: rows)
        state.appList.clamp(count: state.appListing.rows.count, visible: rows)
        state.notifications.list.clamp(count: state.notifications.feed.count, visible: rows)
        state.security.list.clamp(count: state.user.mfaMethods.count, visible: Table.visibleRows(in: SecurityInfo.table(layout)))
    }

    /// A window that grew shows the top of a document that now fits, and
    /// never a scroll position past the end.
    private static func clampDocuments(_ state: inout PortalState, context: PortalContext, layout: PortalLayout, now: Date) {
        // Below the minimum nothing is laid out; the next size that fits clamps.
        guard !layout.size.isBelowMinimum else { return }
        let width = layout.size.width - 3
        let visible = layout.content.height
        if state.detail != nil {
            state.detailScroll.clamp(lines: shownDetailLines(state, context: context, width: width, now: now).count, visible: visible)
        }
        switch state.section {
        case .home:
            state.homeScroll.clamp(lines: documentLines(.home, state, context: context, width: width, now: now).count, visible: visible)
        case .support:
            state.supportScroll.clamp(lines: SupportView.lines(context: context, width: width).count, visible: visible)
        case .devices, .apps, .security, .notifications:
            break
        }
    }

    private static func handle(_ event: MouseEvent, _ state: inout PortalState, context: PortalContext, layout: PortalLayout, now: Date) -> [Effect] {
        // An open form or dialog of Security info takes the mouse too.
        if state.detail == nil, state.section == .security, state.security.mode != nil {
            return SecurityInfo.click(event, &state, context: context, layout: layout)
        }
        switch event.kind {
        case .scrollUp: apply(.up, &state, context: context, layout: layout, now: now)
        case .scrollDown: apply(.down, &state, context: context, layout: layout, now: now)
        case .click:
            if let tab = layout.tabs(active: state.section, unread: state.notifications.unreadLabel, installing: AppInstalls.runningCount(state))
                .first(where: { $0.rect.contains(x: event.x, y: event.y) }) {
                select(tab.section, &state)
                return []
            }
            if let effects = NotificationsScreen.click(event, &state, context: context, layout: layout, now: now) { return effects }
            // The last column is the scroll bar: a click pages toward it.
            if event.x == layout.size.width - 1, layout.content.contains(x: event.x, y: event.y) {
                let upper = event.y < layout.content.y + layout.content.height / 2
                apply(upper ? .pageUp : .pageDown, &state, context: context, layout: layout, now: now)
                return []
            }
            let table = state.section == .security ? SecurityInfo.table(layout) : layout.table
            guard state.detail == nil, table.contains(x: event.x, y: event.y), event.y > table.y else { return [] }
            let list: WritableKeyPath<PortalState, ListState>
            let count: Int
            switch state.section {
            case .devices: (list, count) = (\.deviceList, state.deviceListing.rows.count)
            case .apps: (list, count) = (\.appList, state.appListing.rows.count)
            case .security: (list, count) = (\.security.list, state.user.mfaMethods.count)
            case .notifications: (list, count) = (\.notifications.list, state.notifications.feed.count)
            case .home, .support: return []
            }
            let index = state[keyPath: list].offset + event.y - table.y - 1
            guard index < count else { return [] }
            // A click selects; a click on the selected row (so a double click) opens it.
            let opens = index == state[keyPath: list].selected
            state[keyPath: list].selected = index
            if opens { open(&state, context: context) }
        }
        return []
    }

    /// The open detail's lines as drawn, or none.
    static func shownDetailLines(_ state: PortalState, context: PortalContext, width: Int, now: Date) -> [StyledLine] {
        guard let detail = state.detail else { return [] }
        let lines = documentLines(.detail(detail), state, context: context, width: width, now: now)
        // An app's install block moves with the clock: made per frame (one device),
        // below the kept name and publisher, so a tick never lays out the rest again.
        guard case let .app(id) = detail, let entry = state.data.entry(id: id) else { return lines }
        let split = min(AppDetailView.headerLines, lines.count)
        return Array(lines[..<split]) + AppInstallView.lines(entry, state, width: width).map(indented) + lines[split...]
    }

    static func detailLines(_ detail: PortalState.Detail, _ state: PortalState, context: PortalContext, width: Int, now: Date) -> [StyledLine] {
        switch detail {
        case let .device(id):
            guard let device = state.myDevices.first(where: { $0.id == id }) else { return [] }
            var lines = DeviceDetailView.lines(device, data: state.data, context: context, width: width, now: now)
            // Below the name: a pending reset or removal, and what Check status found.
            lines.insert(contentsOf: DeviceActions.detailLines(device, state, context: context, width: width), at: min(1, lines.count))
            return lines
        case let .app(id):
            guard let entry = state.data.entry(id: id) else { return [] }
            return AppDetailView.lines(entry, state, context: context, width: width)
        case let .notification(id):
            return NotificationsView.detailLines(id: id, state, context: context, width: width, now: now)
        case let .resolution(deviceId, policyId, setting):
            return ResolutionView.lines(deviceId: deviceId, policyId: policyId, setting: setting, state, width: width, now: now)
        }
    }

    // MARK: - View

    static func view(_ state: PortalState, context: PortalContext, now: Date, buffer: inout CellBuffer) {
        let layout = PortalLayout(size: buffer.size)
        let width = buffer.size.width
        Widgets.header(left: " \(context.organization.displayName)  Company Portal",
                       right: state.user.displayName + " (" + state.user.userPrincipalName + ")", width: width, buffer: &buffer)

        for tab in layout.tabs(active: state.section, unread: state.notifications.unreadLabel, installing: AppInstalls.runningCount(state)) {
            buffer.write(tab.text, x: tab.rect.x, y: tab.rect.y, role: tab.isActive ? .tabActive : .tab)
        }
        buffer.write(String(repeating: "─", count: width), x: 0, y: layout.separatorRow, role: .border)

        if let wizard = state.appProtection {
            AppProtectionWizardView.view(wizard, context: context, now: now, in: layout.content, buffer: &buffer)
        } else if let wizard = state.enrollment {
            EnrollmentWizardView.view(wizard, context: context, now: now, in: layout.content, buffer: &buffer)
        } else if state.detail != nil {
            let lines = shownDetailLines(state, context: context, width: width - 3, now: now)
            Widgets.scrollView(lines, offset: state.detailScroll.offset, in: layout.content, buffer: &buffer)
            DeviceDetailFocus.drawMarker(state, lines: lines, in: layout.content, buffer: &buffer)
        } else {
            switch state.section {
            case .home:
                Widgets.scrollView(documentLines(.home, state, context: context, width: width - 3, now: now),
                                   offset: state.homeScroll.offset, in: layout.content, buffer: &buffer)
            case .devices:
                DevicesView.view(state, context: context, now: now, layout: layout, buffer: &buffer)
            case .apps:
                AppsView.view(state, context: context, layout: layout, buffer: &buffer)
            case .security:
                SecurityInfo.view(state, context: context, now: now, layout: layout, buffer: &buffer)
            case .support:
                Widgets.scrollView(SupportView.lines(context: context, width: width - 3).map(indented),
                                   offset: state.supportScroll.offset, in: layout.content, buffer: &buffer)
            case .notifications:
                NotificationsView.view(state, context: context, layout: layout, buffer: &buffer)
            }
        }
        DeviceActions.view(state, context: context, now: now, layout: layout, buffer: &buffer)
        AppInstallView.view(state, layout: layout, buffer: &buffer)
        DiagnosticsScreen.view(state, layout: layout, buffer: &buffer)
        Widgets.hintBar(keymap(state).hints, y: layout.hintRow, width: width, buffer: &buffer)
    }

    private static func indented(_ line: StyledLine) -> StyledLine { StyledLine([Span(" ")] + line.spans) }
}
