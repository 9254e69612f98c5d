import Foundation

/// A value one thread writes and another reads (a store loaded in the
/// background, a flag a listening thread raises).
public final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    public init(_ value: Value) { stored = value }

    public var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    /// Puts `value` in and returns what was there, in one step.
    public func exchange(_ value: Value) -> Value {
        lock.withLock {
            defer { stored = value }
            return stored
        }
    }
}
