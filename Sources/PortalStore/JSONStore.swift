import Foundation
import PortalCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The portal's one JSON document on disk. Reads never modify the file; writes
/// replace it atomically under an advisory lock, re-reading it first so two
/// portal processes never lose each other's updates.
///
/// A symlinked store is written through, as editors do: the link stays and its
/// target is replaced. A replaced file keeps its owner and mode; a new one is
/// 0600, as are the lock and the temporary files.
public struct JSONStore: Sendable {
    public let url: URL

    /// Far above an organization of 100,000 devices (about 150 MB), so the
    /// file store serves one; reading more would only exhaust memory.
    public static let maximumSize = 1 << 30

    public init(url: URL) { self.url = url }

    public var path: String { url.path }

    /// The lock lives beside the document the link leads to: the document
    /// itself is replaced on every write, so a lock on it would not outlive
    /// the write, and two processes naming the link and its target must share one.
    var lockURL: URL {
        let target = (try? writeTarget(force: true)) ?? url
        return target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).lock")
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    public func load() throws(StoreError) -> Tenant {
        try StoreCodec.decode(try readData(), path: path)
    }

    /// Writes a new document, refusing to replace anything already at the path
    /// (a dangling symlink included) unless told to.
    public func create(_ tenant: Tenant, force: Bool = false) throws(StoreError) {
        // A folder or a FIFO is not "a file already there": say what it is.
        switch Self.kind(ofItemAt: path) {
        case .folder?, .other?: _ = try writeTarget(force: force)
        default: break
        }
        if !force, Self.kind(ofItemAt: path) != nil { throw .alreadyExists(path: path) }
        let target = try writeTarget(force: force)
        try ensureDirectory(of: target)
        let lock = try takeLock(for: target)
        defer { release(lock) }
        if !force, Self.kind(ofItemAt: path) != nil { throw .alreadyExists(path: path) }
        try write(tenant, to: target)
    }

    /// Loads the store, creating it from `makeDefault` when there is no file yet.
    /// An existing file that cannot be read is reported, never replaced.
    public func loadOrCreate(_ makeDefault: () -> Tenant) throws(StoreError) -> Tenant {
        if exists { return try load() }
        if Self.kind(ofItemAt: path) != nil { throw .alreadyExists(path: path) }
        let target = try writeTarget(force: false)
        try ensureDirectory(of: target)
        let lock = try takeLock(for: target)
        defer { release(lock) }
        if exists { return try load() }
        let tenant = makeDefault()
        try write(tenant, to: target)
        return tenant
    }

    /// Read-modify-write under the lock. When the file is invalid or the change
    /// throws, nothing is written.
    @discardableResult
    public func update(_ change: (inout Tenant) throws -> Void) throws -> Tenant {
        try self.change(change).written
    }

    /// `update` for a change that answers something: its answer and the document written.
    public func change<Result>(_ apply: (inout Tenant) throws -> Result) throws -> (result: Result, written: Tenant) {
        // Nothing to update: say so, rather than fail on a lock beside a folder that may not exist.
        if Self.kind(ofItemAt: path) == nil { throw StoreError.notFound(path: path) }
        let target = try writeTarget(force: false)
        let lock = try takeLock(for: target)
        defer { release(lock) }
        var tenant = try load()
        let result = try apply(&tenant)
        let problems = StoreValidator().problems(in: tenant)
        guard problems.isEmpty else { throw StoreError.invalid(path: path, problems: problems) }
        try write(tenant, to: target)
        return (result, tenant)
    }

    // MARK: - What is at the path

    enum Kind: Equatable { case file, folder, symlink, other(String) }

    static func kind(ofItemAt path: String, followingLinks: Bool = false) -> Kind? {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .symlink
        case S_IFIFO: return .other("a FIFO (named pipe)")
        case S_IFSOCK: return .other("a socket")
        case S_IFCHR, S_IFBLK: return .other("a device")
        default: return .other("not a regular file")
        }
    }

    /// The file a write replaces: the path itself, or where its symlinks lead.
    /// Refuses a path ending in `/`, a folder, a FIFO or device, and a
    /// dangling symlink unless `force` (then the link's target is created).
    func writeTarget(force: Bool) throws(StoreError) -> URL {
        // Foundation marks an existing folder as a directory path too, so
        // only a path that names no folder can have ended with "/".
        if url.hasDirectoryPath, Self.kind(ofItemAt: path) != .folder {
            throw .writeFailed(path: path, reason: "the path ends with / so it names a folder; give a file name such as portal.json")
        }
        switch Self.kind(ofItemAt: path) {
        case nil, .file:
            return url
        case .folder:
            throw .writeFailed(path: path, reason: "it is a folder, not a store file; give a file name inside it, such as \(InertText.escaped(path))/portal.json")
        case let .other(what):
            throw .writeFailed(path: path, reason: "it is \(what), not a regular file")
        case .symlink:
            break
        }
        var current = url
        // Follows the chain a link at a time, so a dangling end is found and named.
        for _ in 0..<32 {
            guard Self.kind(ofItemAt: current.path) == .symlink else { break }
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current.path) else {
                throw .writeFailed(path: path, reason: "its symlink cannot be read")
            }
            current = destination.hasPrefix("/") ? URL(fileURLWithPath: destination)
                : current.deletingLastPathComponent().appendingPathComponent(destination)
            current = current.standardizedFileURL
        }
        switch Self.kind(ofItemAt: current.path) {
        case .file:
            return current
        case nil:
            guard force else {
                throw .writeFailed(path: path, reason: "it is a symlink to \(current.path), which does not exist; pass --force to create that file")
            }
            return current
        case .symlink:
            throw .writeFailed(path: path, reason: "its symlinks go round in a loop or too deep")
        case .folder:
            throw .writeFailed(path: path, reason: "it is a symlink to a folder, not to a store file")
        case let .other(what):
            throw .writeFailed(path: path, reason: "it is a symlink to \(what), not to a regular file")
        }
    }

    // MARK: - File operations

    /// Opens without blocking (a FIFO would wait for a writer for good) and
    /// reads only a regular file of sensible size.
    private func readData() throws(StoreError) -> Data {
        if url.hasDirectoryPath, Self.kind(ofItemAt: path, followingLinks: true) != .folder {
            throw .unreadable(path: path, reason: "the path ends with / so it names a folder; give the store file")
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .notFound(path: path) }
            throw .unreadable(path: path, reason: Self.errnoText())
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(path: path, reason: Self.errnoText()) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .unreadable(path: path, reason: "it is a folder, not a store file")
        case S_IFIFO: throw .unreadable(path: path, reason: "it is a FIFO (named pipe), not a store file")
        default: throw .unreadable(path: path, reason: "it is not a regular file")
        }
        guard Int(info.st_size) <= Self.maximumSize else {
            throw .unreadable(path: path, reason: "it is \(info.st_size) bytes; a store holds at most \(Self.maximumSize) bytes")
        }
        // One buffer of the file's size, read into in place: growing a Data
        // by appends copied the store at each doubling, and Data(count:)
        // reserves well beyond the count.
        var capacity = max(Int(info.st_size), 4_096)
        guard var buffer = malloc(capacity) else { throw .unreadable(path: path, reason: "not enough memory to read it") }
        var length = 0
        while true {
            if length == capacity {
                // The file grew since fstat: read on, up to the cap.
                guard capacity <= Self.maximumSize else {
                    free(buffer)
                    throw .unreadable(path: path, reason: "it holds more than \(Self.maximumSize) bytes")
                }
                capacity = min(capacity * 2, Self.maximumSize + 1)
                guard let grown = realloc(buffer, capacity) else {
                    free(buffer)
                    throw .unreadable(path: path, reason: "not enough memory to read it")
                }
                buffer = grown
            }
            let count = read(descriptor, buffer + length, capacity - length)
            if count < 0 {
                if errno == EINTR { continue }
                free(buffer)
                throw .unreadable(path: path, reason: Self.errnoText())
            }
            if count == 0 { break }
            length += count
        }
        guard length <= Self.maximumSize else {
            free(buffer)
            throw .unreadable(path: path, reason: "it holds more than \(Self.maximumSize) bytes")
        }
        return Data(bytesNoCopy: buffer, count: length, deallocator: .free)
    }

    private func ensureDirectory(of target: URL) throws(StoreError) {
        let directory = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .writeFailed(path: path, reason: "cannot create folder \(directory.path): \(Self.reason(error))")
        }
    }

    /// Temp file in the same folder, fsync, rename over the old file, fsync the
    /// folder: a crash leaves the old document or the new one, never half.
    /// Called only under the lock, so any other temp file of this store is a
    /// dead writer's, holding a full copy of the store: it is removed first.
    private func write(_ tenant: Tenant, to target: URL) throws(StoreError) {
        let directory = target.deletingLastPathComponent().path
        removeStaleTemporaries(in: directory, of: target.lastPathComponent)
        var previous = stat()
        let replacing = lstat(target.path, &previous) == 0 && previous.st_mode & S_IFMT == S_IFREG
        let temporary = "\(directory)/.\(target.lastPathComponent).\(getpid()).\(UInt32.random(in: 0 ... .max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .writeFailed(path: path, reason: "cannot create a temporary file in \(directory): \(Self.errnoText())")
        }
        var failure: String?
        if replacing {
            // Owner first: chown clears set-id bits, so the mode goes on after.
            _ = fchown(descriptor, previous.st_uid, previous.st_gid)
            if fchmod(descriptor, previous.st_mode & 0o7777) != 0 { failure = Self.errnoText() }
        }
        if failure == nil {
            // The document goes to the file a piece at a time as it is encoded:
            // the whole text is never in memory.
            do {
                try StoreCodec.encode(tenant) { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            throw WriteError(reason: Self.errnoText())
                        }
                        offset += written
                    }
                }
            } catch let error as WriteError {
                failure = error.reason
            } catch {
                failure = "cannot encode the store"
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = Self.errnoText() }
        if close(descriptor) != 0, failure == nil { failure = Self.errnoText() }
        if failure == nil, rename(temporary, target.path) != 0 { failure = Self.errnoText() }
        if let failure {
            unlink(temporary)
            throw .writeFailed(path: path, reason: failure)
        }
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    private struct WriteError: Error {
        var reason: String
    }

    private func removeStaleTemporaries(in directory: String, of name: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries where Self.isTemporary(entry, of: name) {
            unlink("\(directory)/\(entry)")
        }
    }

    /// `.portal.json.<pid>.<random>.tmp`, as `write` names them.
    static func isTemporary(_ entry: String, of name: String) -> Bool {
        let prefix = ".\(name)."
        guard entry.hasPrefix(prefix), entry.hasSuffix(".tmp") else { return false }
        let middle = entry.dropFirst(prefix.count).dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        return middle.count == 2 && middle.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// Opens the lock without following a symlink (a dangling one would
    /// otherwise create its target) and refuses anything but a regular file
    /// (a folder there would let the write go ahead unlocked).
    private func takeLock(for target: URL) throws(StoreError) -> Int32 {
        let lockPath = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).lock").path
        var descriptor = open(lockPath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0o600)
        if descriptor < 0, errno == EROFS || errno == EACCES {
            // An existing lock on a read-only folder still locks; the write
            // then fails on its own, with the reason that matters.
            descriptor = open(lockPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        }
        guard descriptor >= 0 else {
            let reason = errno == ELOOP ? "it is a symlink" : errno == EISDIR ? "it is a folder" : Self.errnoText()
            throw .lockFailed(path: path, lockPath: lockPath, reason: reason)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .lockFailed(path: path, lockPath: lockPath, reason: "it is not a regular file")
        }
        if info.st_uid == geteuid(), info.st_mode & 0o777 != 0o600 { _ = fchmod(descriptor, 0o600) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let reason = Self.errnoText()
            close(descriptor)
            throw .lockFailed(path: path, lockPath: lockPath, reason: reason)
        }
        return descriptor
    }

    private func release(_ descriptor: Int32) {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileWriteFileExistsError {
            return "a file is in the way"
        }
        return "the folder cannot be created"
    }
}
