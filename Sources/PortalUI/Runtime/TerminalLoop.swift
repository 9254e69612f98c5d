import Foundation

/// Drives a runtime from a backend until the program quits or a signal says stop.
public enum TerminalLoop {
    /// Returns the signal that ended the loop, if one did.
    @discardableResult
    public static func run(_ runtime: PortalRuntime, on backend: TerminalBackend, tickMilliseconds: Int = 1_000) -> Int32? {
        runtime.send(.input(.resize(backend.size)))
        var shown = runtime.render()
        backend.draw(shown)
        while !runtime.isFinished {
            let message: Message
            switch backend.poll(timeoutMilliseconds: tickMilliseconds) {
            case let .terminate(signal): return signal
            case .timeout: message = .tick
            case let .input(event): message = .input(event)
            }
            runtime.send(message) {
                // Show the state that asked for slow work (e.g. "Signing in…") first.
                backend.draw(runtime.render())
            }
            let next = runtime.render()
            if next != shown {
                backend.draw(next)
                shown = next
            }
        }
        return nil
    }
}
