import Foundation
import PortalCore

/// One step of the app protection walkthrough (seed 004). The count never
/// moves: a missing threat-defense app is handled inside the health check.
public enum AppProtectionStep: Int, CaseIterable, Sendable {
    case device, app, register, healthCheck, result

    public var title: String {
        switch self {
        case .device: "Choose your personal device"
        case .app: "Which app asks?"
        case .register: "Register the device"
        case .healthCheck: "Device health check"
        case .result: "Result"
        }
    }
}

/// Using work apps on a personal device without enrolling it: choose the
/// device and the app, register through the broker app, pass the device
/// health check. A component the portal hosts over its sections.
public struct AppProtectionWizardState: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        case loading
        case walking
        /// Nothing to register (no policy, no device) or the store failed: the text says why.
        case blocked(String)
    }

    public let userId: String
    public var phase: Phase = .loading
    public var facts: AppProtectionFacts?
    public var step: AppProtectionStep = .device
    public var deviceId: String?
    public var appIdentifier: String?
    /// The registration as the store last answered: its health is what the screen says.
    public var registration: ManagedAppRegistration?
    public var choice = ListState()
    public var scroll = ScrollState()
    public var message: String?
    /// A registration, install or recheck is being written.
    public var isBusy = false
    public var closed = false

    public init(userId: String) { self.userId = userId }

    public var device: SimulatedDevice? { facts?.devices.first { $0.id == deviceId } }

    public var apps: [(app: ProtectedApp, policy: ManagedAppProtection)] { device.flatMap { facts?.apps(on: $0) } ?? [] }

    public var app: ProtectedApp? { apps.first { $0.app.mobileAppIdentifier.value == appIdentifier }?.app }

    /// The policy the registration is checked against.
    public var policy: ManagedAppProtection? {
        if let registration, let policy = facts?.policy(id: registration.policyId) { return policy }
        return apps.first { $0.app.mobileAppIdentifier.value == appIdentifier }?.policy
    }

    public var progress: String { "Step \(step.rawValue + 1) of \(AppProtectionStep.allCases.count)" }
}

enum AppProtectionWizard {
    static func keymap(_ state: AppProtectionWizardState) -> Keymap {
        if state.phase == .loading || state.isBusy { return Keymaps.enrollChecking }
        if case .blocked = state.phase { return Keymaps.enrollEnd }
        switch state.step {
        case .device: return Keymaps.appChoice.without(.previousStep)
        case .app: return Keymaps.appChoice
        case .register: return Keymaps.appRegister
        case .healthCheck: return Keymaps.appHealthCheck
        case .result:
            let found = [.accessBlocked, .dataWiped].contains(state.registration?.healthState) && state.registration?.threatRemoved != true
            return Keymaps.appResult(threatFound: found)
        }
    }

    static func update(_ state: inout AppProtectionWizardState, _ message: Message, page: Page) -> [Effect] {
        switch message {
        case let .appProtectionLoaded(facts):
            guard let facts else {
                state.phase = .blocked(AccountChangeError.userNotFound.message)
                return []
            }
            state.facts = facts
            let organization = facts.organization.displayName
            if facts.policies.isEmpty {
                state.phase = .blocked("\(organization) protects no work apps on personal devices for you, so there is nothing to register. Enroll the device instead (press e on Home), or ask your IT department.")
            } else if facts.devices.isEmpty {
                state.phase = .blocked("\(organization) offers no personal iOS or Android devices to register here. Ask your IT department.")
            } else {
                state.phase = .walking
                enter(&state)
            }
            return []
        case let .appProtectionChanged(registration):
            state.isBusy = false
            let waiting = registration.healthState == .threatDefenseAppMissing || registration.healthState == .threatNotReported
            // A recheck that finds what the last check found says so; installing is not a recheck.
            if waiting, let previous = state.registration, previous.id == registration.id, previous.healthState == registration.healthState,
               previous.mobileThreatDefenseAppInstalled == registration.mobileThreatDefenseAppInstalled {
                let defender = state.policy?.threatDefenseApp.displayName ?? "The threat-defense app"
                state.message = registration.mobileThreatDefenseAppInstalled
                    ? "\(defender) has not reported this device yet. Finish its setup, wait a moment and recheck."
                    : "Still missing: install \(defender), press i, then r to recheck."
            }
            state.registration = registration
            // The facts keep the user's registrations current for the choice steps.
            if var facts = state.facts {
                facts.registrations.removeAll { $0.id == registration.id }
                facts.registrations.append(registration)
                state.facts = facts
            }
            state.step = waiting ? .healthCheck : .result
            state.scroll = ScrollState()
            return [.refreshPortal(userId: state.userId)]
        case let .appProtectionFailed(text):
            if state.phase == .loading {
                state.phase = .blocked(text)
            } else {
                if state.isBusy, state.registration == nil { state.step = .register }
                state.isBusy = false
                state.message = text
            }
            return []
        case let .input(.key(key)):
            guard !state.isBusy, state.phase != .loading else { return [] }
            return handle(keymap(state).action(for: key), &state, page: page)
        case let .input(.mouse(event)):
            guard !state.isBusy, state.phase == .walking else { return [] }
            switch event.kind {
            case .scrollUp: state.scroll.apply(.up, lines: page.lines, visible: page.visible)
            case .scrollDown: state.scroll.apply(.down, lines: page.lines, visible: page.visible)
            case .click:
                guard let index = page.option(atRow: event.y) else { return [] }
                if index == state.choice.selected { return next(&state) }
                state.choice.selected = index
                state.message = nil
            }
            return []
        default:
            return []
        }
    }

    /// How much of the step's text shows, and where its answers are, for scrolling and clicks.
    struct Page {
        var lines: Int
        var visible: Int
        /// The first screen row of the text, and the line each answer starts on.
        var top: Int
        var offset: Int
        var optionStarts: [Range<Int>]

        func option(atRow y: Int) -> Int? {
            guard y >= top, y < top + visible else { return nil }
            let line = y - top + offset
            return optionStarts.firstIndex { $0.contains(line) }
        }
    }

    private static func handle(_ action: Action?, _ state: inout AppProtectionWizardState, page: Page) -> [Effect] {
        if case .blocked = state.phase {
            if action == .nextStep { state.closed = true }
            if let action, let move = PortalScreen.move(for: action) { state.scroll.apply(move, lines: page.lines, visible: page.visible) }
            return []
        }
        switch action {
        case .nextStep?:
            if state.step == .result {
                state.closed = true
                return []
            }
            return next(&state)
        case .previousStep?:
            guard let previous = AppProtectionStep(rawValue: state.step.rawValue - 1) else { return [] }
            state.step = previous
            enter(&state)
            return []
        case .cancelEnrollment?:
            state.closed = true
            return []
        case .install?:
            guard state.step == .healthCheck, let registration = state.registration else { return [] }
            state.message = nil
            state.isBusy = true
            return [.changeAppProtection(.installThreatDefenseApp(userId: state.userId, registrationId: registration.id))]
        case .removeThreat?:
            guard let registration = state.registration else { return [] }
            state.message = nil
            state.isBusy = true
            return [.changeAppProtection(.removeThreat(userId: state.userId, registrationId: registration.id))]
        case .recheck?:
            guard let registration = state.registration else { return [] }
            state.message = nil
            state.isBusy = true
            state.step = .healthCheck
            return [.changeAppProtection(.recheck(userId: state.userId, registrationId: registration.id))]
        case let action?:
            guard let move = PortalScreen.move(for: action) else { return [] }
            let count = options(state).count
            if count > 0 {
                state.choice.apply(move, count: count, visible: count)
                state.message = nil
            } else {
                state.scroll.apply(move, lines: page.lines, visible: page.visible)
            }
            return []
        case nil:
            return []
        }
    }

    /// The answers a choice step offers, as shown.
    static func options(_ state: AppProtectionWizardState) -> [String] {
        guard let facts = state.facts else { return [] }
        switch state.step {
        case .device:
            return facts.devices.map { device in
                let registered = facts.registrations.filter { $0.simulatedDeviceId == device.id }.map(\.appDisplayName)
                let platform = "\(device.operatingSystem.displayName) \(device.osVersion)"
                return "\(device.displayName) (\(platform))" + (registered.isEmpty ? "" : " - registered: \(registered.joined(separator: ", "))")
            }
        case .app:
            guard let device = state.device else { return [] }
            return state.apps.map { app, _ in
                let known = facts.registration(device: device, app: app).map { " - \($0.healthState.label.lowercased())" } ?? ""
                return "\(app.displayName) (\(app.mobileAppIdentifier.value))\(known)"
            }
        case .register, .healthCheck, .result:
            return []
        }
    }

    /// Sets up the step's choice from what was chosen, so going back shows it.
    static func enter(_ state: inout AppProtectionWizardState) {
        state.message = nil
        state.scroll = ScrollState()
        state.choice = ListState()
        switch state.step {
        case .device:
            state.choice.selected = state.facts?.devices.firstIndex { $0.id == state.deviceId } ?? 0
        case .app:
            state.choice.selected = state.apps.firstIndex { $0.app.mobileAppIdentifier.value == state.appIdentifier } ?? 0
        case .register, .healthCheck, .result:
            break
        }
        let count = options(state).count
        state.choice.clamp(count: count, visible: max(1, count))
    }

    private static func next(_ state: inout AppProtectionWizardState) -> [Effect] {
        guard let facts = state.facts else { return [] }
        switch state.step {
        case .device:
            guard facts.devices.indices.contains(state.choice.selected) else { return [] }
            let chosen = facts.devices[state.choice.selected].id
            if chosen != state.deviceId {
                // Another device: the app and its registration do not carry over.
                state.appIdentifier = nil
                state.registration = nil
            }
            state.deviceId = chosen
            state.step = .app
        case .app:
            let apps = state.apps
            guard apps.indices.contains(state.choice.selected) else { return [] }
            let chosen = apps[state.choice.selected].app.mobileAppIdentifier.value
            if chosen != state.appIdentifier { state.registration = nil }
            state.appIdentifier = chosen
            state.step = .register
        case .register:
            guard let deviceId = state.deviceId, let identifier = state.appIdentifier else { return [] }
            state.step = .healthCheck
            state.isBusy = true
            state.message = nil
            state.scroll = ScrollState()
            return [.changeAppProtection(.register(userId: state.userId, simulatedDeviceId: deviceId, appIdentifier: identifier))]
        case .healthCheck, .result:
            return []
        }
        enter(&state)
        return []
    }
}
