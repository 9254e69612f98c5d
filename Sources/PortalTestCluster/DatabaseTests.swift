import Foundation

/// Whether a database test runs, is skipped, or fails because it cannot run.
/// In a Swift Testing test:
///
///     guard let cluster = try DatabaseTests.cluster() else { return }
///
/// Without a server the test passes after "database tests skipped: REASON" is
/// printed once; with PORTAL_DATABASE_TESTS=required (CI) it throws instead,
/// which fails the test, so CI cannot pass by skipping.
public enum DatabaseTests {
    /// The environment variable, and the value of it that forbids skipping.
    public static let requirement = (variable: "PORTAL_DATABASE_TESTS", required: "required")

    public enum Decision: Sendable {
        case run(ThrowawayCluster)
        case skip(reason: String)
        case fail(ClusterUnavailable)
    }

    /// The shared cluster, or nil when unavailable and skipping is allowed.
    public static func cluster() throws -> ThrowawayCluster? {
        try apply(decide(ThrowawayCluster.shared))
    }

    /// A cluster of the test's own (for stopping or restarting the server), or nil as `cluster()`.
    public static func ownCluster() throws -> ThrowawayCluster? {
        try apply(decide(ThrowawayCluster.make()))
    }

    /// What to do with a cluster or the reason there is none; pure, for testing.
    public static func decide(
        _ cluster: Result<ThrowawayCluster, ClusterUnavailable>,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Decision {
        switch cluster {
        case .success(let cluster): return .run(cluster)
        case .failure(let unavailable):
            return environment[requirement.variable] == requirement.required
                ? .fail(ClusterUnavailable(
                    reason: "\(requirement.variable)=\(requirement.required) but no database server: \(unavailable.reason)"))
                : .skip(reason: unavailable.reason)
        }
    }

    private static func apply(_ decision: Decision) throws -> ThrowawayCluster? {
        switch decision {
        case .run(let cluster): return cluster
        case .fail(let error): throw error
        case .skip(let reason):
            let first = lock.withLock {
                defer { skipNoticePrinted = true }
                return !skipNoticePrinted
            }
            if first { print("database tests skipped: \(reason)") }
            return nil
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var skipNoticePrinted = false
}
