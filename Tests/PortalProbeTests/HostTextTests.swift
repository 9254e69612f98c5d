import Foundation
import PortalCore
import Testing

/// The pure parsers: os-release's shell quoting and the mount table's escapes.
@Suite("Host text")
struct HostTextTests {
    @Test func osReleaseQuotingAndComments() {
        let values = OSRelease.parse("""
            # a comment
              NAME="Fancy \\"Linux\\""
            ID=fancy
            VERSION='1.0 $HOME'
            PRETTY_NAME="Fancy \\$5 \\\\o/"  # trailing comment
            BROKEN="never closed
            2BAD=x
            CMD=a b
            ESCAPED=a\\ b
            EMPTY=
            ID_LIKE="debian  ubuntu"
            """)
        #expect(values["NAME"] == "Fancy \"Linux\"")
        #expect(values["ID"] == "fancy")
        #expect(values["VERSION"] == "1.0 $HOME")
        #expect(values["PRETTY_NAME"] == "Fancy $5 \\o/")
        #expect(values["BROKEN"] == nil)
        #expect(values["2BAD"] == nil)
        #expect(values["CMD"] == nil)
        #expect(values["ESCAPED"] == "a b")
        #expect(values["EMPTY"] == "")
        #expect(OSRelease.list(values["ID_LIKE"] ?? "") == ["debian", "ubuntu"])
        let facts = HostFacts.osRelease(values, source: "etc/os-release")
        #expect(facts.versionId == .unknown("VERSION_ID not set in etc/os-release"))
    }

    @Test func mountEscapesAndHiddenMounts() {
        let entries = MountTable.parse("""
            /dev/sdb1 /media/my\\040disk ext4 rw,relatime 0 0
            /dev/sda1 /data ext4 rw 0 0
            /dev/sdc1 /data ext4 ro 0 0
            short line
            """)
        #expect(entries.map(\.mountPoint) == ["/media/my disk", "/data", "/data"])
        let visible = MountTable.visible(entries)
        #expect(visible.map(\.source) == ["/dev/sdb1", "/dev/sdc1"])
        #expect(DiskEncryptionRule.exemption(visible[1]) == "read-only")
        let esp = MountEntry(source: "/dev/nvme0n1p1", mountPoint: "/efi", type: "vfat", options: ["rw"])
        #expect(DiskEncryptionRule.exemption(esp) == "EFI system partition")
        let data = MountEntry(source: "/dev/nvme0n1p4", mountPoint: "/boot/data", type: "ext4", options: ["rw"])
        #expect(DiskEncryptionRule.exemption(data) == nil, "only /boot itself is exempt, not what is under it")
    }

    @Test func verdictNamesTheFirstUnknownAndNoBeatsUnknown() {
        let yes = MountedFilesystem(mountPoint: "/", source: "/dev/dm-0", type: "ext4", encryption: .encrypted("dm-0 is dm-crypt (LUKS2)"))
        let unknown = MountedFilesystem(mountPoint: "/srv", source: "tank/srv", type: "zfs", encryption: .unknown("not a block device"))
        let no = MountedFilesystem(mountPoint: "/home", source: "/dev/sda3", type: "ext4", encryption: .notEncrypted("sda3 is not on dm-crypt"))
        #expect(DiskEncryptionRule.verdict([yes]) == .known(true))
        #expect(DiskEncryptionRule.verdict([yes, unknown]) == .unknown("/srv: not a block device"))
        #expect(DiskEncryptionRule.verdict([unknown, no]) == .known(false))
        #expect(DiskEncryptionRule.verdict([]) == .unknown("no mounted filesystem on a disk was found"))
    }

    @Test func factsRoundTripThroughJSON() throws {
        let facts = HostFacts(
            distributionId: .known("ubuntu"), versionId: .known("22.04"), prettyName: .known("Ubuntu 22.04.4 LTS"),
            idLike: .known(["debian"]), hostName: .unknown("etc/hostname: not found"), vendor: .known("LENOVO"),
            model: .known("21HM"), filesystems: .known([MountedFilesystem(mountPoint: "/", source: "/dev/mapper/root", type: "ext4",
                                                                          encryption: .encrypted("dm-0 is dm-crypt (LUKS2)"))]),
            everyFilesystemEncrypted: .known(true),
            passwordPolicy: PasswordPolicyFacts(pwquality: .known(PwqualitySettings()), loginDefs: .unknown("etc/login.defs: not found")))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(facts)
        #expect(try JSONDecoder().decode(HostFacts.self, from: data) == facts)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""hostName":{"unknown":"etc\/hostname: not found"}"#))
        #expect(text.contains(#""encryption":{"detail":"dm-0 is dm-crypt (LUKS2)","encrypted":"yes"}"#))
    }
}
