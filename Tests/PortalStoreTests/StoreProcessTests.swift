import Foundation
import PortalCore
import Testing
@testable import PortalStore

/// The test's own knobs: a bigger run sets them in the environment.
enum RunSize {
    static func cases(_ name: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? value
    }
}

/// The `store-writer` helper built beside the tests.
enum StoreWriter {
    static let url: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("store-writer")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/store-writer")
    }()

    static func start(_ store: URL, prefix: String, count: Int) throws -> Child {
        try Child(url, [store.path, prefix, String(count)])
    }

    static func failSignIns(_ store: URL, name: String, count: Int) throws -> Child {
        try Child(url, [store.path, "--fail-sign-in", name, String(count)])
    }
}

/// A child process spawned and reaped by its pid. Foundation's Process was
/// seen to wait forever for a child killed just after it started, the child
/// left a zombie that nobody reaped.
struct Child {
    let pid: pid_t

    init(_ executable: URL, _ arguments: [String]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        self.pid = pid
    }

    /// Waits for the child; its exit status, or 128 + the signal that ended it.
    @discardableResult
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}

/// A small valid store: writes stay cheap, so a run of hundreds is quick.
func smallStore(in folder: URL) throws -> JSONStore {
    let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
    try store.create(EmptyOrganization.make())
    return store
}

func temporaryFiles(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
}

@Suite("Store crash safety and concurrency", .serialized)
struct StoreProcessTests {
    /// SIGKILL at seeded random moments while a writer updates the store: the
    /// store is always a valid document holding a prefix of the updates (the
    /// old document or the new one), and the next write removes any temp file.
    /// PORTAL_CRASH_KILLS sets the count (default 200).
    @Test func killedWritersLeaveTheOldOrTheNewDocument() throws {
        let kills = RunSize.cases("PORTAL_CRASH_KILLS", default: 200)
        let folder = try temporaryFolder()
        let store = try smallStore(in: folder)
        let random = SeededRandomSource(seed: 2_026)
        var leftovers = 0
        for round in 0..<kills {
            let writer = try StoreWriter.start(store.url, prefix: "k\(round)", count: 1_000_000)
            // 2 to 40 ms: past the writer's start-up, inside its stream of writes.
            let delay = 2_000 + Int(random.bytes(count: 2).withUnsafeBytes { $0.load(as: UInt16.self) }) % 38_000
            usleep(UInt32(delay))
            kill(writer.pid, SIGKILL)
            writer.wait()

            let tenant = try store.load()
            let landed = tenant.groups.filter { $0.id.hasPrefix("k\(round)-") }.map(\.id)
            #expect(landed == (0..<landed.count).map { "k\(round)-\($0)" }, "round \(round)")
            for name in try temporaryFiles(in: folder) {
                leftovers += 1
                let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.posixPermissions] as? NSNumber
                #expect(mode?.intValue == 0o600, "a temp file holds the store's secrets")
            }
            // Keeps the document small; this write must also sweep any temp file.
            try store.update { $0.groups.removeAll() }
            #expect(try temporaryFiles(in: folder).isEmpty, "round \(round)")
        }
        print("crash safety: \(kills) kills, \(leftovers) left a temp file behind, all removed by the next write")
    }

    /// Two processes each apply their updates at once; none is lost.
    /// PORTAL_CONCURRENT_UPDATES sets each one's count (default 500).
    @Test func twoProcessesLoseNoUpdate() throws {
        let count = RunSize.cases("PORTAL_CONCURRENT_UPDATES", default: 500)
        let folder = try temporaryFolder()
        let store = try smallStore(in: folder)
        let first = try StoreWriter.start(store.url, prefix: "a", count: count)
        let second = try StoreWriter.start(store.url, prefix: "b", count: count)
        #expect(first.wait() == 0)
        #expect(second.wait() == 0)
        let ids = Set(try store.load().groups.map(\.id))
        let expected = Set((0..<count).flatMap { ["a-\($0)", "b-\($0)"] })
        #expect(ids == expected)
        #expect(try temporaryFiles(in: folder).isEmpty)
        let lock = try FileManager.default.attributesOfItem(atPath: store.lockURL.path)[.posixPermissions] as? NSNumber
        #expect(lock?.intValue == 0o600)
    }

    @Test func failedSignInsInTwoProcessesAddUpToOneLockout() throws {
        let folder = try temporaryFolder()
        let store = try smallStore(in: folder)
        let reader = try JSONDirectory(store: store)
        let started = Date()
        let first = try StoreWriter.failSignIns(store.url, name: "Megan@contoso.com", count: 5)
        let second = try StoreWriter.failSignIns(store.url, name: "megan@contoso.com ", count: 5)
        #expect(first.wait() == 0)
        #expect(second.wait() == 0)
        // Ten failures in all, whichever process counted them: locked, once.
        let lockout = try #require(try reader.signInFacts(principalName: "megan@contoso.com").lockout)
        #expect(lockout.lockoutCount == 1)
        #expect(lockout.failedAttempts == 0)
        #expect(lockout.lockedUntil(now: started) != nil)
    }
}
