import Foundation
import PortalCore

/// Collects what a directory's change watcher announces, from its thread,
/// and lets a test wait for an event with a generous deadline (how fast an
/// event comes is never asserted, only that it comes).
final class DirectoryEventRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [DirectoryEvent] = []

    var events: [DirectoryEvent] { lock.withLock { recorded } }

    func record(_ event: DirectoryEvent) {
        lock.withLock { recorded.append(event) }
    }

    /// Waits until an event after the first `start` ones matches; its index,
    /// or nil when none did within `seconds`.
    @discardableResult
    func waitFor(after start: Int = 0, seconds: Double = 10, _ matches: (DirectoryEvent) -> Bool) -> Int? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            let now = events
            if now.count > start, let index = now[start...].firstIndex(where: matches) { return index }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }

    func waitFor(_ event: DirectoryEvent, after start: Int = 0, seconds: Double = 10) -> Int? {
        waitFor(after: start, seconds: seconds) { $0 == event }
    }
}
