import Foundation

/// Where new identifiers come from; injected so tests get predictable ids.
public protocol IdGenerator: Sendable {
    func next() -> String
}

/// Random UUIDs, lower-cased the way Microsoft Graph prints them.
public struct UUIDGenerator: IdGenerator {
    public init() {}
    public func next() -> String { UUID().uuidString.lowercased() }
}

/// Ids `prefix-1`, `prefix-2`, ... in order.
public final class SequentialIdGenerator: IdGenerator, @unchecked Sendable {
    private let lock = NSLock()
    private let prefix: String
    private var counter = 0

    public init(prefix: String = "id") { self.prefix = prefix }

    public func next() -> String {
        lock.withLock {
            counter += 1
            return "\(prefix)-\(counter)"
        }
    }
}
