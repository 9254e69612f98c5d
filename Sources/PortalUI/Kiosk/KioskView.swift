import Foundation

/// What the kiosk draws over the visitor's session: the attract banner,
/// the reset countdown and the operator's PIN prompt.
extension KioskApp {
    /// `session` is the portal's own frame, drawn only when it is shown as it is.
    public static func view(_ state: KioskState, session: @autoclosure () -> CellBuffer, sessionState: AppState,
                            context: PortalContext, now: Date, settings: KioskSettings) -> CellBuffer {
        // Below the portal's minimum size the session says so; nothing fits over it.
        if sessionState.size.isBelowMinimum { return session() }
        var buffer: CellBuffer
        if sessionState.overlay == .help {
            buffer = visitorHelp(sessionState, context: context)
        } else {
            buffer = session()
            replaceHintBar(&buffer, session: sessionState)
        }
        if state.isAttracting { attractBanner(&buffer) }
        if let prompt = state.pin {
            pinPrompt(prompt, limiter: state.limiter, now: now, hasPin: settings.exitPinHash != nil, &buffer)
            // The prompt takes every key: the bar says its own, not the screen's underneath.
            Widgets.hintBar(pinHints, y: buffer.size.height - 1, width: buffer.size.width, buffer: &buffer)
        }
        if isCountingDown(state, now: now, settings: settings), let end = resetTime(state, settings: settings) {
            countdown(seconds: Int(end.timeIntervalSince(now).rounded(.up)), &buffer)
        }
        return buffer
    }

    /// The bottom row during the show, where the hint bar would be.
    private static func attractBanner(_ buffer: inout CellBuffer) {
        let y = buffer.size.height - 1
        let text = "Demo · press any key to start"
        buffer.fill(Rect(x: 0, y: y, width: buffer.size.width, height: 1), role: .selection)
        _ = buffer.write(TextWidth.truncate(text, to: buffer.size.width), x: max(0, (buffer.size.width - TextWidth.of(text)) / 2), y: y, role: .selection)
        buffer.cursor = nil
    }

    static let pinHints: [(key: String, label: String)] = [("Enter", "Leave kiosk mode"), ("Esc", "Back")]

    static func countdownText(seconds: Int) -> String { "Resetting in \(seconds) s; press any key to stay" }

    private static func countdown(seconds: Int, _ buffer: inout CellBuffer) {
        let lines = TextWidth.wrap(countdownText(seconds: seconds), width: min(52, buffer.size.width) - 4)
        let rect = buffer.bounds.centered(width: min(52, buffer.size.width), height: lines.count + 4)
        Widgets.box(rect, title: "Are you still there?", role: .warning, in: &buffer)
        for (index, line) in lines.enumerated() {
            _ = buffer.write(line, x: rect.x + 2, y: rect.y + 2 + index, role: .overlay)
        }
        buffer.cursor = nil
    }

    private static func pinPrompt(_ prompt: PinPrompt, limiter: PinLimiter, now: Date, hasPin: Bool, _ buffer: inout CellBuffer) {
        let width = min(56, buffer.size.width)
        let inner = width - 4
        var status: (String, Role)?
        if limiter.isLocked(at: now) {
            status = ("Too many wrong PINs. Try again in \(limiter.secondsLeft(at: now)) s.", .error)
        } else if prompt.checking {
            status = ("Checking…", .dim)
        } else if let message = prompt.message {
            status = (message, .error)
        } else if !hasPin {
            status = ("No exit PIN is set for this kiosk.", .warning)
        }
        let intro = TextWidth.wrap(hasPin ? "Operators only: type the exit PIN and press Enter. Esc returns to the portal."
                                   : "Operators only. No exit PIN is set for this kiosk: stop it with a signal (close its terminal). Esc returns to the portal.",
                                   width: inner)
        let statusLines = status.map { TextWidth.wrap($0.0, width: inner) } ?? []
        let rect = buffer.bounds.centered(width: width, height: intro.count + statusLines.count + 6)
        Widgets.box(rect, title: "Leave kiosk mode", in: &buffer)
        var y = rect.y + 2
        for line in intro {
            _ = buffer.write(line, x: rect.x + 2, y: y, role: .overlay)
            y += 1
        }
        y += 1
        let label = "PIN: "
        _ = buffer.write(label, x: rect.x + 2, y: y, role: .overlay)
        let fieldX = rect.x + 2 + TextWidth.of(label)
        let fieldWidth = min(PinPrompt.longest + 1, rect.maxX - 2 - fieldX)
        buffer.fill(Rect(x: fieldX, y: y, width: fieldWidth, height: 1), role: .fieldFocused)
        let dots = String(repeating: "*", count: min(prompt.typed.count, fieldWidth - 1))
        _ = buffer.write(dots, x: fieldX, y: y, role: .fieldFocused)
        buffer.cursor = Point(x: fieldX + dots.count, y: y)
        y += 1
        if let status {
            for line in statusLines {
                _ = buffer.write(line, x: rect.x + 2, y: y, role: status.1)
                y += 1
            }
        }
    }
}
