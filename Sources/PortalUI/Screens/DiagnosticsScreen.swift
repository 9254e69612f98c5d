import Foundation
import PortalCore

/// "Save diagnostic report" on Help & support: the folder dialog, the save
/// under way, and what came of it.
public struct DiagnosticsState: Equatable, Sendable {
    /// The folder being typed; nil when the dialog is closed.
    public var folder: TextFieldState?
    /// Why the last folder was refused, under the field.
    public var message: String?
    public var isSaving = false
    /// Where the report went, until the next key.
    public var saved: String?

    public init() {}
}

enum DiagnosticsScreen {
    static let saveBinding = KeyBinding([.character("d")], .saveDiagnostics,
                                        help: "Save a diagnostic report for your help desk", hint: "Save report")

    /// Help & support: the scrolling document and the report.
    static let supportKeys: Keymap = {
        var bindings = Keymaps.document.bindings
        let at = bindings.firstIndex { $0.keys.contains { $0.action == .nextSection } } ?? bindings.count
        bindings.insert(saveBinding, at: at)
        return Keymap(bindings, mouse: Keymaps.document.mouse)
    }()

    static let folderKeys = Keymap([
        KeyBinding([.enter], .submit, help: "Save the report in this folder", hint: "Save"),
        KeyBinding([.escape], .back, help: "Cancel: save nothing", hint: "Cancel"),
    ] + Keymaps.editing + [
        // Letters type in the field, so help and quit are on function keys only.
        KeyBinding([.function(1)], .help, help: "Show or hide this help", hint: "Help"),
        KeyBinding([.function(10)], .quit, help: "Quit", hint: "Quit"),
    ])

    /// The dialog's keys while it is open; nil otherwise.
    static func keymap(_ state: PortalState) -> Keymap? {
        state.diagnostics.folder != nil && state.enrollment == nil && state.appProtection == nil ? folderKeys : nil
    }

    /// Opens the dialog, prefilled with the home folder.
    static func start(_ state: inout PortalState, context: PortalContext) -> [Effect] {
        guard !state.diagnostics.isSaving else { return [] }
        state.diagnostics.saved = nil
        state.diagnostics.message = nil
        state.diagnostics.folder = TextFieldState(text: context.about.reportFolder, limit: DiagnosticReportFile.folderLimit)
        return []
    }

    /// The report's share of a message; nil when it is not its.
    static func update(_ state: inout PortalState, _ message: Message) -> [Effect]? {
        switch message {
        case let .diagnosticsSaved(path):
            state.diagnostics = DiagnosticsState()
            state.diagnostics.saved = path
            return []
        case let .diagnosticsFailed(text):
            state.diagnostics.isSaving = false
            state.diagnostics.message = text
            return []
        case .input(.key), .input(.paste):
            guard state.enrollment == nil, state.appProtection == nil else { return nil }
            guard state.diagnostics.folder != nil else {
                // A key moves on from the last result.
                state.diagnostics.saved = nil
                return nil
            }
            return handleInDialog(message, &state)
        case .input(.mouse):
            return state.diagnostics.folder != nil ? [] : nil
        default:
            return nil
        }
    }

    private static func handleInDialog(_ message: Message, _ state: inout PortalState) -> [Effect] {
        guard var folder = state.diagnostics.folder, !state.diagnostics.isSaving else { return [] }
        switch message {
        case let .input(.paste(text)):
            for character in text where !character.isNewline { _ = folder.handle(.character(character)) }
            state.diagnostics.folder = folder
            state.diagnostics.message = nil
            return []
        case let .input(.key(key)):
            switch folderKeys.action(for: key) {
            case .submit?:
                if let problem = DiagnosticReportFile.problem(folder: folder.text) {
                    state.diagnostics.message = problem
                    return []
                }
                state.diagnostics.message = nil
                state.diagnostics.isSaving = true
                return [.saveDiagnostics(userId: state.user.id, folder: folder.text)]
            case .back?:
                state.diagnostics = DiagnosticsState()
            default:
                if folder.handle(key) { state.diagnostics.message = nil }
                state.diagnostics.folder = folder
            }
            return []
        default:
            return []
        }
    }

    // MARK: - View

    static func view(_ state: PortalState, layout: PortalLayout, buffer: inout CellBuffer) {
        guard state.enrollment == nil, state.appProtection == nil else { return }
        if let folder = state.diagnostics.folder {
            let width = min(76, layout.size.width)
            let intro = TextWidth.wrap("The report holds the portal's version, the store, this device's facts, your devices and recent activity; never a password, secret or code.",
                                       width: width - 4)
            let box = layout.content.centered(width: width, height: intro.count + 7)
            Widgets.box(box, title: "Save diagnostic report", in: &buffer)
            for (index, line) in intro.enumerated() {
                buffer.write(line, x: box.x + 2, y: box.y + 1 + index, role: .overlay, clip: box.inset(by: 1))
            }
            let fieldRow = box.y + 2 + intro.count
            Widgets.field(label: "Folder", value: folder.text, secret: false, focused: !state.diagnostics.isSaving,
                          cursor: folder.cursor, x: box.x + 4, y: fieldRow, labelWidth: 8, fieldWidth: box.width - 15, buffer: &buffer)
            let below = fieldRow + 2
            if let text = state.diagnostics.message {
                for (index, line) in TextWidth.wrap("✗ " + text, width: box.width - 4).prefix(2).enumerated() {
                    buffer.write(line, x: box.x + 2, y: below + index, role: .error, clip: box.inset(by: 1))
                }
            } else {
                buffer.write(state.diagnostics.isSaving ? "Saving…" : "Enter saves, Esc cancels. ~ is your home folder.",
                             x: box.x + 2, y: below, role: .overlay, clip: box.inset(by: 1))
            }
            if state.diagnostics.isSaving { buffer.cursor = nil }
            return
        }
        guard state.section == .support, state.detail == nil, let path = state.diagnostics.saved else { return }
        let width = layout.size.width
        let lines = TextWidth.wrap("✓ Saved the diagnostic report to \(path). Send it to your help desk if they ask for it.", width: width - 3).prefix(3)
        let top = layout.content.maxY - lines.count
        for (index, line) in lines.enumerated() {
            // The last column stays the scroll bar's.
            buffer.fill(Rect(x: 0, y: top + index, width: width - 1, height: 1), role: .text)
            buffer.write(line, x: 1, y: top + index, role: .success)
        }
    }
}
