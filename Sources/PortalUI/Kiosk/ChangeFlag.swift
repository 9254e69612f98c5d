import Foundation

/// A flag one thread raises and another takes down: the kiosk learns of a
/// change to a shared store from the thread listening for it.
public final class ChangeFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    public init() {}

    public func raise() { lock.withLock { raised = true } }

    /// Whether it was raised since the last take.
    func take() -> Bool {
        lock.withLock {
            defer { raised = false }
            return raised
        }
    }
}
