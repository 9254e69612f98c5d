import Foundation
import Testing

/// `portal probe` as a user runs it: exit codes, one fact a line, JSON, and
/// machine text made inert.
@Suite("Probe command")
struct ProbeCommandTests {
    /// A small host: os-release, a host name holding terminal controls, LUKS root.
    private func fixture() throws -> URL {
        let root = try temporaryFolder()
        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("etc/os-release", "ID=ubuntu\nVERSION_ID=\"22.04\"\nPRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\nID_LIKE=debian\n")
        try write("etc/hostname", "evil\u{1B}]0;owned\u{07}\u{202E}name\n")
        try write("proc/self/mounts", "proc /proc proc rw 0 0\n/dev/mapper/root / ext4 rw 0 0\n/dev/sda1 /boot ext4 rw 0 0\n")
        try write("sys/block/dm-0/dm/name", "root\n")
        try write("sys/block/dm-0/dm/uuid", "CRYPT-LUKS2-0011-root\n")
        try write("etc/security/pwquality.conf", "minlen = 12\ndcredit = -1\n")
        return root
    }

    @Test func humanOutputOneFactALine() throws {
        let root = try fixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try portal("probe", "--root", root.path)
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Name:") && $0.hasSuffix("Ubuntu 22.04.4 LTS") })
        #expect(lines.contains { $0.hasPrefix("Filesystem /:") && $0.contains("yes, dm-0 is dm-crypt (LUKS2) (/dev/mapper/root, ext4)") })
        #expect(lines.contains { $0.hasPrefix("Every filesystem encrypted:") && $0.hasSuffix("yes") })
        #expect(lines.contains { $0.hasPrefix("Vendor:") && $0.hasSuffix("unknown (sys/class/dmi/id/sys_vendor: not found)") })
        #expect(lines.contains { $0.hasPrefix("Weakest password allowed:") && $0.hasSuffix("12 characters, 1 digit") })
        #expect(lines.contains { $0.hasPrefix("login.defs:") && $0.hasSuffix("unknown (etc/login.defs: not found)") })
        // The host name's escape sequence and bidi override arrive as visible text.
        #expect(lines.contains { $0.hasSuffix(#"evil\u{1B}]0;owned\u{7}\u{202E}name"#) })
        #expect(!result.output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
    }

    @Test func jsonIsTheFactsDocument() throws {
        let root = try fixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try portal("probe", "--root", root.path, "--json")
        #expect(result.status == 0)
        #expect(!result.output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["distributionId", "everyFilesystemEncrypted", "filesystems", "hostName", "idLike",
                                        "machineId", "model", "passwordPolicy", "prettyName", "vendor", "versionId"])
        #expect((document["hostName"] as? [String: String])?["value"] == "evil\u{1B}]0;owned\u{07}\u{202E}name")
        #expect((document["everyFilesystemEncrypted"] as? [String: Bool])?["value"] == true)
        #expect((document["vendor"] as? [String: String])?["unknown"] == "sys/class/dmi/id/sys_vendor: not found")
        // Sorted keys: the same facts always print the same bytes.
        #expect(try portal("probe", "--root", root.path, "--json").output == result.output)
    }

    @Test func badRootOrOptionExitsTwo() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try portal("probe", "--root", folder.appendingPathComponent("nowhere").path)
        #expect(missing.status == 2)
        #expect(missing.error.contains("portal probe: --root \(folder.path)/nowhere: not a folder"))
        let file = folder.appendingPathComponent("file")
        try Data().write(to: file)
        #expect(try portal("probe", "--root", file.path).status == 2)
        let unknown = try portal("probe", "--bogus")
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("--bogus"))
    }

    /// On this machine the probe reports the os-release the shell reads.
    @Test func liveMachineReportsTheRealOSRelease() throws {
        let shell = try run(URL(fileURLWithPath: "/bin/sh"),
                            ["-c", ". /etc/os-release 2>/dev/null || . /usr/lib/os-release; echo \"$ID $VERSION_ID\""])
        let result = try portal("probe", "--json")
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let id = (document["distributionId"] as? [String: String])?["value"] ?? ""
        let version = (document["versionId"] as? [String: String])?["value"] ?? ""
        #expect("\(id) \(version)\n" == shell.output)
    }
}
