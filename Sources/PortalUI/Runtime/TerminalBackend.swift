import Foundation

/// What the terminal loop needs from a terminal. The ncurses backend is one;
/// `InMemoryBackend` is another, for tests.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    /// Shows the buffer, sending only what changed since the last call.
    func draw(_ buffer: CellBuffer)
    /// Waits up to `timeoutMilliseconds` for input.
    func poll(timeoutMilliseconds: Int) -> BackendEvent
    /// Forgets what the terminal shows, so the next draw repaints every cell.
    func invalidate()
    /// Hands the terminal back to the shell until the user resumes the program.
    func suspend()
    /// Takes the organization's theme color (`#rrggbb`) for the `brand` role.
    func setBrandColor(_ hex: String)
}

extension TerminalBackend {
    public func invalidate() {}
    public func suspend() {}
    public func setBrandColor(_ hex: String) {}
}

public enum BackendEvent: Equatable, Sendable {
    case input(InputEvent)
    case timeout
    /// A signal that ends the program arrived: restore the terminal and exit.
    case terminate(signal: Int32)
}
