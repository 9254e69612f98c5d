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
public struct JSONStore: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    public var path: String { url.path }
    /// The lock lives beside the document: the document itself is replaced on
    /// every write, so a lock on it would not outlive the write.
    var lockURL: URL { url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).lock") }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    public func load() throws(StoreError) -> Tenant {
        try StoreCodec.decode(try readData(), path: path)
    }

    /// Writes a new document, refusing to replace an existing file unless told to.
    public func create(_ tenant: Tenant, force: Bool = false) throws(StoreError) {
        try ensureDirectory()
        try withLock { () throws(StoreError) in
            if !force, FileManager.default.fileExists(atPath: path) { throw .alreadyExists(path: path) }
            try write(tenant)
        }
    }

    /// Loads the store, creating it from `makeDefault` when there is no file yet.
    /// An existing file that cannot be read is reported, never replaced.
    public func loadOrCreate(_ makeDefault: () -> Tenant) throws(StoreError) -> Tenant {
        if exists { return try load() }
        try ensureDirectory()
        return try withLock { () throws(StoreError) -> Tenant in
            if exists { return try load() }
            let tenant = makeDefault()
            try write(tenant)
            return tenant
        }
    }

    /// Read-modify-write under the lock. When the file is invalid or the change
    /// throws, nothing is written.
    @discardableResult
    public func update(_ change: (inout Tenant) throws -> Void) throws -> Tenant {
        try withLock { () throws -> Tenant in
            var tenant = try load()
            try change(&tenant)
            let problems = StoreValidator().problems(in: tenant)
            guard problems.isEmpty else { throw StoreError.invalid(path: path, problems: problems) }
            try write(tenant)
            return tenant
        }
    }

    // MARK: - File operations

    private func readData() throws(StoreError) -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw .notFound(path: path) }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: path, reason: Self.reason(error))
        }
    }

    private func ensureDirectory() throws(StoreError) {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .writeFailed(path: path, reason: "cannot create folder \(directory.path): \(Self.reason(error))")
        }
    }

    /// Temp file in the same folder, fsync, rename over the old file, fsync the
    /// folder: a crash leaves the old document or the new one, never half.
    private func write(_ tenant: Tenant) throws(StoreError) {
        let data: Data
        do {
            data = try StoreCodec.encode(tenant)
        } catch {
            throw .writeFailed(path: path, reason: "cannot encode: \(error)")
        }
        let directory = url.deletingLastPathComponent().path
        let temporary = "\(directory)/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0 ... .max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .writeFailed(path: path, reason: Self.errnoText()) }
        var failure: String?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = Self.errnoText()
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = Self.errnoText() }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = Self.errnoText() }
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

    private func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let descriptor = open(lockURL.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        }
        defer {
            if descriptor >= 0 {
                flock(descriptor, LOCK_UN)
                close(descriptor)
            }
        }
        return try body()
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
