import Foundation
import PortalCore

/// Finds whether a mount source sits on dm-crypt by walking sysfs: a dm
/// device whose uuid starts with `CRYPT-` is dm-crypt; any other (LVM,
/// multipath, a plain mapping) or an md array is encrypted when every device
/// under it (`slaves/`) is, so LVM on LUKS counts.
struct BlockDeviceEncryption {
    let files: RootedFiles
    /// /dev/mapper names to dm-N, read from sys/block/*/dm/name on first use.
    private var mapperNames: Result<[String: String], RootedFiles.Failure>?

    init(files: RootedFiles) {
        self.files = files
    }

    /// Stacks deeper than this are refused rather than walked (a loop of links).
    private static let maximumDepth = 16

    mutating func encryption(ofSource source: String) -> EncryptionState {
        guard source.hasPrefix("/dev/") else {
            return .unknown("\(source) is not a block device, so its disks are not known")
        }
        if source == "/dev/root" {
            return .unknown("/dev/root is the kernel's name for the root device and does not say which one it is")
        }
        // Udev's links (/dev/mapper/x, /dev/disk/by-uuid/...) lead to the node when the root has a dev/.
        var path = source
        if case let .success(real) = files.resolve(String(source.dropFirst())) {
            path = "/" + real.dropFirst(files.root.count).drop { $0 == "/" }
        }
        let parts = path.split(separator: "/").map(String.init)
        switch parts.count {
        case 3 where parts[1] == "mapper":
            switch mapperDevice(named: parts[2]) {
            case let .success(name): return encryption(ofDevice: name, depth: 0)
            case let .failure(failure): return .unknown(failure.reason)
            }
        case 2:
            return encryption(ofDevice: parts[1], depth: 0)
        case 3:
            // LVM's /dev/VG/LV is /dev/mapper/VG-LV, each '-' in a name doubled.
            let name = parts[1].replacingOccurrences(of: "-", with: "--") + "-" + parts[2].replacingOccurrences(of: "-", with: "--")
            switch mapperDevice(named: name) {
            case let .success(device): return encryption(ofDevice: device, depth: 0)
            case .failure: return .unknown("\(source) could not be followed to a device")
            }
        default:
            return .unknown("\(source) could not be followed to a device")
        }
    }

    private mutating func mapperDevice(named name: String) -> Result<String, RootedFiles.Failure> {
        if mapperNames == nil { mapperNames = readMapperNames() }
        switch mapperNames! {
        case let .failure(failure):
            return .failure(RootedFiles.Failure(reason: "/dev/mapper/\(name) could not be looked up: sys/block: \(failure.reason)"))
        case let .success(names):
            guard let device = names[name] else {
                return .failure(RootedFiles.Failure(reason: "no device-mapper device named \(name) in sys/block"))
            }
            return .success(device)
        }
    }

    private func readMapperNames() -> Result<[String: String], RootedFiles.Failure> {
        files.list("sys/block").map { entries in
            var names: [String: String] = [:]
            for entry in entries where entry.hasPrefix("dm-") {
                if case let .success(text) = files.text("sys/block/\(entry)/dm/name") {
                    names[text.trimmingCharacters(in: .whitespacesAndNewlines)] = entry
                }
            }
            return names
        }
    }

    private func encryption(ofDevice name: String, depth: Int) -> EncryptionState {
        guard depth <= Self.maximumDepth else { return .unknown("devices stacked more than \(Self.maximumDepth) deep under \(name)") }
        guard !name.contains("/"), name != "..", name != "." else { return .unknown("\(name) is not a device name") }
        if name.hasPrefix("dm-") {
            let uuidPath = "sys/block/\(name)/dm/uuid"
            let uuid: String
            switch files.text(uuidPath) {
            case let .success(text): uuid = text.trimmingCharacters(in: .whitespacesAndNewlines)
            case let .failure(failure): return .unknown("\(uuidPath): \(failure.reason)")
            }
            let fields = uuid.split(separator: "-", maxSplits: 2).map(String.init)
            // cryptsetup names verity and integrity devices CRYPT- too; they encrypt nothing.
            if fields.first == "CRYPT", fields.count > 1, !["VERITY", "INTEGRITY", "SUBDEV"].contains(fields[1]) {
                return .encrypted("\(name) is dm-crypt (\(fields[1]))")
            }
            let kind = uuid.isEmpty ? "device-mapper" : fields.first == "CRYPT" && fields.count > 1 ? fields[1] : (fields.first ?? uuid)
            return throughSlaves(of: name, kind: kind, depth: depth)
        }
        if name.hasPrefix("md") {
            return throughSlaves(of: name, kind: "RAID", depth: depth)
        }
        if name.hasPrefix("loop") {
            return .unknown("\(name) is a loop device; the file behind it is not inspected")
        }
        return .notEncrypted("\(name) is not on dm-crypt")
    }

    private func throughSlaves(of name: String, kind: String, depth: Int) -> EncryptionState {
        let slavesPath = "sys/block/\(name)/slaves"
        let slaves: [String]
        switch files.list(slavesPath) {
        case let .success(entries): slaves = entries
        case let .failure(failure): return .unknown("\(slavesPath): \(failure.reason)")
        }
        guard !slaves.isEmpty else { return .notEncrypted("\(name) (\(kind)) is not dm-crypt and has no device under it") }
        let states = slaves.map { encryption(ofDevice: $0, depth: depth + 1) }
        let summary = "\(name) (\(kind)) on " + states.map(\.detail).joined(separator: "; ")
        if states.contains(where: { if case .notEncrypted = $0 { true } else { false } }) { return .notEncrypted(summary) }
        if states.contains(where: { if case .unknown = $0 { true } else { false } }) { return .unknown(summary) }
        return .encrypted(summary)
    }
}
