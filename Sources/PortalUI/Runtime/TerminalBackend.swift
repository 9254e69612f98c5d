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
