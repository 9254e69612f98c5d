import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The clusters this process started, stopped and deleted when it exits;
/// and the leftovers of runs that were killed before they could do so.
enum ClusterRegistry {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var clusters: [ThrowawayCluster] = []
    nonisolated(unsafe) private static var hooked = false
    private static let prefix = "portal-pg-"
    private static let ownerFile = "owner.pid"

    static func register(_ cluster: ThrowawayCluster) {
        lock.withLock {
            clusters.append(cluster)
            if !hooked {
                hooked = true
                atexit { ClusterRegistry.stopAll() }
            }
        }
    }

    /// Where the folders go: as root the server runs as postgres, which must
    /// be able to reach the folder, so the world-searchable /tmp.
    private static var base: URL {
        geteuid() == 0 ? URL(fileURLWithPath: "/tmp") : FileManager.default.temporaryDirectory
    }

    /// A fresh folder, mode 0700, owned by the server's owner, naming this process.
    static func makeFolder(owner: (uid: uid_t, gid: gid_t)?) throws -> URL {
        let folder = base.appendingPathComponent(prefix + UUID().uuidString.lowercased())
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        try Data("\(getpid())\n".utf8).write(to: folder.appendingPathComponent(ownerFile))
        if let owner {
            for path in [folder.path, folder.appendingPathComponent(ownerFile).path] where chown(path, owner.uid, owner.gid) != 0 {
                throw ClusterUnavailable(reason: "could not give \(path) to the postgres user: errno \(errno)")
            }
        }
        return folder
    }

    /// Runs at exit, where starting processes is unsafe: signals each
    /// server directly (SIGINT is a fast shutdown), waits, deletes its folder.
    private static func stopAll() {
        let all = lock.withLock { clusters }
        for cluster in all {
            stopServer(in: cluster.folder, signal: SIGINT)
            try? FileManager.default.removeItem(at: cluster.folder)
        }
    }

    /// Stops the server whose data is in `folder`, if one runs; false when
    /// postmaster.pid names a process that is not that server (gone, or not
    /// visible from here), so the caller cannot tell whether it still runs.
    @discardableResult
    private static func stopServer(in folder: URL, signal: Int32) -> Bool {
        let pidFile = folder.appendingPathComponent("data/postmaster.pid")
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8) else { return true }
        guard let pid = text.split(separator: "\n").first.flatMap({ pid_t($0) }), pid > 0,
            isServer(pid, of: folder)
        else { return false }
        kill(pid, signal)
        for _ in 0..<150 where kill(pid, 0) == 0 { usleep(100_000) }
        if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        return true
    }

    /// True when pid is a postgres running on this folder's data, so a
    /// reused pid never gets the signal.
    private static func isServer(_ pid: pid_t, of folder: URL) -> Bool {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let commandLine = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
        return commandLine.contains("postgres") && commandLine.contains(folder.path)
    }

    /// Stops and deletes the clusters of runs that died without cleaning up
    /// (killed, crashed), so they do not pile up. A folder whose owner still
    /// lives is left alone.
    static func sweepStale() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let folder = base.appendingPathComponent(name)
            guard let text = try? String(contentsOf: folder.appendingPathComponent(ownerFile), encoding: .utf8),
                let owner = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                kill(owner, 0) != 0, errno == ESRCH
            else { continue }
            if stopServer(in: folder, signal: SIGQUIT) { try? FileManager.default.removeItem(at: folder) }
        }
    }
}
