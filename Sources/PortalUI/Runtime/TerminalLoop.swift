import Foundation

/// Drives a runtime from a backend until the program quits or a signal says stop.
public enum TerminalLoop {
    /// How often to look for finished background work while some runs.
    static let busyPollMilliseconds = 25

    /// Returns the signal that ended the loop, if one did.
    @discardableResult
    public static func run(_ runtime: PortalRuntime, on backend: TerminalBackend, tickMilliseconds: Int = 1_000) -> Int32? {
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
        var lastTick = Date()
        while !runtime.isFinished {
            let wait = runtime.isBusy ? busyPollMilliseconds : tickMilliseconds
            switch backend.poll(timeoutMilliseconds: wait) {
            case let .terminate(signal): return signal
            case .timeout: break
            case let .input(event):
                runtime.post(.input(event))
                // What the input changed (e.g. "Signing in…") shows before
                // the results of the work it started.
                show()
            }
            runtime.deliverFinishedWork()
            if Date().timeIntervalSince(lastTick) * 1_000 >= Double(tickMilliseconds) {
                lastTick = Date()
                runtime.post(.tick)
            }
            for request in runtime.takeTerminalRequests() {
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
            show()
        }
        return nil
    }
}
