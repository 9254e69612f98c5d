import Foundation

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
