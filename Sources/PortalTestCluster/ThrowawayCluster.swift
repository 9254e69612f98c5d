import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why no PostgreSQL server could be started for the tests, in one sentence.
public struct ClusterUnavailable: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// A PostgreSQL cluster owned by the test run: a fresh folder and port each
/// time, tuned for speed over durability, on loopback with trust
/// authentication (but for `passwordRole`), stopped and deleted when the process exits.
public final class ThrowawayCluster: @unchecked Sendable {
    /// The process's one cluster, started on first use (initdb + start, a few seconds),
    /// stopped and its folder removed when the process exits (atexit).
    /// .failure says in one sentence why no server could be started.
    public static var shared: Result<ThrowawayCluster, ClusterUnavailable> { sharedCluster }

    // A static let is initialized once, on first use, safely across threads.
    private static let sharedCluster = make()

    /// A cluster of its own, for a test that stops or restarts the server and
    /// so must not pull it from under the tests sharing `shared`. Also
    /// stopped and removed at exit.
    public static func make() -> Result<ThrowawayCluster, ClusterUnavailable> {
        do {
            return .success(try ThrowawayCluster())
        } catch let error as ClusterUnavailable {
            return .failure(error)
        } catch {
            return .failure(ClusterUnavailable(reason: "the test cluster could not be set up: \(error)"))
        }
    }

    public let host = "127.0.0.1"
    public private(set) var port: Int
    public let user = "portal"

    /// The folder holding the data directory, the socket and the log.
    let folder: URL
    var dataDirectory: URL { folder.appendingPathComponent("data") }
    var logFile: URL { folder.appendingPathComponent("server.log") }
    private let tools: PostgresTools
    private let lock = NSLock()
    private var databaseCount = 0

    private init() throws {
        ClusterRegistry.sweepStale()
        tools = try PostgresTools.find()
        folder = try ClusterRegistry.makeFolder(owner: tools.owner)
        port = 0
        ClusterRegistry.register(self)
        let initdb = try tools.server(
            "initdb",
            ["-D", dataDirectory.path, "-U", user, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
            in: folder)
        guard initdb.status == 0 else {
            throw ClusterUnavailable(reason: "initdb failed: \(Self.lastLines(initdb.stderr + initdb.stdout))")
        }
        try requirePassword(of: Self.passwordRole)
        try startOnFreePort()
    }

    /// postgresql://USER@127.0.0.1:PORT/DATABASE
    public func url(database: String) -> String {
        "postgresql://\(user)@\(host):\(port)/\(database)"
    }

    /// A fresh, empty database with a unique name (CREATE DATABASE via psql); its URL.
    public func createDatabase() throws -> String {
        let name = lock.withLock {
            databaseCount += 1
            return "portal_test_\(databaseCount)_\(UUID().uuidString.prefix(8).lowercased())"
        }
        _ = try psql(url(database: "postgres"), "CREATE DATABASE \(name)")
        return url(database: name)
    }

    /// Runs SQL through psql against a database URL; stdout. (for tests to inspect)
    /// Unaligned, tuples only: `select 1` gives "1\n".
    @discardableResult
    public func psql(_ url: String, _ sql: String) throws -> String {
        let output = try Command.run(
            tools.psql, ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql])
        guard output.status == 0 else {
            throw ClusterUnavailable(reason: "psql failed (\(output.status)): \(Self.lastLines(output.stderr))")
        }
        return output.stdout
    }

    /// pg_ctl stop -m fast, waits.
    public func stop() throws {
        try lock.withLock {
            let output = try tools.server("pg_ctl", ["-D", dataDirectory.path, "-m", "fast", "-w", "stop"], in: folder)
            guard output.status == 0 else {
                throw ClusterUnavailable(reason: "pg_ctl stop failed: \(Self.lastLines(output.stderr + output.stdout))")
            }
        }
    }

    /// pg_ctl start, waits until it accepts connections.
    public func start() throws {
        try lock.withLock { try startLocked() }
    }

    /// stop + start on the same port.
    public func restart() throws {
        try stop()
        try start()
    }

    /// Picks a free port and starts; when another process takes the port
    /// between the pick and the bind, picks again.
    private func startOnFreePort() throws {
        var attempts = 0
        while true {
            attempts += 1
            port = try Self.freePort()
            try appendSettings(port: port)
            do {
                return try lock.withLock { try startLocked() }
            } catch let error as ClusterUnavailable where attempts < 5 && error.reason.contains("could not bind") {
                continue
            }
        }
    }

    private func startLocked() throws {
        let output = try tools.server(
            "pg_ctl", ["-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60", "start"], in: folder)
        guard output.status == 0 else {
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            throw ClusterUnavailable(
                reason: "the test PostgreSQL server did not start: \(Self.lastLines(output.stderr + output.stdout)) "
                    + "server log: \(Self.lastLines(log))")
        }
    }

    /// The role whose loopback connections need a password (scram-sha-256),
    /// for the credential tests; everyone else keeps trust. Tests create it.
    public static let passwordRole = "pw"

    /// Puts a scram line for the role first in pg_hba.conf (the first
    /// matching line wins), rewriting the file in place so the server's
    /// owner keeps it.
    private func requirePassword(of role: String) throws {
        let hba = dataDirectory.appendingPathComponent("pg_hba.conf")
        let rules = "# portal test cluster: this role signs in with a password\n"
            + "host all \(role) 127.0.0.1/32 scram-sha-256\n"
        let text = try String(contentsOf: hba, encoding: .utf8)
        let handle = try FileHandle(forWritingTo: hba)
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data((rules + text).utf8))
    }

    /// Settings for a server whose data is thrown away: durability off,
    /// loopback only, its socket in its own folder. Appended, so the last
    /// port written wins.
    private func appendSettings(port: Int) throws {
        let settings = """

            # portal test cluster
            listen_addresses = '127.0.0.1'
            port = \(port)
            unix_socket_directories = '\(folder.path)'
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            max_connections = 300

            """
        let conf = dataDirectory.appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: conf)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(settings.utf8))
    }

    /// A port nobody listens on now: the one the kernel gives a socket bound to port 0.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClusterUnavailable(reason: "no socket to pick a free port: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw ClusterUnavailable(reason: "could not bind a socket on 127.0.0.1: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw ClusterUnavailable(reason: "could not read the picked port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The last lines of a log or an error output, on one line.
    static func lastLines(_ text: String, count: Int = 5) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let tail = lines.suffix(count).joined(separator: " | ")
        return tail.isEmpty ? "(no output)" : tail
    }
}
