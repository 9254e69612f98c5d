import Foundation

/// Whether one filesystem's device is on dm-crypt, with what showed it.
public enum EncryptionState: Codable, Sendable, Equatable {
    case encrypted(String)
    case notEncrypted(String)
    case unknown(String)

    public var word: String {
        switch self {
        case .encrypted: "yes"
        case .notEncrypted: "no"
        case .unknown: "unknown"
        }
    }

    public var detail: String {
        switch self {
        case let .encrypted(detail), let .notEncrypted(detail), let .unknown(detail): detail
        }
    }

    private enum CodingKeys: String, CodingKey { case encrypted, detail }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let detail = try container.decode(String.self, forKey: .detail)
        switch try container.decode(String.self, forKey: .encrypted) {
        case "yes": self = .encrypted(detail)
        case "no": self = .notEncrypted(detail)
        case "unknown": self = .unknown(detail)
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .encrypted, in: container,
                                                   debugDescription: "unknown value \"\(other)\"; expected one of: yes, no, unknown")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(word, forKey: .encrypted)
        try container.encode(detail, forKey: .detail)
    }
}

/// A mounted filesystem the encryption rule looks at.
public struct MountedFilesystem: Codable, Sendable, Equatable {
    public var mountPoint: String
    public var source: String
    public var type: String
    public var encryption: EncryptionState

    public init(mountPoint: String, source: String, type: String, encryption: EncryptionState) {
        self.mountPoint = mountPoint
        self.source = source
        self.type = type
        self.encryption = encryption
    }
}

/// The Intune app for Linux's rule: every mounted filesystem is on dm-crypt,
/// except /boot, /boot/efi, read-only ones and virtual ones.
public enum DiskEncryptionRule {
    /// Filesystems with no disk of their own: the kernel's views, memory and
    /// pseudo terminals.
    static let virtualTypes: Set<String> = [
        "proc", "sysfs", "devtmpfs", "tmpfs", "ramfs", "rootfs", "devpts", "cgroup", "cgroup2", "securityfs",
        "debugfs", "tracefs", "configfs", "fusectl", "mqueue", "hugetlbfs", "pstore", "bpf", "autofs",
        "binfmt_misc", "efivarfs", "rpc_pipefs", "nsfs", "selinuxfs", "nfsd", "sunrpc",
    ]

    /// Filesystems on another machine's disks, which this machine cannot encrypt.
    static let networkTypes: Set<String> = [
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph", "glusterfs", "afs", "9p", "virtiofs", "davfs",
    ]

    /// Why a mounted filesystem is left out of the rule, or nil when it counts.
    public static func exemption(_ entry: MountEntry) -> String? {
        if entry.mountPoint == "/boot" || entry.mountPoint == "/boot/efi" { return "boot partition" }
        // systemd-boot's place for the EFI system partition, which firmware must read unencrypted as at /boot/efi.
        if entry.mountPoint == "/efi" { return "EFI system partition" }
        if entry.isReadOnly { return "read-only" }
        if virtualTypes.contains(entry.type) { return "virtual filesystem" }
        // fuse.sshfs, fuse.portal and the like are served by a process; fuseblk has a disk and counts.
        if entry.type == "fuse" || entry.type.hasPrefix("fuse.") { return "user-space filesystem" }
        if networkTypes.contains(entry.type) { return "network filesystem" }
        return nil
    }

    /// Whether every counted filesystem is on dm-crypt. One that is not makes
    /// the answer no even when others are unknown; otherwise any unknown one
    /// makes the answer unknown.
    public static func verdict(_ filesystems: [MountedFilesystem]) -> HostFact<Bool> {
        if filesystems.isEmpty { return .unknown("no mounted filesystem on a disk was found") }
        if filesystems.contains(where: { if case .notEncrypted = $0.encryption { true } else { false } }) {
            return .known(false)
        }
        if let first = filesystems.first(where: { if case .unknown = $0.encryption { true } else { false } }) {
            return .unknown("\(first.mountPoint): \(first.encryption.detail)")
        }
        return .known(true)
    }
}
