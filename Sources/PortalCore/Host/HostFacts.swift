import Foundation

/// What an inspection of a Linux host found. Every fact is known or unknown
/// with the reason; nothing is guessed. Stored and printed as JSON.
public struct HostFacts: Codable, Sendable, Equatable {
    /// os-release `ID`, such as `ubuntu` or `rhel`.
    public var distributionId: HostFact<String>
    /// os-release `VERSION_ID`, such as `22.04` or `8.10`.
    public var versionId: HostFact<String>
    /// os-release `PRETTY_NAME`, the name the portal shows.
    public var prettyName: HostFact<String>
    /// os-release `ID_LIKE`: the distributions this one derives from.
    public var idLike: HostFact<[String]>
    public var hostName: HostFact<String>
    /// DMI `sys_vendor` and `product_name`.
    public var vendor: HostFact<String>
    public var model: HostFact<String>
    /// The mounted filesystems the encryption rule counts.
    public var filesystems: HostFact<[MountedFilesystem]>
    /// Whether every counted filesystem is on dm-crypt.
    public var everyFilesystemEncrypted: HostFact<Bool>
    public var passwordPolicy: PasswordPolicyFacts
    /// etc/machine-id: the stable id that makes enrolling this host again
    /// update the device it already has.
    public var machineId: HostFact<String>

    public init(distributionId: HostFact<String>, versionId: HostFact<String>, prettyName: HostFact<String>,
                idLike: HostFact<[String]>, hostName: HostFact<String>, vendor: HostFact<String>, model: HostFact<String>,
                filesystems: HostFact<[MountedFilesystem]>, everyFilesystemEncrypted: HostFact<Bool>,
                passwordPolicy: PasswordPolicyFacts, machineId: HostFact<String> = .unknown("etc/machine-id: not read")) {
        self.distributionId = distributionId
        self.versionId = versionId
        self.prettyName = prettyName
        self.idLike = idLike
        self.hostName = hostName
        self.vendor = vendor
        self.model = model
        self.filesystems = filesystems
        self.everyFilesystemEncrypted = everyFilesystemEncrypted
        self.passwordPolicy = passwordPolicy
        self.machineId = machineId
    }
}

extension HostFacts {
    /// The os-release facts from its parsed assignments; `source` names the
    /// file in reasons, such as `etc/os-release`.
    public static func osRelease(_ values: [String: String], source: String)
        -> (id: HostFact<String>, versionId: HostFact<String>, prettyName: HostFact<String>, idLike: HostFact<[String]>) {
        func fact(_ key: String) -> HostFact<String> {
            guard let value = values[key], !value.isEmpty else { return .unknown("\(key) not set in \(source)") }
            return .known(value)
        }
        // ID_LIKE is optional: a distribution derived from none (Debian) leaves it out.
        return (fact("ID"), fact("VERSION_ID"), fact("PRETTY_NAME"), .known(OSRelease.list(values["ID_LIKE"] ?? "")))
    }

    /// Every fact unknown for one reason, as when the root cannot be read at all.
    public static func allUnknown(_ reason: String) -> HostFacts {
        HostFacts(distributionId: .unknown(reason), versionId: .unknown(reason), prettyName: .unknown(reason),
                  idLike: .unknown(reason), hostName: .unknown(reason), vendor: .unknown(reason), model: .unknown(reason),
                  filesystems: .unknown(reason), everyFilesystemEncrypted: .unknown(reason),
                  passwordPolicy: PasswordPolicyFacts(pwquality: .unknown(reason), loginDefs: .unknown(reason)),
                  machineId: .unknown(reason))
    }
}
