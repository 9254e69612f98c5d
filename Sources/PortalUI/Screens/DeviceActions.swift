import Foundation
import PortalCore

/// What is being done to the user's devices: Check status under way (one
/// device or all), the Rename, Remove and Reset dialogs, and the last
/// result. Every change goes to the store as one effect; the portal then
/// shows the user's devices as the store returned them.
public struct DeviceActionsState: Equatable, Sendable {
    public enum Mode: Equatable, Sendable {
        case rename(DeviceRename)
        case confirmRemoval(DeviceRemoval)
        case reset(DeviceReset)
        /// Check status of every device: what it found, until closed.
        case results([DeviceCheck], ScrollState)
    }

    /// A Check status the worker is doing; the progress runs on the clock.
    public struct Checking: Equatable, Sendable {
        /// Nil: all of the user's devices.
        public var deviceId: String?
        public var startedAt: Date
        /// This machine is being inspected first.
        public var waitingForHost: Bool
    }

    /// One line at the bottom: what the last action did, or why it was refused.
    public struct Notice: Equatable, Sendable {
        public var text: String
        public var isError: Bool
    }

    public var mode: Mode?
    public var checking: Checking?
    /// A rename, remove or reset sent to the store and not answered yet.
    public var isSaving = false
    public var notice: Notice?
    /// The last Check status of one device, shown on its detail.
    public var lastCheck: DeviceCheck?

    public init() {}
}

/// The dialog that renames a device.
public struct DeviceRename: Equatable, Sendable {
    public let deviceId: String
    public var name: TextFieldState
    public var message: String?

    /// The field bounds scalars generously: the domain counts the 64
    /// characters as people do and says so, rather than the field going
    /// quiet halfway through an emoji.
    static let fieldLimit = DeviceName.limit * 4

    init(_ device: ManagedDevice) {
        deviceId = device.id
        name = TextFieldState(text: device.deviceName, limit: Self.fieldLimit)
    }
}

/// The question before a device is removed; Keep is the default.
public struct DeviceRemoval: Equatable, Sendable {
    public let deviceId: String
    public let name: String
    public var confirmChosen = false

    var title: String { "Remove \(name)?" }
    var message: String {
        "Removed from the device: company apps and their data, email and Wi-Fi profiles, and certificates your organization installed. "
            + "Your personal apps, photos and files stay. The device leaves My devices and can no longer reach company resources."
    }

    static let confirmLabel = "Remove"
    static let cancelLabel = "Keep"
}

/// The dialog before a device is reset: the name typed again confirms.
public struct DeviceReset: Equatable, Sendable {
    public let deviceId: String
    public let name: String
    public var typed: TextFieldState
    public var message: String?

    init(_ device: ManagedDevice) {
        deviceId = device.id
        name = device.deviceName
        typed = TextFieldState(text: "", limit: DeviceRename.fieldLimit)
    }
}

enum DeviceActions {
    // MARK: - Keys

    static let checkStatusBinding = KeyBinding([.character("c")], .checkStatus, help: "Check status: the device reports its settings again", hint: "Check status")

    /// A device's detail: its actions, scrolling and back; sections stay in help.
    /// A device's detail keys (those choosing a setting to resolve among
    /// them) with the actions after Back.
    static func deviceDetail(_ base: Keymap) -> Keymap {
        var bindings: [KeyBinding] = []
        for binding in base.bindings {
            var binding = binding
            // The actions need the hint bar's room; help still lists these.
            if binding.keys.contains(where: { [.nextSection, .goHome, .signOut].contains($0.action) }) { binding.hint = nil }
            bindings.append(binding)
            if binding.keys.contains(where: { $0.action == .back }) {
                bindings += [
                    checkStatusBinding,
                    KeyBinding([.character("r"), .function(2)], .renameDevice, help: "Rename this device", hint: "Rename"),
                    KeyBinding([.character("x"), .delete], .removeDevice, help: "Remove this device from management (asks first)", hint: "Remove"),
                    KeyBinding([.character("w")], .resetDevice, help: "Reset a company-owned device to factory settings (asks for its name)", hint: "Reset"),
                ]
            }
        }
        return Keymap(bindings, mouse: base.mouse)
    }

    /// Devices: the list, and Check status for all of them (in help: the
    /// hint bar keeps its room for Sign out and Quit).
    static let deviceList: Keymap = {
        var bindings = Keymaps.devices.bindings
        let at = bindings.firstIndex { $0.keys.contains { $0.action == .open } }.map { $0 + 1 } ?? bindings.count
        bindings.insert(KeyBinding([.character("c")], .checkAllDevices, help: "Check status of all your devices"), at: at)
        return Keymap(bindings, mouse: Keymaps.devices.mouse)
    }()

    static let renameKeys = Keymap([
        KeyBinding([.enter], .submit, help: "Save the new name", hint: "Save"),
        KeyBinding([.escape], .back, help: "Cancel: keep the name", hint: "Cancel"),
    ] + Keymaps.editing + formKeys)

    static let resetKeys = Keymap([
        KeyBinding([.enter], .submit, help: "Reset the device, once its name is typed", hint: "Reset"),
        KeyBinding([.escape], .back, help: "Cancel: keep the device as it is", hint: "Cancel"),
    ] + Keymaps.editing + formKeys)

    static let resultKeys = Keymap([
        KeyBinding([.enter, .escape, .character("q")], .back, help: "Close the results", hint: "Close"),
        KeyBinding([(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
                   help: "Scroll the results", hint: "Scroll"),
        KeyBinding([(.pageUp, .pageUp), (.pageDown, .pageDown), (.character(" "), .pageDown)], help: "Scroll a page"),
        KeyBinding([(.home, .first), (.end, .last), (.character("g"), .first), (.character("G"), .last)], help: "Go to the first or last line"),
    ])

    /// Letters type in a field, so help and quit are on function keys only.
    private static let formKeys = [
        KeyBinding([.function(1)], .help, help: "Show or hide this help", hint: "Help"),
        KeyBinding([.function(10)], .quit, help: "Quit", hint: "Quit"),
    ]

    /// The keys while a dialog is open, on a device's detail, or on Devices; nil elsewhere.
    static func keymap(_ state: PortalState) -> Keymap? {
        guard state.enrollment == nil else { return nil }
        switch state.deviceActions.mode {
        case .rename?: return renameKeys
        case .confirmRemoval?: return Keymaps.confirmation(confirmLabel: DeviceRemoval.confirmLabel, cancelLabel: DeviceRemoval.cancelLabel)
        case .reset?: return resetKeys
        case .results?: return resultKeys
        case nil: break
        }
        switch state.detail {
        case let .device(id)?: return deviceDetail(DeviceDetailFocus.keymap(.device(id: id), state))
        case .app?, .notification?, .resolution?: return nil
        case nil: return state.section == .devices ? deviceList : nil
        }
    }

    // MARK: - Update

    /// The actions' share of a message; nil when it is not theirs.
    static func update(_ state: inout PortalState, _ message: Message, context: PortalContext, size: Size, now: Date) -> [Effect]? {
        switch message {
        case let .hostInspected(facts):
            // The walkthrough inspects this machine too; a check waits only when the walkthrough is closed.
            guard state.enrollment == nil, var checking = state.deviceActions.checking, checking.waitingForHost else { return nil }
            checking.waitingForHost = false
            state.deviceActions.checking = checking
            return [.changeDevice(.checkStatus(userId: state.user.id, deviceId: checking.deviceId, host: facts))]
        case let .deviceChanged(result, data):
            receive(result, data: data, &state, size: size)
            return []
        case let .deviceChangeFailed(text):
            state.deviceActions.checking = nil
            state.deviceActions.isSaving = false
            switch state.deviceActions.mode {
            case var .rename(rename)?:
                rename.message = text
                state.deviceActions.mode = .rename(rename)
            case var .reset(reset)?:
                reset.message = text
                state.deviceActions.mode = .reset(reset)
            default:
                state.deviceActions.notice = .init(text: text, isError: true)
            }
            return []
        case .input(.key), .input(.paste):
            guard state.enrollment == nil else { return nil }
            if state.deviceActions.mode != nil { return handleInMode(message, &state, size: size) }
            // A key moves on from the last notice.
            state.deviceActions.notice = nil
            return nil
        case let .input(.mouse(event)):
            guard state.enrollment == nil, let mode = state.deviceActions.mode else { return nil }
            // The removal's buttons answer a click, as every confirmation's do.
            if case let .confirmRemoval(removal) = mode, event.kind == .click {
                let dialog = Overlays.ConfirmationLayout(message: removal.message, cancelLabel: DeviceRemoval.cancelLabel,
                                                         confirmLabel: DeviceRemoval.confirmLabel,
                                                         in: Rect(x: 0, y: 0, width: size.width, height: size.height))
                if dialog.confirmButton.contains(x: event.x, y: event.y) { return remove(removal, &state) }
                if dialog.cancelButton.contains(x: event.x, y: event.y) { state.deviceActions.mode = nil }
            }
            return []
        default:
            return nil
        }
    }

    /// The actions bound on Devices and on a device's detail.
    static func perform(_ action: Action, _ state: inout PortalState, context: PortalContext, now: Date) -> [Effect] {
        if action == .checkAllDevices { return startCheck(nil, &state, context: context, now: now) }
        guard case let .device(id)? = state.detail, let device = state.myDevices.first(where: { $0.id == id }) else { return [] }
        let wanted: DeviceAction
        switch action {
        case .checkStatus: wanted = .checkStatus
        case .renameDevice: wanted = .rename
        case .removeDevice: wanted = .remove
        case .resetDevice: wanted = .reset
        default: return []
        }
        // Not offered: said at once, rather than after a question.
        if let refusal = device.refusal(of: wanted, by: state.user.id) {
            state.deviceActions.notice = .init(text: refusal, isError: true)
            return []
        }
        guard !state.deviceActions.isSaving else { return [] }
        switch wanted {
        case .checkStatus: return startCheck(device, &state, context: context, now: now)
        case .rename: state.deviceActions.mode = .rename(DeviceRename(device))
        case .remove: state.deviceActions.mode = .confirmRemoval(DeviceRemoval(deviceId: device.id, name: device.deviceName))
        case .reset: state.deviceActions.mode = .reset(DeviceReset(device))
        }
        return []
    }

    /// Check status of one device or (nil) all: this machine is inspected
    /// first when it may be among them, then the store re-evaluates.
    private static func startCheck(_ device: ManagedDevice?, _ state: inout PortalState, context: PortalContext, now: Date) -> [Effect] {
        if state.deviceActions.checking != nil {
            state.deviceActions.notice = .init(text: "Check status is under way already.", isError: false)
            return []
        }
        let devices = device.map { [$0] } ?? state.myDevices
        guard !devices.isEmpty else {
            state.deviceActions.notice = .init(text: "You have no devices to check yet. Press e to enroll one.", isError: false)
            return []
        }
        let inspect = context.inspectHost != nil && devices.contains { $0.operatingSystem == .linux }
        state.deviceActions.checking = .init(deviceId: device?.id, startedAt: now, waitingForHost: inspect)
        if inspect { return [.inspectHost] }
        return [.changeDevice(.checkStatus(userId: state.user.id, deviceId: device?.id, host: nil))]
    }

    private static func handleInMode(_ message: Message, _ state: inout PortalState, size: Size) -> [Effect] {
        guard let mode = state.deviceActions.mode, !state.deviceActions.isSaving else { return [] }
        let key: Key
        switch message {
        case let .input(.key(pressed)): key = pressed
        case let .input(.paste(text)):
            for character in text where !character.isNewline { _ = handleInMode(.input(.key(.character(character))), &state, size: size) }
            return []
        default: return []
        }
        switch mode {
        case var .rename(rename):
            switch renameKeys.action(for: key) {
            case .submit?:
                let name = DeviceName.normalized(rename.name.text)
                let device = state.myDevices.first { $0.id == rename.deviceId }
                if let device, let problem = DeviceName.problem(name, for: device, among: state.myDevices) {
                    rename.message = problem
                    state.deviceActions.mode = .rename(rename)
                    return []
                }
                rename.message = nil
                state.deviceActions.mode = .rename(rename)
                state.deviceActions.isSaving = true
                return [.changeDevice(.rename(userId: state.user.id, deviceId: rename.deviceId, name: name))]
            case .back?:
                state.deviceActions.mode = nil
            default:
                if rename.name.handle(key) { rename.message = nil }
                state.deviceActions.mode = .rename(rename)
            }
        case var .confirmRemoval(removal):
            let keys = Keymaps.confirmation(confirmLabel: DeviceRemoval.confirmLabel, cancelLabel: DeviceRemoval.cancelLabel)
            switch keys.action(for: key) {
            case .confirm?: return remove(removal, &state)
            case .cancel?: state.deviceActions.mode = nil
            case .choose?:
                if removal.confirmChosen { return remove(removal, &state) }
                state.deviceActions.mode = nil
            case .switchChoice?:
                removal.confirmChosen.toggle()
                state.deviceActions.mode = .confirmRemoval(removal)
            default: break
            }
        case var .reset(reset):
            switch resetKeys.action(for: key) {
            case .submit?:
                guard DeviceName.normalized(reset.typed.text) == reset.name else {
                    reset.message = "That is not the device's name. Type \(reset.name) exactly, or press Esc to keep the device."
                    state.deviceActions.mode = .reset(reset)
                    return []
                }
                reset.message = nil
                state.deviceActions.mode = .reset(reset)
                state.deviceActions.isSaving = true
                return [.changeDevice(.reset(userId: state.user.id, deviceId: reset.deviceId, typedName: reset.typed.text))]
            case .back?:
                state.deviceActions.mode = nil
            default:
                if reset.typed.handle(key) { reset.message = nil }
                state.deviceActions.mode = .reset(reset)
            }
        case .results(let checks, var scroll):
            let action = resultKeys.action(for: key)
            if action == .back { state.deviceActions.mode = nil; return [] }
            guard let move = action.flatMap(PortalScreen.move(for:)) else { return [] }
            let layout = resultsLayout(checks, size: size)
            scroll.apply(move, lines: layout.lines.count, visible: layout.visible)
            state.deviceActions.mode = .results(checks, scroll)
        }
        return []
    }

    /// What quitting now would lose: a name typed in a dialog.
    static func unsavedWork(_ state: PortalState) -> String? {
        switch state.deviceActions.mode {
        case .rename?: "The new name you typed will be lost."
        case let .reset(reset)? where !reset.typed.text.isEmpty: "The device will not be reset."
        default: nil
        }
    }

    private static func remove(_ removal: DeviceRemoval, _ state: inout PortalState) -> [Effect] {
        state.deviceActions.mode = nil
        state.deviceActions.isSaving = true
        return [.changeDevice(.remove(userId: state.user.id, deviceId: removal.deviceId))]
    }

    /// The store's answer: the portal shows the devices as stored now.
    private static func receive(_ result: DeviceChangeResult, data: UserPortalData?, _ state: inout PortalState, size: Size) {
        state.deviceActions.isSaving = false
        if let data { PortalReload.apply(&state, data, size: size) }
        switch result {
        case let .renamed(device):
            state.deviceActions.mode = nil
            state.deviceActions.notice = .init(text: "Renamed to \(device.deviceName).", isError: false)
        case let .removed(device):
            state.deviceActions.mode = nil
            if state.detail == .device(id: device.id) { state.detail = nil }
            if state.deviceActions.lastCheck?.device.id == device.id { state.deviceActions.lastCheck = nil }
            state.deviceActions.notice = .init(text: "\(device.deviceName) was removed. It can no longer reach company resources.", isError: false)
        case let .reset(device):
            state.deviceActions.mode = nil
            state.deviceActions.notice = .init(text: "Reset of \(device.deviceName) was asked for: it is erased the next time it checks in.", isError: false)
        case let .checked(checks):
            let asked = state.deviceActions.checking
            state.deviceActions.checking = nil
            if asked?.deviceId == nil {
                state.deviceActions.lastCheck = nil
                state.deviceActions.mode = .results(checks, ScrollState())
            } else if let check = checks.first {
                state.deviceActions.lastCheck = check
                state.deviceActions.notice = .init(text: "Status checked: \(check.device.deviceName) is \(check.evaluation.state.label.lowercased()).", isError: false)
            }
        }
    }

    // MARK: - View

    /// Check status's result at the top of the device's detail: what changed.
    static func detailLines(_ device: ManagedDevice, _ state: PortalState, context: PortalContext, width: Int) -> [StyledLine] {
        var lines: [StyledLine] = []
        if let managed = device.managementState, managed != .managed {
            lines += StyledLine.wrapped(managed.explanation ?? "", role: .warning, width: width,
                                        firstPrefix: [Span("! \(managed.label)", .warning), Span(" — ")])
        }
        guard let check = state.deviceActions.lastCheck, check.device.id == device.id else { return lines }
        let when = check.device.lastSyncDateTime.map(context.dateTime) ?? ""
        lines += StyledLine.wrapped("Status checked \(when): \(check.stateSummary).", role: .accent, width: width)
        for change in check.changes {
            let role: Role = change.after == .pass ? .compliant : (change.after == .fail ? .noncompliant : .unknown)
            lines += StyledLine.wrapped(change.sentence, width: width, indent: 4,
                                        firstPrefix: [Span("  "), Span(change.after == .pass ? "✓ " : (change.after == .fail ? "✗ " : "? "), role)])
        }
        lines.append(.blank)
        return lines
    }

    /// Progress, notices and dialogs over the section or detail.
    static func view(_ state: PortalState, context: PortalContext, now: Date, layout: PortalLayout, buffer: inout CellBuffer) {
        guard state.enrollment == nil else { return }
        let onDevices = state.section == .devices || { if case .device? = state.detail { return true } else { return false } }()
        if onDevices || state.deviceActions.checking != nil {
            statusLine(state, now: now, layout: layout, buffer: &buffer)
        }
        switch state.deviceActions.mode {
        case let .rename(rename)?:
            let box = layout.content.centered(width: min(70, layout.size.width), height: 8)
            Widgets.box(box, title: "Rename device", in: &buffer)
            Widgets.field(label: "Name", value: rename.name.text, secret: false, focused: true, cursor: rename.name.cursor,
                          x: box.x + 4, y: box.y + 2, labelWidth: 6, fieldWidth: box.width - 13, buffer: &buffer)
            let count = DeviceName.normalized(rename.name.text).count
            buffer.write("\(count)/\(DeviceName.limit)", x: box.maxX - 9, y: box.y + 3, role: count > DeviceName.limit ? .error : .dim,
                         clip: box.inset(by: 1))
            message(rename.message, busy: state.deviceActions.isSaving, idle: "Enter saves, Esc keeps the name.", in: box, buffer: &buffer)
            if state.deviceActions.isSaving { buffer.cursor = nil }
        case let .confirmRemoval(removal)?:
            Overlays.confirm(title: removal.title, message: removal.message, cancelLabel: DeviceRemoval.cancelLabel,
                             confirmLabel: DeviceRemoval.confirmLabel, confirmChosen: removal.confirmChosen, buffer: &buffer)
        case let .reset(reset)?:
            let text = TextWidth.wrap("Reset erases everything on \(reset.name) and returns it to its factory settings: company and personal apps, data and settings. To confirm, type the device's name: \(reset.name)",
                                      width: min(70, layout.size.width) - 4)
            let box = layout.content.centered(width: min(70, layout.size.width), height: text.count + 7)
            Widgets.box(box, title: "Reset \(reset.name)?", in: &buffer)
            for (index, line) in text.enumerated() {
                buffer.write(line, x: box.x + 2, y: box.y + 1 + index, role: .overlay, clip: box.inset(by: 1))
            }
            Widgets.field(label: "Name", value: reset.typed.text, secret: false, focused: true, cursor: reset.typed.cursor,
                          x: box.x + 4, y: box.y + 2 + text.count, labelWidth: 6, fieldWidth: box.width - 13, buffer: &buffer)
            message(reset.message, busy: state.deviceActions.isSaving, idle: "Enter resets, Esc keeps the device.",
                    in: Rect(x: box.x, y: box.y + text.count, width: box.width, height: box.height - text.count), buffer: &buffer)
            if state.deviceActions.isSaving { buffer.cursor = nil }
        case let .results(checks, scroll)?:
            results(checks, scroll: scroll, layout: layout, buffer: &buffer)
        case nil:
            break
        }
    }

    private static func message(_ text: String?, busy: Bool, idle: String, in box: Rect, buffer: inout CellBuffer) {
        if let text {
            for (index, line) in TextWidth.wrap("✗ " + text, width: box.width - 4).prefix(2).enumerated() {
                buffer.write(line, x: box.x + 2, y: box.y + 4 + index, role: .error, clip: box.inset(by: 1))
            }
        } else {
            buffer.write(busy ? "Saving…" : idle, x: box.x + 2, y: box.y + 4, role: .overlay, clip: box.inset(by: 1))
        }
    }

    /// The bottom line of the content: the progress while checking, else the notice.
    private static func statusLine(_ state: PortalState, now: Date, layout: PortalLayout, buffer: inout CellBuffer) {
        let width = layout.size.width
        if let checking = state.deviceActions.checking {
            let what = checking.deviceId.flatMap { id in state.myDevices.first { $0.id == id }?.deviceName }
                ?? "your \(Plural.count(state.myDevices.count, "device"))"
            let doing = checking.waitingForHost ? "Inspecting this machine" : "Checking status of \(what)"
            let line = "\(progressBar(since: checking.startedAt, now: now)) \(doing)…"
            let y = layout.content.maxY - 1
            // The last column stays the scroll bar's.
            buffer.fill(Rect(x: 0, y: y, width: width - 1, height: 1), role: .text)
            buffer.write(TextWidth.truncate(line, to: width - 3), x: 1, y: y, role: .accent)
            return
        }
        guard let notice = state.deviceActions.notice else { return }
        // Refusals come from the domain in a sentence or two: wrapped, never cut.
        Widgets.notice(notice.text, isError: notice.isError, in: layout.content, buffer: &buffer)
    }

    /// An indeterminate bar that moves with the clock: "[  ===     ]".
    static func progressBar(since start: Date, now: Date) -> String {
        let cells = 10, block = 3
        let elapsed = max(0, now.timeIntervalSince(start))
        let step = elapsed.isFinite ? Int(min(elapsed * 4, 1e9)) % (cells + block) : 0
        let bar = (0..<cells).map { $0 > step - block - 1 && $0 <= step - 1 ? "=" : " " }.joined()
        return "[\(bar)]"
    }

    /// The results' lines at this size, and how many the box shows.
    private static func resultsLayout(_ checks: [DeviceCheck], size: Size) -> (lines: [StyledLine], visible: Int, box: Rect) {
        let layout = PortalLayout(size: size)
        let width = min(76, size.width)
        var lines: [StyledLine] = []
        for check in checks {
            lines.append(StyledLine([Span(check.device.deviceName, .title), Span(" · "), check.evaluation.state.badge]))
            lines += StyledLine.wrapped(check.stateSummary + ".", role: .dim, width: width - 4, indent: 2)
            for change in check.changes where change.changed || change.after == .fail {
                lines += StyledLine.wrapped(change.sentence, role: change.after == .fail ? .noncompliant : .compliant, width: width - 4, indent: 2)
            }
        }
        let height = min(layout.content.height, lines.count + 4)
        return (lines, height - 4, layout.content.centered(width: width, height: height))
    }

    private static func results(_ checks: [DeviceCheck], scroll: ScrollState, layout: PortalLayout, buffer: inout CellBuffer) {
        let (lines, visible, box) = resultsLayout(checks, size: layout.size)
        Widgets.box(box, title: "Check status: \(Plural.count(checks.count, "device")) checked", in: &buffer)
        let inner = box.inset(by: 1)
        let offset = min(scroll.offset, max(0, lines.count - visible))
        if lines.count > visible {
            // Where the shown lines are among all of them: the box scrolls.
            let position = "\(offset + 1)-\(offset + visible) of \(lines.count) lines"
            buffer.write(position, x: box.maxX - 2 - TextWidth.of(position), y: box.maxY - 2, role: .dim, clip: inner)
        }
        for (index, line) in lines.dropFirst(offset).prefix(visible).enumerated() {
            var x = box.x + 2
            for span in line.spans {
                x = buffer.write(span.text, x: x, y: box.y + 1 + index, role: span.role == .text ? .overlay : span.role, clip: inner)
            }
        }
        buffer.write("Enter or Esc closes.", x: box.x + 2, y: box.maxY - 2, role: .dim, clip: inner)
        buffer.cursor = nil
    }
}
