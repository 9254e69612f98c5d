import Foundation
import PortalCore

/// The Security info section: the user's sign-in methods, and what is being
/// done to them (registering one, renaming, confirming a removal, changing
/// the password). Every change goes to the store as one effect; the section
/// then shows the user as the store returned it.
public struct SecurityInfoState: Equatable, Sendable {
    public enum Mode: Equatable, Sendable {
        case register(MethodRegistrationState)
        case rename(MethodRename)
        case confirmRemoval(MethodRemoval)
        case password(PasswordChangeState)
    }

    /// A change made from the list, waiting for the store's answer.
    public enum Pending: Equatable, Sendable {
        case setDefault(name: String)
        case remove(name: String)
    }

    /// One line under the list: what the last change did, or why it was refused.
    public struct Notice: Equatable, Sendable {
        public var text: String
        public var isError: Bool
    }

    public var list = ListState()
    public var mode: Mode?
    public var pending: Pending?
    public var notice: Notice?

    public init() {}
}

/// The small dialog that renames a method.
public struct MethodRename: Equatable, Sendable {
    public let methodId: String
    public var name: TextFieldState
    public var message: String?
    public var isBusy = false

    init(_ method: MfaMethod) {
        methodId = method.id
        name = TextFieldState(text: method.displayName, limit: MfaMethod.nameLimit)
    }
}

/// The question before a method is removed; Keep is the default.
public struct MethodRemoval: Equatable, Sendable {
    public let methodId: String
    public let name: String
    public var confirmChosen = false

    var title: String { "Remove \(name)?" }
    var message: String { "You will no longer sign in with \(name). To use it again, you would register it anew." }
    static let confirmLabel = "Remove"
    static let cancelLabel = "Keep"
}

enum SecurityInfo {
    static let columns = [
        // At 80 columns names and kinds ("Microsoft Authenticator") are whole; the date shows from 83.
        TableColumn("Name", minimum: 16, maximum: 40, weight: 3, priority: 0),
        TableColumn("Kind", width: 23, priority: 2),
        TableColumn("Added on", width: 10, priority: 4),
        // "59 minutes ago" is the longest one-unit phrase.
        TableColumn("Last used", width: 14, priority: 3),
        TableColumn("Status", width: 13, priority: 1),
    ]

    /// The organization whose name the authenticator shows and whose rules a new password meets.
    static func organization(_ context: PortalContext) -> Organization { context.organization }

    // MARK: - Layout

    /// The table leaves the content's last two lines for the notice.
    static func table(_ layout: PortalLayout) -> Rect {
        Rect(x: 0, y: layout.content.y + 1, width: layout.size.width, height: max(2, layout.content.height - 3))
    }

    static func noticeRow(_ layout: PortalLayout) -> Int { layout.content.maxY - 2 }

    static func renameBox(_ layout: PortalLayout) -> Rect {
        layout.content.centered(width: min(60, layout.size.width), height: 8)
    }

    // MARK: - Keys

    static func keymap(_ state: SecurityInfoState) -> Keymap {
        switch state.mode {
        case let .register(registration)?: MethodRegistration.keymap(registration)
        case .rename?: Keymaps.renameMethod
        case .confirmRemoval?: Keymaps.confirmation(confirmLabel: MethodRemoval.confirmLabel, cancelLabel: MethodRemoval.cancelLabel)
        case let .password(change)?: PasswordChange.keymap(change)
        case nil: Keymaps.securityInfo
        }
    }

    /// Keys while a form or dialog is open: they all go to it.
    static func handleInMode(_ message: Message, _ state: inout PortalState, context: PortalContext) -> [Effect] {
        guard let mode = state.security.mode else { return [] }
        switch mode {
        case var .register(registration):
            let effects = MethodRegistration.update(&registration, message)
            close(registration, &state)
            return effects
        case var .password(change):
            let effects = PasswordChange.update(&change, message, policy: organization(context).signIn)
            close(change, &state)
            return effects
        case var .rename(rename):
            guard case let .input(.key(key)) = message else {
                if case let .input(.paste(text)) = message, !rename.isBusy {
                    for character in text where !character.isNewline { _ = rename.name.handle(.character(character)) }
                    state.security.mode = .rename(rename)
                }
                return []
            }
            guard !rename.isBusy else { return [] }
            switch Keymaps.renameMethod.action(for: key) {
            case .submit?: return submit(&rename, &state)
            case .back?: state.security.mode = nil
            default:
                if rename.name.handle(key) { rename.message = nil }
                state.security.mode = .rename(rename)
            }
            return []
        case var .confirmRemoval(removal):
            guard case let .input(.key(key)) = message else { return [] }
            switch keymap(state.security).action(for: key) {
            case .confirm?: return remove(removal, &state)
            case .cancel?: state.security.mode = nil
            case .choose?:
                if removal.confirmChosen { return remove(removal, &state) }
                state.security.mode = nil
            case .switchChoice?:
                removal.confirmChosen.toggle()
                state.security.mode = .confirmRemoval(removal)
            default: break
            }
            return []
        }
    }

    /// The list's own actions; moves and sections are the portal's.
    static func perform(_ action: Action, _ state: inout PortalState, context: PortalContext, now: Date) -> [Effect] {
        guard state.security.pending == nil else { return [] }
        let selected = selectedMethod(state)
        switch action {
        case .addMethod:
            state.security.notice = nil
            state.security.mode = .register(MethodRegistrationState(user: state.user, issuer: organization(context).displayName,
                                                                    random: context.random, now: now))
        case .activateToken:
            guard let method = selected else { return [] }
            guard !method.isActivated else {
                state.security.notice = .init(text: "\(method.displayName) is active already; only an imported hardware token needs activating.",
                                              isError: false)
                return []
            }
            state.security.notice = nil
            state.security.mode = .register(MethodRegistrationState(activating: method, of: state.user))
        case .renameMethod:
            guard let method = selected else { return [] }
            state.security.notice = nil
            state.security.mode = .rename(MethodRename(method))
        case .setDefaultMethod:
            guard let method = selected else { return [] }
            if state.user.defaultCodeMethod?.id == method.id {
                state.security.notice = .init(text: "\(method.displayName) is your default method already.", isError: false)
                return []
            }
            state.security.pending = .setDefault(name: method.displayName)
            return [.changeAccount(.setPreferredMethod(userId: state.user.id, methodId: method.id))]
        case .removeMethod:
            guard let method = selected else { return [] }
            // Refused at once, rather than after the question.
            if let refusal = state.user.removalRefusal(methodId: method.id) {
                state.security.notice = .init(text: refusal, isError: true)
                return []
            }
            state.security.notice = nil
            state.security.mode = .confirmRemoval(MethodRemoval(methodId: method.id, name: method.displayName))
        case .changePassword:
            state.security.notice = nil
            state.security.mode = .password(PasswordChangeState(userId: state.user.id))
        default:
            break
        }
        return []
    }

    static func selectedMethod(_ state: PortalState) -> MfaMethod? {
        let methods = state.user.mfaMethods
        return methods.indices.contains(state.security.list.selected) ? methods[state.security.list.selected] : nil
    }

    private static func submit(_ rename: inout MethodRename, _ state: inout PortalState) -> [Effect] {
        let name = rename.name.text.trimmingCharacters(in: .whitespaces)
        if let problem = MfaMethod.problem(withName: name) {
            rename.message = problem
            state.security.mode = .rename(rename)
            return []
        }
        rename.isBusy = true
        rename.message = nil
        state.security.mode = .rename(rename)
        return [.changeAccount(.renameMethod(userId: state.user.id, methodId: rename.methodId, name: name))]
    }

    private static func remove(_ removal: MethodRemoval, _ state: inout PortalState) -> [Effect] {
        state.security.mode = nil
        state.security.pending = .remove(name: removal.name)
        return [.changeAccount(.removeMethod(userId: state.user.id, methodId: removal.methodId))]
    }

    /// A registration that finished or was cancelled closes; the new method is selected.
    private static func close(_ registration: MethodRegistrationState, _ state: inout PortalState) {
        if let user = registration.finished {
            state.user = user
            state.security.mode = nil
            let name = user.method(id: registration.methodId)?.displayName ?? registration.name.text
            let isDefault = user.defaultCodeMethod?.id == registration.methodId
            state.security.notice = .init(text: (registration.isActivation ? "\(name) is activated." : "\(name) was added.")
                                          + (isDefault ? " It is your default sign-in method." : ""), isError: false)
            if let index = user.mfaMethods.firstIndex(where: { $0.id == registration.methodId }) { state.security.list.selected = index }
        } else if registration.cancelled {
            state.security.mode = nil
        } else {
            state.security.mode = .register(registration)
        }
    }

    private static func close(_ change: PasswordChangeState, _ state: inout PortalState) {
        if let user = change.finished {
            state.user = user
            state.security.mode = nil
            state.security.notice = .init(text: "Your password was changed. Use the new one from your next sign-in.", isError: false)
        } else if change.cancelled {
            state.security.mode = nil
        } else {
            state.security.mode = .password(change)
        }
    }

    /// The store's answer to a change: the section shows the user as returned.
    static func receive(_ message: Message, _ state: inout PortalState, context: PortalContext, layout: PortalLayout) -> [Effect] {
        var effects: [Effect] = []
        switch state.security.mode {
        case .register?, .password?:
            effects = handleInMode(message, &state, context: context)
        case var .rename(rename)? where rename.isBusy:
            rename.isBusy = false
            switch message {
            case let .accountChanged(.user(user)):
                state.user = user
                state.security.mode = nil
                state.security.notice = .init(text: "Renamed to \(user.method(id: rename.methodId)?.displayName ?? rename.name.text).",
                                              isError: false)
            case let .accountChangeFailed(text):
                rename.message = text
                state.security.mode = .rename(rename)
            default:
                break
            }
        default:
            guard let pending = state.security.pending else { break }
            state.security.pending = nil
            switch message {
            case let .accountChanged(.user(user)):
                state.user = user
                switch pending {
                case let .setDefault(name): state.security.notice = .init(text: "\(name) is now your default sign-in method.", isError: false)
                case let .remove(name): state.security.notice = .init(text: "\(name) was removed.", isError: false)
                }
            case let .accountChangeFailed(text):
                state.security.notice = .init(text: text, isError: true)
            default:
                break
            }
        }
        // Whatever asked, the user as stored now is what the section shows.
        switch message {
        case let .accountChanged(.user(user)) where user.id == state.user.id: state.user = user
        case let .accountChanged(.code(_, user, _)) where user.id == state.user.id: state.user = user
        default: break
        }
        let rows = Table.visibleRows(in: table(layout))
        state.security.list.clamp(count: state.user.mfaMethods.count, visible: rows)
        return effects
    }

    // MARK: - Mouse

    static func click(_ event: MouseEvent, _ state: inout PortalState, context: PortalContext, layout: PortalLayout) -> [Effect] {
        guard event.kind == .click, let mode = state.security.mode else { return [] }
        switch mode {
        case var .register(registration):
            let effects = MethodRegistration.click(event, &registration, in: layout.content)
            close(registration, &state)
            return effects
        case var .password(change):
            let effects = PasswordChange.click(event, &change, in: layout.content, policy: organization(context).signIn)
            close(change, &state)
            return effects
        case .rename:
            return []
        case let .confirmRemoval(removal):
            let dialog = Overlays.ConfirmationLayout(message: removal.message, cancelLabel: MethodRemoval.cancelLabel,
                                                     confirmLabel: MethodRemoval.confirmLabel,
                                                     in: Rect(x: 0, y: 0, width: layout.size.width, height: layout.size.height))
            if dialog.confirmButton.contains(x: event.x, y: event.y) { return remove(removal, &state) }
            if dialog.cancelButton.contains(x: event.x, y: event.y) { state.security.mode = nil }
            return []
        }
    }

    // MARK: - View

    static func view(_ state: PortalState, context: PortalContext, now: Date, layout: PortalLayout, buffer: inout CellBuffer) {
        switch state.security.mode {
        case let .register(registration)?:
            MethodRegistration.view(registration, in: layout.content, localeIsUTF8: context.localeIsUTF8, buffer: &buffer)
            return
        case let .password(change)?:
            PasswordChange.view(change, policy: organization(context).signIn, in: layout.content, buffer: &buffer)
            return
        default:
            break
        }
        list(state, context: context, now: now, layout: layout, buffer: &buffer)
        switch state.security.mode {
        case let .rename(rename)?:
            let box = renameBox(layout)
            Widgets.box(box, title: "Rename method", in: &buffer)
            Widgets.field(label: "Name", value: rename.name.text, secret: false, focused: true, cursor: rename.name.cursor,
                          x: box.x + 4, y: box.y + 2, labelWidth: 6, fieldWidth: box.width - 13, buffer: &buffer)
            if let message = rename.message {
                for (index, line) in TextWidth.wrap("✗ " + message, width: box.width - 4).prefix(2).enumerated() {
                    buffer.write(line, x: box.x + 2, y: box.y + 4 + index, role: .error, clip: box.inset(by: 1))
                }
            } else {
                buffer.write(rename.isBusy ? "Saving…" : "Enter saves, Esc keeps the name.", x: box.x + 2, y: box.y + 4,
                             role: .overlay, clip: box.inset(by: 1))
            }
            if rename.isBusy { buffer.cursor = nil }
        case let .confirmRemoval(removal)?:
            Overlays.confirm(title: removal.title, message: removal.message, cancelLabel: MethodRemoval.cancelLabel,
                             confirmLabel: MethodRemoval.confirmLabel, confirmChosen: removal.confirmChosen, buffer: &buffer)
        default:
            break
        }
    }

    /// One line on what the organization asks of the user.
    static func mfaLine(_ user: User) -> String {
        switch user.mfaState {
        case .enforced, .enabled: "Your organization requires a second sign-in step."
        case .disabled: "Your organization does not require a second sign-in step."
        }
    }

    private static func list(_ state: PortalState, context: PortalContext, now: Date, layout: PortalLayout, buffer: inout CellBuffer) {
        let methods = state.user.mfaMethods
        let end = buffer.write(" Sign-in methods (\(methods.count))", x: 0, y: layout.captionRow, role: .accent)
        buffer.write(" · " + mfaLine(state.user), x: end, y: layout.captionRow, role: .dim)
        let defaultId = state.user.defaultCodeMethod?.id
        let row = { (index: Int) -> [Span] in
            let method = methods[index]
            let status: Span = if !method.isActivated {
                Span("Not activated", .warning)
            } else if method.id == defaultId {
                Span("✓ Default", .success)
            } else {
                Span("")
            }
            let lastUsed = method.lastUsedDateTime.map {
                PortalContext.relative($0, now: now, precise: false).replacingOccurrences(of: PortalContext.noBreakSpace, with: " ")
            } ?? "never"
            return [Span(method.displayName), Span(method.methodType.title, .dim),
                    Span(method.createdDateTime.map(context.date) ?? "—", .dim), Span(lastUsed, .dim), status]
        }
        Table.draw(columns: columns, count: methods.count, row: row, state: state.security.list, in: table(layout), buffer: &buffer,
                   emptyMessage: "No sign-in methods yet. Press a to add an authenticator app or a hardware token.")
        if let notice = state.security.notice {
            // Refusals come from the domain in one sentence or two: wrapped, never cut.
            let lines = TextWidth.wrap((notice.isError ? "✗ " : "✓ ") + notice.text, width: layout.size.width - 2)
            for (index, line) in lines.prefix(2).enumerated() {
                buffer.write(line, x: 1, y: noticeRow(layout) + index, role: notice.isError ? .error : .success)
            }
        } else if state.security.pending != nil {
            buffer.write(" Saving…", x: 0, y: noticeRow(layout), role: .dim)
        } else if let method = selectedMethod(state), !method.isActivated {
            // Activation has no room in the hint bar: say it where it is needed.
            buffer.write(" Press t to activate \(method.displayName) with a code from it.", x: 0, y: noticeRow(layout), role: .dim)
        }
    }
}
