import Foundation

/// Drives a runtime from a backend until the program quits or a signal says stop.
public enum TerminalLoop {
    /// How often to look for finished background work while some runs.
    static let busyPollMilliseconds = 25
    /// The longest an idle loop waits for input before looking again.
    static let longestWaitMilliseconds = 1_000

    /// Most of the screen changes once a minute ("3 minutes ago", a grace
    /// deadline), so an idle portal wakes once a minute, on the minute, and
    /// spends no CPU in between; a lockout countdown or one-time codes on
    /// screen ask for more (`PortalApp.tickSeconds`).
    static let tickSeconds: TimeInterval = 60

    /// When the next tick is due after `now`: the next whole multiple of
    /// `every` seconds (code steps start on whole multiples of 30 s too).
    static func nextTick(after now: Date, every: TimeInterval = tickSeconds) -> Date {
        let seconds = now.timeIntervalSinceReferenceDate
        return Date(timeIntervalSinceReferenceDate: (seconds / every).rounded(.down) * every + every)
    }

    /// Returns the signal that ended the loop, if one did. A `control` (the
    /// real binary under `screens run --terminal`) moves the clock and hears
    /// when the loop is idle.
    @discardableResult
    public static func run(_ runtime: some LoopRuntime, on backend: TerminalBackend, control: ScriptControl? = nil) -> Int32? {
        // What the terminal shows. Every draw goes through `show`, so the
        // terminal always ends up with the latest frame (a busy frame once
        // stayed for good when the frame after the work equalled the one before).
        var shown: CellBuffer?
        func show() {
            let frame = runtime.render()
            if frame != shown {
                backend.draw(frame)
                shown = frame
            }
        }

        runtime.post(.input(.resize(backend.size)))
        show()
        func report() { control?.report(idle: !runtime.isBusy, size: shown?.size ?? backend.size, finished: runtime.isFinished) }
        defer { report() }
        report()
        var tickDue = runtime.nextTick(after: runtime.clock.now())
        while !runtime.isFinished {
            let untilTick = Int((tickDue.timeIntervalSince(runtime.clock.now()) * 1_000).rounded(.up))
            // curses learns of a resize from SIGWINCH, which can slip in just
            // before it starts waiting; a wait of at most a second bounds how
            // long such a resize can go unseen. A wake-up with nothing to do
            // renders nothing.
            var wait = runtime.isBusy ? min(busyPollMilliseconds, max(0, untilTick)) : min(max(1, untilTick), runtime.idleWaitMilliseconds)
            if control != nil { wait = min(wait, ScriptControl.pollMilliseconds) }
            var changed = false
            switch backend.poll(timeoutMilliseconds: wait) {
            case let .terminate(signal): return signal
            case .timeout: break
            case let .input(event):
                control?.inputTaken()
                runtime.post(.input(event))
                // What the input changed (e.g. "Signing in…") shows before
                // the results of the work it started.
                show()
                changed = true
            }
            if runtime.deliverFinishedWork() { changed = true }
            let clockMoved = control?.clockMoved() ?? false
            if clockMoved || runtime.clock.now() >= tickDue {
                runtime.post(.tick)
                changed = true
            }
            // What is on screen may now change faster or slower.
            tickDue = min(runtime.nextTick(after: runtime.clock.now()),
                          runtime.clock.now() >= tickDue ? .distantFuture : tickDue)
            for request in runtime.takeTerminalRequests() {
                changed = true
                switch request {
                case .redraw:
                    backend.invalidate()
                    shown = nil
                case let .brandColor(hex):
                    backend.setBrandColor(hex)
                    shown = nil
                case .suspend:
                    backend.suspend()
                    shown = nil
                    // The window may have changed while the program was stopped.
                    runtime.post(.input(.resize(backend.size)))
                }
            }
            if changed { show() }
            report()
        }
        return nil
    }
}
