import Foundation

extension ThrowawayCluster {
    /// Waits until `count` portals listen for changes on the database: a
    /// change made before a portal's LISTEN took effect is never announced to
    /// it, so a test that makes one must wait for this first. A watcher's
    /// session last ran LISTEN, or the SELECT 1 it asks when idle.
    /// Throws after `seconds` with what the server reported.
    public func waitUntilListening(_ url: String, count: Int = 1, seconds: Double = 30) throws {
        let sql = """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND query IN ('LISTEN "portal_changes"', 'SELECT 1')
            """
        let deadline = Date().addingTimeInterval(seconds)
        var seen = 0
        while Date() < deadline {
            seen = Int(try psql(url, sql).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            if seen >= count { return }
            usleep(50_000)
        }
        throw ClusterUnavailable(reason: "\(count) listener(s) expected on the database, \(seen) after \(Int(seconds)) s")
    }
}
