import Foundation

/// Where the current time comes from. Injected everywhere time matters so that
/// tests, screen scripts and kiosks can run on a virtual clock.
public protocol Clock: Sendable {
    func now() -> Date
}

/// The machine's wall clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to; screen scripts and tests use it.
public final class VirtualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(start: Date) { current = start }

    public func now() -> Date { lock.withLock { current } }

    public func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) { lock.withLock { current = date } }
}
