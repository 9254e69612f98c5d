import Foundation
import PortalCore

/// The enrollment walkthrough on screen: the session as stored, what the
/// store said about the user, and the step's own input. A component: the
/// portal hosts it over its sections and reads `closed`.
public struct EnrollmentWizardState: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        case loading
        case walking
        /// Stopped by a restriction (or the store): the text says what blocks.
        case blocked(String)
        /// The terms were declined: nothing was enrolled.
        case declined
        case enrolled(ManagedDevice, ComplianceEvaluation)
    }

    public let userId: String
    public var phase: Phase = .loading
    public var facts: EnrollmentFacts?
    public var session: EnrollmentSession
    /// The highlighted answer on a step that offers a choice.
    public var choice = ListState()
    /// The step's text field: device name, passcode, certificate name or PIN.
    public var field = TextFieldState()
    public var scroll = ScrollState()
    /// Why the step cannot go on yet, or what a restriction blocks.
    public var message: String?
    /// Said once when a walkthrough left unfinished is picked up.
    public var notice: String?
    /// An enrollment is being written (the checking step).
    public var isBusy = false
    public var closed = false
    /// The portal runs on a Linux machine it can inspect: offered last among the devices.
    public var canInspectHost = false
    /// The device limit, while this machine is inspected to learn whether it is
    /// one the user enrolled (enrolling it again adds nothing, so it is allowed).
    var limitPending: EnrollmentRestrictions.Block?
    /// This machine is a device the user enrolled: known at the limit, before the walkthrough.
    var hostEnrolled = false

    public init(userId: String, now: Date) {
        self.userId = userId
        session = EnrollmentSession(userId: userId, now: now)
    }

    public var device: SimulatedDevice? { facts?.simulatedDevice(id: session.simulatedDeviceId) }

    /// The device highlighted on the first step, or the chosen one after it.
    var shownDevice: SimulatedDevice? {
        guard session.step == .device, let devices = facts?.simulatedDevices, devices.indices.contains(choice.selected) else { return device }
        return devices[choice.selected]
    }

    /// The simulated devices, then this machine when it can be inspected.
    var deviceCount: Int { (facts?.simulatedDevices.count ?? 0) + (canInspectHost ? 1 : 0) }

    /// Whether this machine is the device chosen (or highlighted on the first step).
    var isHost: Bool {
        if session.step == .device { return canInspectHost && choice.selected == (facts?.simulatedDevices.count ?? 0) }
        return session.simulatedDeviceId == HostEnrollment.deviceId
    }

    /// "Step 3 of 9"; before a device is chosen, counted for the highlighted one.
    public var progress: String {
        let hostPlan = isHost ? facts.map { HostEnrollment.plan(termsAccepted: $0.termsAccepted) } : nil
        let steps = session.plannedSteps ?? hostPlan ?? shownDevice.flatMap { facts?.plan(for: $0) } ?? session.steps
        let number = (steps.firstIndex(of: session.step) ?? 0) + 1
        return "Step \(number) of \(steps.count)"
    }

    /// Who owns the device, in the order the ownership step offers them.
    static let ownerships: [ManagedDeviceOwnerType] = [.company, .personal]
}

enum EnrollmentWizard {
    // MARK: - Keys

    static func keymap(_ state: EnrollmentWizardState) -> Keymap {
        switch state.phase {
        case .loading: return Keymaps.enrollChecking
        case .blocked, .declined, .enrolled: return Keymaps.enrollEnd
        case .walking: break
        }
        switch state.session.step {
        case .device, .ownership, .category: return Keymaps.enrollChoice
        case .privacy: return Keymaps.enrollRead
        case .terms: return Keymaps.enrollTerms
        case .managementProfile: return Keymaps.enrollProfile
        case .deviceName: return Keymaps.enrollField
        case .passcode: return Keymaps.enrollPasscode
        case .deviceManagement: return Keymaps.enrollActivate
        case .certificate: return Keymaps.enrollCertificate
        case .requirements: return Keymaps.enrollRequirements
        case .workAccount: return Keymaps.enrollWorkAccount
        case .inspecting, .checking, .result: return state.isBusy ? Keymaps.enrollChecking : Keymaps.enrollEnd
        }
    }

    // MARK: - Update

    static func update(_ state: inout EnrollmentWizardState, _ message: Message, context: PortalContext, size: Size, now: Date) -> [Effect] {
        let page = Page(state: state, context: context, size: size, now: now)
        switch message {
        case let .enrollmentLoaded(facts, _):
            state.canInspectHost = context.inspectHost != nil
            return loaded(facts, &state, now: now)
        case let .hostInspected(host):
            if let block = state.limitPending, let facts = state.facts {
                state.limitPending = nil
                state.hostEnrolled = facts.enrolledHost(host) != nil
                return startAtLimit(block, facts, &state)
            }
            guard state.isBusy, state.session.step == .inspecting else { return [] }
            // The inspection's facts go with the enrollment, checked again under the store's lock.
            state.session.hostFacts = host
            return [.changeEnrollment(.enroll(state.session))]
        case let .enrollmentChanged(.enrolled(device, evaluation)):
            state.isBusy = false
            state.session.step = .result
            state.phase = .enrolled(device, evaluation)
            state.scroll = ScrollState()
            return [.refreshPortal(userId: state.userId)]
        case .enrollmentChanged:
            return []
        case let .enrollmentFailed(text):
            if state.phase == .loading {
                state.phase = .blocked(text)
            } else if state.isBusy {
                // Refused at the last moment (another terminal reached the limit): back to the last step.
                state.isBusy = false
                // The inspection is done again on the way back; its facts are never kept in a session.
                state.session.hostFacts = nil
                state.session.step = state.session.previousStep ?? .device
                enter(&state)
                state.message = text
            } else {
                state.message = text
            }
            return []
        case let .input(.key(key)):
            guard !state.isBusy, state.phase != .loading else { return [] }
            return handle(key, &state, page: page, now: now)
        case let .input(.mouse(event)):
            guard !state.isBusy, state.phase != .loading else { return [] }
            return click(event, &state, page: page, context: context, size: size, now: now)
        case let .input(.paste(text)):
            guard state.phase == .walking, hasField(state.session.step) else { return [] }
            for character in text where !character.isNewline { _ = state.field.handle(.character(character)) }
            return []
        default:
            return []
        }
    }

    private static func loaded(_ facts: EnrollmentFacts?, _ state: inout EnrollmentWizardState, now: Date) -> [Effect] {
        guard let facts else {
            state.phase = .blocked(AccountChangeError.userNotFound.message)
            return []
        }
        state.facts = facts
        if var session = facts.session {
            // Checking is never kept, but a store edited by hand may say so: resume before it.
            while [.inspecting, .checking, .result].contains(session.step), let previous = session.previousStep { session.step = previous }
            state.session = session
            state.phase = .walking
            enter(&state)
            state.notice = "Picking up where you left off: \(state.progress.lowercased()), \(session.step.title.lowercased())."
            return []
        }
        if let block = facts.blockBeforeStart {
            if state.canInspectHost && facts.enrolledDevices.contains(where: HostEnrollment.isHostDevice) {
                // Only the inspection can tell whether this machine is one of them.
                state.limitPending = block
                return [.inspectHost]
            }
            return startAtLimit(block, facts, &state)
        } else if facts.simulatedDevices.isEmpty && !state.canInspectHost {
            state.phase = .blocked("\(facts.organization.displayName) offers no devices to enroll here. Ask your IT department.")
        } else {
            state.phase = .walking
            enter(&state)
        }
        return []
    }

    /// At the device limit only a device the user has can be enrolled again
    /// (it updates that device); with none to offer, the walkthrough says what blocks.
    private static func startAtLimit(_ block: EnrollmentRestrictions.Block, _ facts: EnrollmentFacts,
                                     _ state: inout EnrollmentWizardState) -> [Effect] {
        let organization = facts.organization.displayName
        guard state.hostEnrolled || facts.simulatedDevices.contains(where: facts.isEnrolled) else {
            state.phase = .blocked(block.message(organization: organization))
            return []
        }
        state.phase = .walking
        enter(&state)
        state.notice = "You have enrolled \(Plural.count(facts.restrictions.limit, "device")), the most \(organization) allows: you can enroll again a device you have, which updates it. To add another, remove one under Devices first."
        return []
    }

    private static func hasField(_ step: EnrollmentStep) -> Bool {
        [.deviceName, .passcode, .certificate, .requirements].contains(step)
    }

    /// How much of the step's text shows, for scrolling it.
    struct Page {
        var lines: Int
        var visible: Int

        init(state: EnrollmentWizardState, context: PortalContext, size: Size, now: Date) {
            let content = PortalLayout(size: size).content
            lines = EnrollmentWizardView.lines(state, context: context, width: content.width - 3, now: now).count
            visible = EnrollmentWizardView.bodyHeight(state, in: content)
        }
    }

    private static func handle(_ key: Key, _ state: inout EnrollmentWizardState, page: Page, now: Date) -> [Effect] {
        let action = keymap(state).action(for: key)
        if state.phase != .walking {
            switch action {
            case .nextStep?: state.closed = true
            case let action?: if let move = PortalScreen.move(for: action) { state.scroll.apply(move, lines: page.lines, visible: page.visible) }
            case nil: break
            }
            return []
        }
        switch action {
        case .nextStep?: return next(&state, now: now)
        case .previousStep?: return back(&state)
        case .cancelEnrollment?:
            state.closed = true
            return [.changeEnrollment(.cancel(userId: state.userId))]
        case .accept?:
            guard let version = state.facts?.organization.termsAndConditions.version else { return [] }
            state.session.termsAccepted = true
            return [.changeEnrollment(.acceptTerms(userId: state.userId, version: version))] + advance(&state)
        case .decline?:
            state.phase = .declined
            state.message = nil
            state.scroll = ScrollState()
            return [.changeEnrollment(.cancel(userId: state.userId))]
        case .install?:
            if state.session.step == .certificate { return nameCertificate(&state) }
            state.session.profileInstalled = true
            state.message = nil
            return [.changeEnrollment(.save(state.session))]
        case .activate?:
            if state.session.step == .workAccount { state.session.workAccountConnected = true } else { state.session.managementActivated = true }
            return advance(&state)
        case .setLater?:
            guard state.session.step == .passcode else { return [] }
            state.session.passcode = nil
            state.session.passcodeDeferred = true
            return advance(&state)
        case .encrypt?:
            state.session.encrypted = true
            state.message = nil
            return [.changeEnrollment(.save(state.session))]
        case .editText?, nil:
            if hasField(state.session.step), state.field.handle(key) { state.message = nil }
            return []
        case let action?:
            if let move = PortalScreen.move(for: action) { apply(move, &state, page: page) }
            return []
        }
    }

    /// The wheel scrolls the text; a click chooses an answer, and a click on
    /// the chosen one goes on, as a double click would.
    private static func click(_ event: MouseEvent, _ state: inout EnrollmentWizardState, page: Page,
                              context: PortalContext, size: Size, now: Date) -> [Effect] {
        switch event.kind {
        case .scrollUp: state.scroll.apply(.up, lines: page.lines, visible: page.visible)
        case .scrollDown: state.scroll.apply(.down, lines: page.lines, visible: page.visible)
        case .click:
            guard state.phase == .walking,
                  let index = EnrollmentWizardView.option(atRow: event.y, state, context: context, size: size, now: now) else { return [] }
            if index == state.choice.selected { return next(&state, now: now) }
            state.choice.selected = index
            state.message = nil
        }
        return []
    }

    private static func apply(_ move: ListState.Move, _ state: inout EnrollmentWizardState, page: Page) {
        let count = options(state).count
        if count > 0 {
            state.choice.apply(move, count: count, visible: count)
            state.message = nil
            // The choices are the text's last lines: keep the chosen one in view.
            let line = page.lines - count + state.choice.selected
            if line >= state.scroll.offset + page.visible { state.scroll.offset = line - page.visible + 1 }
            if line < state.scroll.offset { state.scroll.offset = max(0, line) }
        } else {
            state.scroll.apply(move, lines: page.lines, visible: page.visible)
        }
    }

    /// The answers a choice step offers, as shown.
    static func options(_ state: EnrollmentWizardState) -> [String] {
        guard let facts = state.facts else { return [] }
        switch state.session.step {
        case .device:
            return facts.simulatedDevices.map { device in
                let platform = "\(device.operatingSystem.displayName) \(device.osVersion)"
                let note = facts.isEnrolled(device) ? " - enrolled; enrolling again updates it"
                    : facts.isTaken(device) ? " - enrolled by someone else" : ""
                return "\(device.displayName) (\(platform))" + note
            } + (state.canInspectHost ? ["\(HostEnrollment.displayName) (inspected when you go on)"] : [])
        case .ownership:
            return ["Corporate: my organization owns this device", "Personal: I own this device"]
        case .category:
            return facts.categories.map { $0.description.isEmpty ? $0.displayName : "\($0.displayName): \($0.description)" }
        default:
            return []
        }
    }

    /// Sets up the step's input from the session, so going back shows what was chosen.
    static func enter(_ state: inout EnrollmentWizardState) {
        state.message = nil
        state.scroll = ScrollState()
        state.choice = ListState()
        state.field = TextFieldState()
        guard let facts = state.facts else { return }
        let session = state.session
        switch session.step {
        case .device:
            state.choice.selected = facts.simulatedDevices.firstIndex { $0.id == session.simulatedDeviceId }
                ?? (session.simulatedDeviceId == HostEnrollment.deviceId && state.canInspectHost ? facts.simulatedDevices.count : 0)
        case .ownership:
            state.choice.selected = session.ownership.flatMap { EnrollmentWizardState.ownerships.firstIndex(of: $0) } ?? 0
        case .category:
            state.choice.selected = facts.categories.firstIndex { $0.id == session.categoryId } ?? 0
        case .deviceName:
            // Enrolled again, the device keeps the name it has.
            let current = state.device.flatMap(facts.enrolledDevice)?.deviceName
            state.field = TextFieldState(text: session.deviceName ?? current ?? state.device?.suggestedName ?? "", limit: EnrollmentSession.nameLimit)
        case .certificate:
            state.field = TextFieldState(text: session.certificateName ?? "\(facts.organization.displayName) MDM", limit: EnrollmentSession.nameLimit)
        case .passcode, .requirements:
            state.field = TextFieldState.password()
        default:
            break
        }
        let count = options(state).count
        state.choice.clamp(count: count, visible: max(1, count))
    }

    /// Records the step's answer, checks it, and goes on.
    private static func next(_ state: inout EnrollmentWizardState, now: Date) -> [Effect] {
        guard let facts = state.facts else { return [] }
        switch state.session.step {
        case .device:
            guard (0..<state.deviceCount).contains(state.choice.selected) else { return [] }
            let chosen = facts.simulatedDevices.indices.contains(state.choice.selected) ? facts.simulatedDevices[state.choice.selected] : nil
            let chosenId = chosen?.id ?? HostEnrollment.deviceId
            if let chosen, facts.isTaken(chosen) {
                state.message = EnrollmentChangeError.takenMessage(organization: facts.organization.displayName)
                return []
            }
            if chosenId != state.session.simulatedDeviceId {
                // Another device: what was chosen for the last one does not carry over.
                var fresh = EnrollmentSession(userId: state.userId, now: state.session.startedDateTime)
                fresh.ownership = state.session.ownership
                fresh.termsAccepted = state.session.termsAccepted
                fresh.categoryId = state.session.categoryId
                fresh.updatedDateTime = now
                state.session = fresh
            }
            state.session.simulatedDeviceId = chosenId
            state.session.plannedSteps = chosen.map { facts.plan(for: $0) } ?? HostEnrollment.plan(termsAccepted: facts.termsAccepted)
        case .ownership:
            let ownership = EnrollmentWizardState.ownerships[min(state.choice.selected, EnrollmentWizardState.ownerships.count - 1)]
            let blocks: [EnrollmentRestrictions.Block]
            if let device = state.device {
                blocks = facts.blocks(device, ownership: ownership)
            } else if state.isHost {
                // The OS version is known only after the inspection; enrolling checks it then.
                blocks = facts.restrictions.blocks(platform: .linux, ownership: ownership, osVersion: nil,
                                                   enrolledCount: facts.enrolledDevices.count, reenrolling: state.hostEnrolled)
            } else {
                return []
            }
            state.session.ownership = ownership
            if !blocks.isEmpty {
                state.message = blocks.map { $0.message(organization: facts.organization.displayName) }.joined(separator: " ")
                return [.changeEnrollment(.save(state.session))]
            }
        case .category:
            guard facts.categories.indices.contains(state.choice.selected) else { return [] }
            state.session.categoryId = facts.categories[state.choice.selected].id
        case .managementProfile:
            guard state.session.profileInstalled else {
                state.message = "Install the profile first: press i to trust and install it, then Enter for Done."
                return []
            }
        case .deviceName:
            let name = state.field.text.trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                state.message = "Give the device a name, such as \"\(state.device?.suggestedName ?? "Work phone")\"."
                return []
            }
            if name.unicodeScalars.contains(where: InertText.isUnsafe) {
                state.message = "Use letters, digits and punctuation only."
                return []
            }
            state.session.deviceName = name
        case .passcode:
            guard let device = state.device else { return [] }
            if let problem = facts.passcodeProblem(state.field.text, on: device) {
                state.message = problem
                state.field = TextFieldState.password()
                return []
            }
            state.session.passcode = PasscodeFacts(text: state.field.text)
            state.session.passcodeDeferred = false
        case .requirements:
            guard let device = state.device else { return [] }
            if !state.field.text.isEmpty {
                if let problem = facts.passcodeProblem(state.field.text, on: device) {
                    state.message = problem
                    state.field = TextFieldState.password()
                    return []
                }
                state.session.passcode = PasscodeFacts(text: state.field.text)
            }
        case .privacy:
            break
        case .terms:
            guard state.session.termsAccepted else {
                state.message = "Accept (a) or decline (d) the terms to go on."
                return []
            }
        case .deviceManagement:
            guard state.session.managementActivated else {
                state.message = "Press a to activate device management, or F4 to cancel if you do not agree."
                return []
            }
        case .workAccount:
            return []
        case .certificate:
            return nameCertificate(&state)
        case .inspecting, .checking, .result:
            return []
        }
        return advance(&state)
    }

    private static func nameCertificate(_ state: inout EnrollmentWizardState) -> [Effect] {
        let name = state.field.text.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.unicodeScalars.contains(where: InertText.isUnsafe) {
            state.message = "Name the certificate, such as \"\(state.facts?.organization.displayName ?? "Work") MDM\", using letters, digits and punctuation."
            return []
        }
        state.session.certificateName = name
        return advance(&state)
    }

    /// Moves to the next step and keeps the session; the checking step enrolls.
    private static func advance(_ state: inout EnrollmentWizardState) -> [Effect] {
        guard let next = state.session.nextStep else { return [] }
        state.session.step = next
        state.notice = nil
        if next == .checking {
            state.isBusy = true
            state.message = nil
            return [.changeEnrollment(.enroll(state.session))]
        }
        if next == .inspecting {
            // Kept first, so an interruption resumes before the inspection; its result enrolls.
            state.isBusy = true
            state.message = nil
            return [.changeEnrollment(.save(state.session)), .inspectHost]
        }
        enter(&state)
        return [.changeEnrollment(.save(state.session))]
    }

    private static func back(_ state: inout EnrollmentWizardState) -> [Effect] {
        guard let previous = state.session.previousStep else {
            state.message = "This is the first step. Press F4 to cancel the enrollment."
            return []
        }
        state.session.step = previous
        state.notice = nil
        enter(&state)
        return [.changeEnrollment(.save(state.session))]
    }
}
