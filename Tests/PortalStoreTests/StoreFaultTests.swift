import Foundation
import PortalCore
import Testing
@testable import PortalStore

/// A small tmpfs mounted for one test, to make a disk full or read-only for
/// real: root ignores permission bits, a mount does not.
final class ScratchMount {
    let folder: URL

    init(sizeKiB: Int) throws {
        folder = try temporaryFolder()
        try Self.mount(["-t", "tmpfs", "-o", "size=\(sizeKiB)k,mode=0700", "tmpfs", folder.path])
    }

    func remountReadOnly() throws {
        try Self.mount(["-o", "remount,ro", folder.path])
    }

    deinit {
        _ = try? Self.run("/bin/umount", [folder.path])
    }

    /// Whether this machine lets the tests mount (root with CAP_SYS_ADMIN).
    static let available: Bool = {
        guard let probe = try? temporaryFolder() else { return false }
        guard (try? mount(["-t", "tmpfs", "-o", "size=16k", "tmpfs", probe.path])) != nil else { return false }
        _ = try? run("/bin/umount", [probe.path])
        return true
    }()

    private struct Failed: Error {}

    private static func mount(_ arguments: [String]) throws {
        guard try run("/bin/mount", arguments) == 0 else { throw Failed() }
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite("Store write faults")
struct StoreFaultTests {
    private func expectWriteFails(_ store: JSONStore, mentioning words: String, original: Data?, folder: URL) throws {
        do {
            try store.update { $0.organization.displayName = "Changed" }
            Issue.record("the write went ahead")
        } catch let error as StoreError {
            #expect(error.description.contains(words), "\(error)")
            #expect(error.description.hasPrefix(store.path))
        }
        if let original { #expect(try Data(contentsOf: store.url) == original) }
        #expect(try temporaryFiles(in: folder).isEmpty)
    }

    @Test(.enabled(if: ScratchMount.available, "mounting a tmpfs was refused (needs root with CAP_SYS_ADMIN)"))
    func aFullDiskLeavesTheOldStore() throws {
        let mount = try ScratchMount(sizeKiB: 256)
        let store = JSONStore(url: mount.folder.appendingPathComponent("portal.json"))
        try store.create(demoFixture())
        let original = try Data(contentsOf: store.url)
        // Fill what is left, so the temp copy cannot be written in full.
        let fillerPath = mount.folder.appendingPathComponent("filler").path
        #expect(FileManager.default.createFile(atPath: fillerPath, contents: nil))
        let filler = try #require(FileHandle(forWritingAtPath: fillerPath))
        while (try? filler.write(contentsOf: Data(count: 4_096))) != nil {}
        try? filler.close()
        try expectWriteFails(store, mentioning: "No space left on device", original: original, folder: mount.folder)
    }

    @Test(.enabled(if: ScratchMount.available, "mounting a tmpfs was refused (needs root with CAP_SYS_ADMIN)"))
    func aReadOnlyFolderLeavesTheOldStore() throws {
        let mount = try ScratchMount(sizeKiB: 1_024)
        let store = JSONStore(url: mount.folder.appendingPathComponent("portal.json"))
        try store.create(demoFixture())
        let original = try Data(contentsOf: store.url)
        try mount.remountReadOnly()
        try expectWriteFails(store, mentioning: "Read-only file system", original: original, folder: mount.folder)
    }

    @Test func aFolderAtTheStorePathIsRefused() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try FileManager.default.createDirectory(at: store.url, withIntermediateDirectories: false)
        try expectWriteFails(store, mentioning: "it is a folder", original: nil, folder: folder)
        #expect(throws: StoreError.unreadable(path: store.path, reason: "it is a folder, not a store file")) { try store.load() }
        #expect(throws: StoreError.writeFailed(path: store.path, reason: "it is a folder, not a store file; give a file name inside it, such as \(store.path)/portal.json")) {
            try store.create(demoFixture(), force: true)
        }
    }

    /// A FIFO would block a reader until a writer opened it, and a rename
    /// would replace it: both are refused at once.
    @Test func aFIFOAtTheStorePathIsRefusedWithoutBlocking() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        #expect(mkfifo(store.path, 0o600) == 0)
        #expect(throws: StoreError.unreadable(path: store.path, reason: "it is a FIFO (named pipe), not a store file")) { try store.load() }
        try expectWriteFails(store, mentioning: "FIFO", original: nil, folder: folder)
        #expect(JSONStore.kind(ofItemAt: store.path) == .other("a FIFO (named pipe)"))
    }

    /// A symlinked store is written through, as editors do: the link stays,
    /// the target is replaced and keeps its owner and mode.
    @Test func aSymlinkedStoreIsWrittenThrough() throws {
        let folder = try temporaryFolder()
        let real = folder.appendingPathComponent("real/portal.json")
        try FileManager.default.createDirectory(at: real.deletingLastPathComponent(), withIntermediateDirectories: true)
        try JSONStore(url: real).create(demoFixture())
        #expect(chmod(real.path, 0o640) == 0)
        let owned = geteuid() == 0
        if owned { #expect(chown(real.path, 4_321, 4_322) == 0) }
        let link = folder.appendingPathComponent("link.json")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real/portal.json")

        try JSONStore(url: link).update { $0.organization.displayName = "Through" }
        try JSONStore(url: link).create(demoFixture(), force: true)
        try JSONStore(url: link).update { $0.organization.displayName = "Again" }

        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real/portal.json")
        #expect(try JSONStore(url: real).load().organization.displayName == "Again")
        let attributes = try FileManager.default.attributesOfItem(atPath: real.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640)
        if owned {
            #expect((attributes[.ownerAccountID] as? NSNumber)?.intValue == 4_321)
            #expect((attributes[.groupOwnerAccountID] as? NSNumber)?.intValue == 4_322)
        }
        #expect(try temporaryFiles(in: real.deletingLastPathComponent()).isEmpty)
    }

    @Test func aDanglingSymlinkIsRefusedWithoutForce() throws {
        let folder = try temporaryFolder()
        let link = folder.appendingPathComponent("portal.json")
        let target = folder.appendingPathComponent("elsewhere.json")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "elsewhere.json")
        let store = JSONStore(url: link)
        #expect(throws: StoreError.alreadyExists(path: link.path)) { try store.create(demoFixture()) }
        #expect(throws: StoreError.alreadyExists(path: link.path)) { _ = try store.loadOrCreate { demoFixture() } }
        #expect(!FileManager.default.fileExists(atPath: target.path))
        try expectWriteFails(store, mentioning: "which does not exist", original: nil, folder: folder)
        try store.create(demoFixture(), force: true)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "elsewhere.json")
        #expect(try JSONStore(url: target).load() == demoFixture())
    }

    @Test func aPathEndingInSlashIsRefused() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: URL(fileURLWithPath: folder.path + "/portal.json/"))
        #expect(throws: StoreError.self) { try store.create(demoFixture()) }
        do {
            try store.create(demoFixture())
        } catch {
            #expect(error.description.contains("ends with /"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// A dangling symlink at the lock path must not create its target; a
    /// folder there must not let the write go ahead unlocked.
    @Test(arguments: ["symlink", "folder"])
    func anUnusableLockStopsTheWrite(_ kind: String) throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try store.create(demoFixture())
        let original = try Data(contentsOf: store.url)
        let lock = folder.appendingPathComponent(".portal.json.lock")
        try FileManager.default.removeItem(at: lock)
        let target = folder.appendingPathComponent("created-through-the-lock")
        if kind == "symlink" {
            try FileManager.default.createSymbolicLink(atPath: lock.path, withDestinationPath: target.path)
        } else {
            try FileManager.default.createDirectory(at: lock, withIntermediateDirectories: false)
        }
        do {
            try store.update { $0.organization.displayName = "Unlocked" }
            Issue.record("the write went ahead without the lock")
        } catch let error as StoreError {
            guard case .lockFailed = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("could not take the lock"))
            #expect(error.description.contains("Nothing was written"))
        }
        #expect(throws: StoreError.self) { try store.create(demoFixture(), force: true) }
        #expect(try Data(contentsOf: store.url) == original)
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    /// Only the lock holder writes temp files, so under the lock any other is
    /// a dead writer's copy of the store (secrets included) and goes.
    @Test func aDeadWritersTempFileIsRemovedByTheNextWrite() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try store.create(demoFixture())
        let stale = folder.appendingPathComponent(".portal.json.99999.12345.tmp")
        try StoreCodec.encode(demoFixture()).write(to: stale)
        let unrelated = folder.appendingPathComponent(".other.json.1.2.tmp")
        try Data().write(to: unrelated)
        try store.update { $0.organization.displayName = "Next" }
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: unrelated.path))
    }

    @Test func theStoreAndItsLockAreOwnerOnly() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("portal.json"))
        try store.create(demoFixture())
        try store.update { $0.organization.displayName = "Again" }
        for path in [store.path, store.lockURL.path] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600, "\(path)")
        }
    }
}

@Suite("Store updates")
struct StoreUpdateTests {
    @Test func updatingAMissingStoreSaysSoAndCreatesNothing() throws {
        let folder = try temporaryFolder()
        let store = JSONStore(url: folder.appendingPathComponent("missing/portal.json"))
        #expect(throws: StoreError.notFound(path: store.path)) { try store.update { $0.organization.displayName = "X" } }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}

@Suite("What store init says about what is in the way")
struct StoreInitMessageTests {
    @Test func aFolderIsNamedAsAFolderNotAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for force in [false, true] {
            do {
                try JSONStore(url: URL(fileURLWithPath: folder.path)).create(EmptyOrganization.make(), force: force)
                Issue.record("a folder was accepted as a store")
            } catch {
                #expect(error.description.contains("it is a folder"), "\(error.description)")
                #expect(!error.description.contains("ends with /"))
                #expect(!error.description.contains("a file is already there"))
            }
        }
    }
}
