import Foundation

/// Wrong exit PINs: a few tries are free, then each wrong PIN makes the
/// operator wait, twice as long each time, so a visitor cannot guess it.
public struct PinLimiter: Equatable, Sendable {
    public static let freeTries = 3
    public static let firstWait: TimeInterval = 30
    public static let longestWait: TimeInterval = 60 * 60

    public private(set) var failures = 0
    public private(set) var lockedUntil: Date?

    public init() {}

    public func isLocked(at now: Date) -> Bool { lockedUntil.map { now < $0 } ?? false }

    /// Whole seconds left to wait, as the prompt counts them down.
    public func secondsLeft(at now: Date) -> Int {
        guard let lockedUntil, now < lockedUntil else { return 0 }
        return Int(lockedUntil.timeIntervalSince(now).rounded(.up))
    }

    public mutating func recordFailure(at now: Date) {
        failures += 1
        guard failures >= Self.freeTries else { return }
        let doublings = min(failures - Self.freeTries, 16)
        lockedUntil = now.addingTimeInterval(min(Self.firstWait * Double(1 << doublings), Self.longestWait))
    }
}
