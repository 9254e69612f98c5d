import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL server programs of this machine and how to run them: as
/// the caller, or as the `postgres` system user when the caller is root,
/// because initdb and postgres refuse to run as root.
struct PostgresTools: Sendable {
    let bindir: URL
    let psql: URL
    /// Prefix that runs a command as the server's owner; empty when not root.
    let asOwner: [String]
    /// The uid and gid that must own the cluster's folder; nil when not root.
    let owner: (uid: uid_t, gid: gid_t)?

    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresTools {
        guard let bindir = serverBindir(environment: environment) else {
            throw ClusterUnavailable(reason: "no PostgreSQL server found (initdb and pg_ctl are not on PATH, "
                + "pg_config --bindir has none and there is no /usr/lib/postgresql/*/bin; Debian: apt-get install postgresql)")
        }
        let psql = [bindir.appendingPathComponent("psql")].first(where: isExecutable)
            ?? onPath("psql", environment: environment)
        guard let psql else {
            throw ClusterUnavailable(reason: "psql is not installed next to \(bindir.path) nor on PATH")
        }
        guard geteuid() == 0 else { return PostgresTools(bindir: bindir, psql: psql, asOwner: [], owner: nil) }
        guard let user = getpwnam("postgres") else {
            throw ClusterUnavailable(reason: "running as root, and there is no postgres system user to run the server as")
        }
        let owner = (uid: user.pointee.pw_uid, gid: user.pointee.pw_gid)
        if let runuser = onPath("runuser", environment: environment, extra: ["/usr/sbin", "/sbin"]) {
            return PostgresTools(bindir: bindir, psql: psql, asOwner: [runuser.path, "-u", "postgres", "--"], owner: owner)
        }
        if let setpriv = onPath("setpriv", environment: environment, extra: ["/usr/bin", "/bin"]) {
            return PostgresTools(
                bindir: bindir, psql: psql,
                asOwner: [setpriv.path, "--reuid=\(owner.uid)", "--regid=\(owner.gid)", "--init-groups"], owner: owner)
        }
        throw ClusterUnavailable(reason: "running as root, and neither runuser nor setpriv is there to run the server as postgres")
    }

    /// initdb and pg_ctl from PATH, else pg_config --bindir, else the newest
    /// Debian-style /usr/lib/postgresql/VERSION/bin.
    private static func serverBindir(environment: [String: String]) -> URL? {
        func hasServer(_ dir: URL) -> Bool {
            isExecutable(dir.appendingPathComponent("initdb")) && isExecutable(dir.appendingPathComponent("pg_ctl"))
        }
        if let initdb = onPath("initdb", environment: environment) {
            let dir = initdb.deletingLastPathComponent()
            if hasServer(dir) { return dir }
        }
        if let pgConfig = onPath("pg_config", environment: environment),
            let output = try? Command.run(pgConfig, ["--bindir"], environment: environment),
            output.status == 0
        {
            let dir = URL(fileURLWithPath: output.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            if hasServer(dir) { return dir }
        }
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return versions
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }
            .map { root.appendingPathComponent($0).appendingPathComponent("bin") }
            .first(where: hasServer)
    }

    private static func onPath(_ name: String, environment: [String: String], extra: [String] = []) -> URL? {
        let dirs = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + extra
        return dirs.map { URL(fileURLWithPath: $0).appendingPathComponent(name) }.first(where: isExecutable)
    }

    private static func isExecutable(_ url: URL) -> Bool { access(url.path, X_OK) == 0 }

    /// Runs a server program (initdb, pg_ctl) as the server's owner.
    func server(_ program: String, _ arguments: [String], in folder: URL) throws -> Command.Output {
        let tool = bindir.appendingPathComponent(program)
        let full = asOwner + [tool.path] + arguments
        return try Command.run(
            URL(fileURLWithPath: full[0]), Array(full.dropFirst()), environment: Command.cleanEnvironment(), directory: folder)
    }
}

/// Runs one program to its end and collects what it printed.
enum Command {
    struct Output: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The environment without PG* variables, so nothing of the caller's own
    /// database settings (PGHOST, PGOPTIONS, PGSERVICE...) reaches the test cluster.
    static func cleanEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        environment["LC_ALL"] = "C"
        return environment
    }

    /// posix_spawn and waitpid rather than Foundation's Process, whose child
    /// reaping was seen to miss a runuser that exited, leaving the caller
    /// waiting forever.
    static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String] = cleanEnvironment(),
        directory: URL? = nil
    ) throws -> Output {
        // Files rather than pipes: pg_ctl leaves a server running, and a
        // server holding a pipe's end would keep a pipe read waiting forever.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("portal-cmd-\(UUID().uuidString)")
        let outPath = scratch.path + ".out"
        let errPath = scratch.path + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // posix_spawn has no portable chdir; a shell does it before the program starts.
        let command = directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0.path, executable.path] }
            ?? [executable.path]
        let argv = (command + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw ClusterUnavailable(reason: "could not run \(executable.path): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // Exit code when it exited, 128 + signal when it was killed, as a shell reports it.
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Output(
            status: code,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
