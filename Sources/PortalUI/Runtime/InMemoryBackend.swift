import Foundation

/// A backend that plays queued events and keeps what was drawn as text.
public final class InMemoryBackend: TerminalBackend {
    public private(set) var size: Size
    public private(set) var screen: CellBuffer
    /// Every screen drawn, as text, in order.
    public private(set) var drawn: [String] = []
    public private(set) var invalidations = 0
    /// How long each poll was allowed to wait, in order.
    public private(set) var pollTimeouts: [Int] = []
    private var events: [BackendEvent]
    private let whenEmpty: () -> BackendEvent

    /// `whenEmpty` answers polls once the events are played (by default: stop).
    public init(size: Size, events: [BackendEvent], whenEmpty: @escaping () -> BackendEvent = { .terminate(signal: 0) }) {
        self.size = size
        self.events = events
        self.whenEmpty = whenEmpty
        screen = CellBuffer(size: size)
    }

    public func draw(_ buffer: CellBuffer) {
        screen = buffer
        drawn.append(buffer.text)
    }

    public func invalidate() { invalidations += 1 }

    public func poll(timeoutMilliseconds: Int) -> BackendEvent {
        pollTimeouts.append(timeoutMilliseconds)
        guard !events.isEmpty else { return whenEmpty() }
        let event = events.removeFirst()
        if case let .input(.resize(newSize)) = event { size = newSize }
        return event
    }
}
