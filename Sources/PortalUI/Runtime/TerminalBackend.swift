import Foundation

/// What the terminal loop needs from a terminal. The ncurses backend is one;
/// `InMemoryBackend` is another, for tests.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    /// Shows the buffer, sending only what changed since the last call.
    func draw(_ buffer: CellBuffer)
    /// Waits up to `timeoutMilliseconds` for input.
    func poll(timeoutMilliseconds: Int) -> BackendEvent
}

public enum BackendEvent: Equatable, Sendable {
    case input(InputEvent)
    case timeout
    /// SIGINT, SIGTERM or SIGHUP arrived: quit now.
    case terminate(signal: Int32)
}

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

/// A backend that plays queued events and keeps what was drawn as text.
public final class InMemoryBackend: TerminalBackend {
    public private(set) var size: Size
    public private(set) var screen: CellBuffer
    /// Every screen drawn, as text, in order.
    public private(set) var drawn: [String] = []
    private var events: [BackendEvent]

    public init(size: Size, events: [BackendEvent]) {
        self.size = size
        self.events = events
        screen = CellBuffer(size: size)
    }

    public func draw(_ buffer: CellBuffer) {
        screen = buffer
        drawn.append(buffer.text)
    }

    public func poll(timeoutMilliseconds: Int) -> BackendEvent {
        guard !events.isEmpty else { return .terminate(signal: 0) }
        let event = events.removeFirst()
        if case let .input(.resize(newSize)) = event { size = newSize }
        return event
    }
}
