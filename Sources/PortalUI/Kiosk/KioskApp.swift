import Foundation
import PortalCore

/// The kiosk as update + view around the portal's own: it decides which
/// input reaches the visitor's session, resets idle sessions, plays the
/// attract loop and guards the way out.
public enum KioskApp {
    public static func update(_ state: inout KioskState, _ event: KioskEvent, now: Date,
                              settings: KioskSettings, session: AppState) -> [KioskEffect] {
        switch event {
        case let .input(.resize(size)):
            // The terminal's size is no visitor's doing.
            return [.forward(.input(.resize(size)))]
        case let .input(input):
            return handle(input, &state, now: now, settings: settings, session: session)
        case .tick:
            return tick(&state, now: now, settings: settings)
        case let .pinChecked(right):
            guard var prompt = state.pin else { return [] }
            prompt.checking = false
            if right {
                state.exited = true
                state.pin = nil
                return [.exit]
            }
            state.limiter.recordFailure(at: now)
            prompt.message = "That PIN is not right."
            state.pin = prompt
            return []
        case let .attractTyping(code):
            guard case var .attract(position) = state.phase else { return [] }
            position.typing = Array(code)
            position.due = now.addingTimeInterval(settings.attract?.pace ?? AttractScript.defaultPace)
            state.phase = .attract(position)
            return []
        }
    }

    /// What a visitor cannot do: leave (quit, suspend) or write a file on the
    /// kiosk's machine (a diagnostic report). Hints and help leave them out.
    static let barredActions: [Action] = [.quit, .quitNow, .suspend, .saveDiagnostics]

    /// Keys the portal would leave by, which a kiosk ignores: quit (q, F10,
    /// Ctrl-C) and suspend (Ctrl-Z), and the report that would write a file.
    /// Ctrl-\ never arrives: the terminal is raw and the key decoder drops it.
    static func isExitKey(_ key: Key, session: AppState) -> Bool {
        if let action = Keymaps.global.action(for: key), action == .quitNow || action == .suspend { return true }
        if key == .function(10) { return true }
        return PortalApp.keymap(for: session).action(for: key).map(barredActions.contains) ?? false
    }

    private static func handle(_ input: InputEvent, _ state: inout KioskState, now: Date,
                               settings: KioskSettings, session: AppState) -> [KioskEffect] {
        let countingDown = isCountingDown(state, now: now, settings: settings)
        state.lastActivity = now
        if state.pin != nil {
            if case let .key(key) = input { return pinKey(key, &state, now: now, settings: settings) }
            if case let .paste(text) = input { return pinKeys(text, &state, now: now) }
            return []
        }
        if case .key(KioskSettings.pinKey) = input {
            state.pin = PinPrompt()
            if state.isAttracting {
                state.phase = .waiting
                return [.freshSession]
            }
            return []
        }
        if state.isAttracting {
            // The key that stops the show is not part of the visitor's session.
            state.phase = .visitor
            return [.freshSession]
        }
        // "Press any key to stay": the key only stays.
        if countingDown { return [] }
        state.phase = .visitor
        switch input {
        case let .key(key) where isExitKey(key, session: session):
            return []
        case let .mouse(event) where event.kind == .click && event.y == session.size.height - 1
            && session.overlay == nil && !session.size.isBelowMinimum:
            // The hint bar shown is the kiosk's (no Quit): a click presses what is under it there.
            guard let key = hintKey(at: event.x, session), !isExitKey(key, session: session) else { return [] }
            return [.forward(.input(.key(key)))]
        default:
            break
        }
        return [.forward(.input(input))]
    }

    private static func pinKey(_ key: Key, _ state: inout KioskState, now: Date, settings: KioskSettings) -> [KioskEffect] {
        guard var prompt = state.pin else { return [] }
        switch key {
        case .escape:
            state.pin = nil
            return []
        case .enter:
            guard !prompt.checking, !state.limiter.isLocked(at: now), !prompt.typed.isEmpty else { return [] }
            guard settings.exitPinHash != nil else {
                prompt.message = "No exit PIN is set for this kiosk."
                prompt.typed = ""
                state.pin = prompt
                return []
            }
            // The PIN leaves the state at once; only its check holds it.
            let typed = prompt.typed
            prompt.typed = ""
            prompt.checking = true
            prompt.message = nil
            state.pin = prompt
            return [.checkPin(typed)]
        case .backspace, .delete:
            if !prompt.typed.isEmpty { prompt.typed.removeLast() }
        case .control("u"):
            prompt.typed = ""
        case let .character(character):
            state.pin = prompt
            return pinKeys(String(character), &state, now: now)
        default:
            return []
        }
        state.pin = prompt
        return []
    }

    private static func pinKeys(_ text: String, _ state: inout KioskState, now: Date) -> [KioskEffect] {
        guard var prompt = state.pin, !prompt.checking, !state.limiter.isLocked(at: now) else { return [] }
        for character in text where !character.isNewline && character.unicodeScalars.allSatisfy({ !InertText.isUnsafe($0) }) {
            guard prompt.typed.count < PinPrompt.longest else { break }
            prompt.typed.append(character)
        }
        prompt.message = nil
        state.pin = prompt
        return []
    }

    private static func tick(_ state: inout KioskState, now: Date, settings: KioskSettings) -> [KioskEffect] {
        if let end = resetTime(state, settings: settings), now >= end {
            state = KioskState(resetFrom: state, now: now)
            return [.freshSession]
        }
        switch state.phase {
        case .waiting:
            guard state.pin == nil, let attract = settings.attract, !attract.isEmpty,
                  now >= state.lastActivity.addingTimeInterval(settings.attractAfter) else { return [] }
            state.phase = .attract(AttractScript.Position(due: now.addingTimeInterval(attract.items[0].delay)))
            return [.freshSession]
        case var .attract(position):
            guard let attract = settings.attract, now >= position.due else { return [] }
            var effects: [KioskEffect] = []
            if !position.typing.isEmpty {
                effects.append(.forward(.input(.key(.character(position.typing.removeFirst())))))
                position.due = now.addingTimeInterval(attract.pace)
                if position.typing.isEmpty { schedule(&position, attract, now: now, effects: &effects) }
            } else {
                let item = attract.items[position.index]
                position.index += 1
                switch item.input {
                case let .key(key)?: effects.append(.forward(.input(.key(key))))
                case let .click(x, y)?: effects.append(.forward(.input(.mouse(MouseEvent(kind: .click, x: x, y: y)))))
                case let .typeCode(name, method)?: effects.append(.lookUpCode(principalName: name, method: method))
                case nil: break
                }
                // A code's digits are typed first; its lookup answers with them.
                if case .typeCode? = item.input {
                    position.due = now.addingTimeInterval(attract.pace)
                } else {
                    schedule(&position, attract, now: now, effects: &effects)
                }
            }
            state.phase = .attract(position)
            return effects
        case .visitor:
            return []
        }
    }

    /// When the next item plays; past the last, the loop starts over on a fresh session.
    private static func schedule(_ position: inout AttractScript.Position, _ attract: AttractScript, now: Date,
                                 effects: inout [KioskEffect]) {
        if position.index >= attract.items.count {
            position.index = 0
            position.loops += 1
            effects.append(.freshSession)
        }
        position.due = now.addingTimeInterval(attract.items[position.index].delay)
    }

    /// When an idle session is thrown away: a visitor's, or one with the PIN prompt left open.
    static func resetTime(_ state: KioskState, settings: KioskSettings) -> Date? {
        guard state.phase == .visitor || state.pin != nil else { return nil }
        return state.lastActivity.addingTimeInterval(settings.idleReset + settings.countdown)
    }

    static func isCountingDown(_ state: KioskState, now: Date, settings: KioskSettings) -> Bool {
        guard let end = resetTime(state, settings: settings) else { return false }
        return now >= end.addingTimeInterval(-settings.countdown) && now < end
    }

    /// When the kiosk's screen next changes on its own: a countdown's next
    /// second, the reset, the attract loop's next key, the lockout's next second.
    public static func nextDeadline(_ state: KioskState, now: Date, settings: KioskSettings) -> Date {
        var deadlines: [Date] = []
        if let end = resetTime(state, settings: settings) {
            let start = end.addingTimeInterval(-settings.countdown)
            deadlines.append(now < start ? start : min(end, nextWholeSecond(after: now, from: start)))
        }
        switch state.phase {
        case .waiting:
            if state.pin == nil, settings.attract.map({ !$0.isEmpty }) ?? false {
                deadlines.append(state.lastActivity.addingTimeInterval(settings.attractAfter))
            }
        case let .attract(position):
            deadlines.append(position.due)
        case .visitor:
            break
        }
        if state.pin != nil, let until = state.limiter.lockedUntil, now < until {
            deadlines.append(nextWholeSecond(after: now, from: until))
        }
        return deadlines.min() ?? .distantFuture
    }

    /// The next moment after `now` a whole number of seconds from `origin`.
    private static func nextWholeSecond(after now: Date, from origin: Date) -> Date {
        let elapsed = now.timeIntervalSince(origin)
        return origin.addingTimeInterval((elapsed.rounded(.down) + 1))
    }
}

extension KioskState {
    /// After a reset: a fresh, untouched session; the PIN count stays.
    init(resetFrom old: KioskState, now: Date) {
        self.init(now: now)
        limiter = old.limiter
    }
}
