import Foundation
import PortalCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The JSON file as a portal directory. It keeps the last document it read
/// and reads the file again when the file changed (another portal, an
/// administrator's editor), so every answer is what is stored now; each
/// change is one locked read-modify-write of the file.
public final class JSONDirectory: PortalDirectory, @unchecked Sendable {
    public let store: JSONStore
    private let lock = NSLock()
    private var cached: Tenant
    private var cachedVersion: FileVersion?

    /// What identifies one version of the file: a write replaces it by
    /// rename, so the inode changes even when size and time do not.
    struct FileVersion: Equatable {
        var device: UInt64, inode: UInt64, size: Int64, modified: Int64, modifiedNanoseconds: Int64

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modified = Int64(info.st_mtim.tv_sec)
            modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
        }
    }

    public init(store: JSONStore) throws {
        self.store = store
        let version = FileVersion(path: store.path)
        cached = try store.load()
        cachedVersion = version
    }

    /// The document as stored now.
    private func current() throws -> Tenant {
        try lock.withLock {
            let version = FileVersion(path: store.path)
            if version == nil || version != cachedVersion {
                cached = try store.load()
                cachedVersion = version
            }
            return cached
        }
    }

    public func organization() throws -> Organization { try current().organization }
    public func accountCount() throws -> Int { try current().users.count }
    public func users(principalNames: [String]) throws -> [User] { try current().users(principalNames: principalNames) }
    public func signInFacts(principalName: String) throws -> SignInFacts { try current().signInFacts(principalName: principalName) }
    public func user(id: String) throws -> User? { try current().user(id: id) }
    public func portalData(userId: String) throws -> UserPortalData? { try current().portalData(userId: userId) }
    public func catalog(userId: String) throws -> [CatalogEntry]? { try current().catalog(userId: userId) }

    public func enrollmentFacts(userId: String) throws -> EnrollmentFacts? { try current().enrollmentFacts(userId: userId) }

    /// The restrictions are checked again inside the locked read-modify-write,
    /// against the file as it is then: two portals enrolling at once see each other.
    public func perform(_ change: EnrollmentChange, now: Date) throws -> EnrollmentChangeResult {
        try write { try $0.apply(change, now: now) }
    }

    public func perform(_ change: AccountChange, now: Date) throws -> AccountChangeResult {
        try write { try $0.apply(change, now: now) }
    }

    public func perform(_ change: NotificationChange, now: Date) throws -> NotificationChangeResult {
        try write { try $0.apply(change, now: now) }
    }

    public func appProtectionFacts(userId: String) throws -> AppProtectionFacts? { try current().appProtectionFacts(userId: userId) }

    /// The health check reads the device and the policy inside the locked read-modify-write.
    public func perform(_ change: AppProtectionChange, now: Date) throws -> ManagedAppRegistration {
        try write { try $0.apply(change, now: now) }
    }

    public func perform(_ change: DeviceChange, now: Date) throws -> DeviceChangeResult {
        try write { try $0.apply(change, now: now) }
    }

    public func perform(_ change: AppInstallChange, now: Date) throws -> AppInstallChangeResult {
        try write { try $0.apply(change, now: now) }
    }

    public func installStates(userId: String) throws -> [AppInstallState] { try current().installStates(userId: userId) }

    /// One locked read-modify-write of the file; the document written becomes the cache.
    private func write<Result>(_ apply: (inout Tenant) throws -> Result) throws -> Result {
        let (result, written) = try store.change(apply)
        lock.withLock {
            cached = written
            cachedVersion = FileVersion(path: store.path)
        }
        return result
    }
}
