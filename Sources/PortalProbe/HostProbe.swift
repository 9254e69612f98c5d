import Foundation
import PortalCore

/// Inspects the Linux host whose files are under `root` (`/` for this
/// machine, a fixture tree in tests). It reads only below the root, never
/// runs a program, and turns every file it cannot read into an unknown fact
/// with the reason.
public struct HostProbe: Sendable {
    public let root: URL

    public init(root: URL = URL(fileURLWithPath: "/")) {
        self.root = root
    }

    public func inspect() -> HostFacts {
        let files = RootedFiles(root: root)
        let release = osRelease(files)
        let (filesystems, verdict) = disks(files)
        return HostFacts(distributionId: release.id, versionId: release.versionId, prettyName: release.prettyName,
                         idLike: release.idLike, hostName: hostName(files),
                         vendor: firmwareText(files, "sys/class/dmi/id/sys_vendor"),
                         model: firmwareText(files, "sys/class/dmi/id/product_name"),
                         filesystems: filesystems, everyFilesystemEncrypted: verdict,
                         passwordPolicy: PasswordPolicyFacts(pwquality: pwquality(files), loginDefs: loginDefs(files)),
                         machineId: machineId(files))
    }

    /// etc/machine-id: 32 lowercase hex digits (machine-id(5)); anything else
    /// (an empty file on a fresh image, "uninitialized") is unknown.
    private func machineId(_ files: RootedFiles) -> HostFact<String> {
        let path = "etc/machine-id"
        switch files.text(path) {
        case let .success(text):
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let isHex = value.count == 32 && value.allSatisfy { $0.isHexDigit && !$0.isUppercase }
            return isHex ? .known(value) : .unknown("\(path): not 32 hexadecimal digits")
        case let .failure(failure):
            return .unknown("\(path): \(failure.reason)")
        }
    }

    /// The first of `paths` that exists; a later one is read only when every
    /// earlier one is missing, as os-release(5) says (an unreadable first file
    /// is reported, not skipped).
    private func firstPresent(_ files: RootedFiles, _ paths: [String], limit: Int? = nil) -> Result<(String, String), RootedFiles.Failure> {
        for path in paths {
            switch files.text(path, limit: limit) {
            case let .success(text): return .success((path, text))
            case let .failure(failure) where failure.isMissing: continue
            case let .failure(failure): return .failure(RootedFiles.Failure(reason: "\(path): \(failure.reason)"))
            }
        }
        return .failure(RootedFiles.Failure(reason: paths.joined(separator: " and ") + ": not found", isMissing: true))
    }

    private func osRelease(_ files: RootedFiles)
        -> (id: HostFact<String>, versionId: HostFact<String>, prettyName: HostFact<String>, idLike: HostFact<[String]>) {
        switch firstPresent(files, ["etc/os-release", "usr/lib/os-release"]) {
        case let .success((path, text)):
            return HostFacts.osRelease(OSRelease.parse(text), source: path)
        case let .failure(failure):
            let reason = failure.reason
            return (.unknown(reason), .unknown(reason), .unknown(reason), .unknown(reason))
        }
    }

    /// etc/hostname's first line that is not a comment; the kernel's name when
    /// that file is missing or says nothing.
    private func hostName(_ files: RootedFiles) -> HostFact<String> {
        var reasons: [String] = []
        for path in ["etc/hostname", "proc/sys/kernel/hostname"] {
            switch files.text(path) {
            case let .success(text):
                let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                    .first { !$0.isEmpty && !$0.hasPrefix("#") }
                if let line { return .known(line) }
                reasons.append("\(path): empty")
            case let .failure(failure):
                if !failure.isMissing, path == "etc/hostname" { return .unknown("\(path): \(failure.reason)") }
                reasons.append("\(path): \(failure.reason)")
            }
        }
        return .unknown(reasons.joined(separator: "; "))
    }

    private func firmwareText(_ files: RootedFiles, _ path: String) -> HostFact<String> {
        switch files.text(path) {
        case let .success(text):
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? .unknown("\(path): empty") : .known(value)
        case let .failure(failure):
            return .unknown("\(path): \(failure.reason)")
        }
    }

    private func disks(_ files: RootedFiles) -> (HostFact<[MountedFilesystem]>, HostFact<Bool>) {
        let text: String
        // A container host can have thousands of mounts, some 200 bytes a line.
        switch firstPresent(files, ["proc/self/mounts", "proc/mounts"], limit: 16 << 20) {
        case let .success((_, found)): text = found
        case let .failure(failure): return (.unknown(failure.reason), .unknown(failure.reason))
        }
        var devices = BlockDeviceEncryption(files: files)
        let counted = MountTable.visible(MountTable.parse(text)).filter { DiskEncryptionRule.exemption($0) == nil }
        let filesystems = counted.map { entry in
            MountedFilesystem(mountPoint: entry.mountPoint, source: entry.source, type: entry.type,
                              encryption: devices.encryption(ofSource: entry.source))
        }
        return (.known(filesystems), DiskEncryptionRule.verdict(filesystems))
    }

    private func pwquality(_ files: RootedFiles) -> HostFact<PwqualitySettings> {
        let folder = "etc/security/pwquality.conf.d"
        var read: [ConfigFile] = []
        switch files.list(folder) {
        case let .success(names):
            for name in names where name.hasSuffix(".conf") {
                switch files.text("\(folder)/\(name)") {
                case let .success(text): read.append(ConfigFile(name: "\(folder)/\(name)", text: text))
                case let .failure(failure): return .unknown("\(folder)/\(name): \(failure.reason)")
                }
            }
        case let .failure(failure) where failure.isMissing: break
        case let .failure(failure): return .unknown("\(folder): \(failure.reason)")
        }
        let main = "etc/security/pwquality.conf"
        switch files.text(main) {
        case let .success(text): read.append(ConfigFile(name: main, text: text))
        case let .failure(failure) where failure.isMissing:
            // Without any file there is no sign pwquality is installed at all.
            if read.isEmpty { return .unknown("\(main): \(failure.reason)") }
        case let .failure(failure): return .unknown("\(main): \(failure.reason)")
        }
        return .known(PwqualitySettings.parse(read))
    }

    private func loginDefs(_ files: RootedFiles) -> HostFact<LoginDefsSettings> {
        let path = "etc/login.defs"
        switch files.text(path) {
        case let .success(text): return .known(LoginDefsSettings.parse(ConfigFile(name: path, text: text)))
        case let .failure(failure): return .unknown("\(path): \(failure.reason)")
        }
    }
}
