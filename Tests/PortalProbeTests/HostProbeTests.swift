import Foundation
import PortalCore
import PortalProbe
import Testing

/// The probe on fixture trees: each distribution and disk layout the rule
/// must tell apart, and every way a file can fail to be read.
@Suite("Host probe")
struct HostProbeTests {
    static let ubuntu2204 = """
        PRETTY_NAME="Ubuntu 22.04.4 LTS"
        NAME="Ubuntu"
        VERSION_ID="22.04"
        VERSION="22.04.4 LTS (Jammy Jellyfish)"
        ID=ubuntu
        ID_LIKE=debian
        """

    static let rhel810 = """
        NAME="Red Hat Enterprise Linux"
        VERSION="8.10 (Ootpa)"
        ID="rhel"
        ID_LIKE="fedora"
        VERSION_ID="8.10"
        PRETTY_NAME="Red Hat Enterprise Linux 8.10 (Ootpa)"
        """

    static let loginDefs = """
        # /etc/login.defs - Configuration control definitions for the login package.
        PASS_MAX_DAYS\t99999
        PASS_MIN_DAYS\t0
        PASS_WARN_AGE\t7
        ENCRYPT_METHOD SHA512
        """

    /// Ubuntu 22.04 installed with "encrypt the disk" without LVM: root on
    /// LUKS2, /boot and /boot/efi plain, as the installer leaves them.
    static func ubuntuLuks() throws -> HostTree {
        let tree = try HostTree()
        try tree.osRelease(ubuntu2204)
        try tree.file("etc/hostname", "alex-thinkpad\n")
        try tree.dmi(vendor: "LENOVO", product: "21HMCTO1WW")
        try tree.dm("dm-0", name: "nvme0n1p3_crypt", uuid: "CRYPT-LUKS2-1f2e3d4c5b6a47988a7b6c5d4e3f2a1b-nvme0n1p3_crypt", slaves: ["nvme0n1p3"])
        try tree.mounts(virtualMounts + [
            "/dev/mapper/nvme0n1p3_crypt / ext4 rw,relatime,errors=remount-ro 0 0",
            "/dev/nvme0n1p2 /boot ext4 rw,relatime 0 0",
            "/dev/nvme0n1p1 /boot/efi vfat rw,relatime,fmask=0077,dmask=0077 0 0",
        ])
        try tree.file("etc/login.defs", loginDefs)
        return tree
    }

    @Test func ubuntuWithLuksRootAndPlainBoot() throws {
        let tree = try Self.ubuntuLuks()
        defer { tree.remove() }
        let facts = HostProbe(root: tree.root).inspect()
        #expect(facts.distributionId == .known("ubuntu"))
        #expect(facts.versionId == .known("22.04"))
        #expect(facts.prettyName == .known("Ubuntu 22.04.4 LTS"))
        #expect(facts.idLike == .known(["debian"]))
        #expect(facts.hostName == .known("alex-thinkpad"))
        #expect(facts.vendor == .known("LENOVO"))
        #expect(facts.model == .known("21HMCTO1WW"))
        // /boot, /boot/efi, the virtual ones and the read-only snap are left out.
        let filesystems = try #require(facts.filesystems.value)
        #expect(filesystems.map(\.mountPoint) == ["/"])
        #expect(filesystems[0].encryption == .encrypted("dm-0 is dm-crypt (LUKS2)"))
        #expect(facts.everyFilesystemEncrypted == .known(true))
        #expect(facts.passwordPolicy.pwquality == .unknown("etc/security/pwquality.conf: not found"))
        let defs = try #require(facts.passwordPolicy.loginDefs.value)
        #expect(defs.passMaxDays == .known(99999))
        #expect(defs.passMinDays == .known(0))
        #expect(defs.passMinLen == .unknown("not set in etc/login.defs"))
        #expect(defs.encryptMethod == .known("SHA512"))
    }

    @Test func lvmOnLuksCountsAsEncrypted() throws {
        let tree = try HostTree()
        defer { tree.remove() }
        try tree.osRelease(Self.ubuntu2204)
        try tree.dm("dm-0", name: "nvme0n1p3_crypt", uuid: "CRYPT-LUKS2-aa-nvme0n1p3_crypt", slaves: ["nvme0n1p3"])
        try tree.dm("dm-1", name: "vgubuntu-root", uuid: "LVM-abcdefROOT", slaves: ["dm-0"])
        try tree.dm("dm-2", name: "vgubuntu-my--home", uuid: "LVM-abcdefHOME", slaves: ["dm-0"])
        try tree.mounts(virtualMounts + [
            "/dev/mapper/vgubuntu-root / ext4 rw,relatime 0 0",
            // LVM's other spelling: /dev/VG/LV, dashes in names doubled in the mapper name.
            "/dev/vgubuntu/my-home /home ext4 rw,relatime 0 0",
            "/dev/nvme0n1p2 /boot ext4 rw,relatime 0 0",
        ])
        let facts = HostProbe(root: tree.root).inspect()
        let filesystems = try #require(facts.filesystems.value)
        #expect(filesystems.map(\.mountPoint) == ["/", "/home"])
        #expect(filesystems[0].encryption == .encrypted("dm-1 (LVM) on dm-0 is dm-crypt (LUKS2)"))
        #expect(filesystems[1].encryption == .encrypted("dm-2 (LVM) on dm-0 is dm-crypt (LUKS2)"))
        #expect(facts.everyFilesystemEncrypted == .known(true))
    }

    @Test func rhelWithPlainLvmIsNotEncrypted() throws {
        let tree = try HostTree()
        defer { tree.remove() }
        try tree.file("etc/os-release", Self.rhel810)
        try tree.file("etc/hostname", "build-box-07\n")
        try tree.dmi(vendor: "Dell Inc.", product: "PowerEdge R650")
        try tree.dm("dm-0", name: "rhel-root", uuid: "LVM-Qm9vdA", slaves: ["sda2"])
        try tree.mounts(virtualMounts + [
            "/dev/mapper/rhel-root / xfs rw,seclabel,relatime,attr2,inode64 0 0",
            "/dev/sda1 /boot xfs rw,seclabel,relatime 0 0",
        ])
        let facts = HostProbe(root: tree.root).inspect()
        #expect(facts.distributionId == .known("rhel"))
        #expect(facts.versionId == .known("8.10"))
        #expect(facts.prettyName == .known("Red Hat Enterprise Linux 8.10 (Ootpa)"))
        #expect(facts.filesystems.value?.first?.encryption == .notEncrypted("dm-0 (LVM) on sda2 is not on dm-crypt"))
        #expect(facts.everyFilesystemEncrypted == .known(false))
        let device = HostDeviceFacts(facts)
        #expect(device.distribution == LinuxDistribution(type: .rhel, version: "8.10", prettyName: "Red Hat Enterprise Linux 8.10 (Ootpa)"))
        #expect(device.isEncrypted == false)
        #expect(device.manufacturer == "Dell Inc.")
        #expect(device.model == "PowerEdge R650")
        #expect(device.deviceName == "build-box-07")
    }

    @Test func unencryptedRootBesideAnEncryptedHome() throws {
        let tree = try HostTree()
        defer { tree.remove() }
        try tree.osRelease(Self.ubuntu2204)
        try tree.dm("dm-0", name: "home", uuid: "CRYPT-LUKS1-bb-home", slaves: ["sda3"])
        try tree.mounts(virtualMounts + [
            "/dev/sda2 / ext4 rw,relatime 0 0",
            "/dev/mapper/home /home ext4 rw,relatime 0 0",
        ])
        let facts = HostProbe(root: tree.root).inspect()
        #expect(facts.filesystems.value?.map(\.encryption.word) == ["no", "yes"])
        #expect(facts.everyFilesystemEncrypted == .known(false))
    }

    /// Ubuntu 18.04: os-release only in usr/lib, no pwquality; the facts are
    /// read, and compliance then refuses the version.
    @Test func oldDistribution() throws {
        let tree = try HostTree()
        defer { tree.remove() }
        try tree.file("usr/lib/os-release", """
            NAME="Ubuntu"
            VERSION="18.04.6 LTS (Bionic Beaver)"
            ID=ubuntu
            ID_LIKE=debian
            PRETTY_NAME="Ubuntu 18.04.6 LTS"
            VERSION_ID="18.04"
            """)
        try tree.mounts(["/dev/sda1 / ext4 rw,relatime,errors=remount-ro 0 0"])
        let facts = HostProbe(root: tree.root).inspect()
        #expect(facts.versionId == .known("18.04"))
        #expect(facts.prettyName == .known("Ubuntu 18.04.6 LTS"))
        let device = HostDeviceFacts(facts)
        #expect(device.distribution == LinuxDistribution(type: .ubuntu, version: "18.04", prettyName: "Ubuntu 18.04.6 LTS"))
        var policy = CompliancePolicy(id: "pol-linux", displayName: "Linux", platform: .linux, assignedGroups: [])
        policy.allowedDistributions = [AllowedDistribution(type: .ubuntu, minimumVersion: "22.04")]
        policy.storageRequireEncryption = true
        let enrolled = device.applied(to: ManagedDevice(
            id: "dev-1", userId: "usr-1", userPrincipalName: "a@example.com", deviceName: "old-name",
            managedDeviceOwnerType: .company, enrolledDateTime: Date(timeIntervalSince1970: 0), lastSyncDateTime: Date(timeIntervalSince1970: 0),
            operatingSystem: .linux, osVersion: "", isEncrypted: nil, model: "", manufacturer: "", serialNumber: "", passcode: nil))
        #expect(enrolled.deviceName == "old-name", "an unknown host name keeps the device's name")
        let evaluation = ComplianceEvaluator().evaluate(enrolled, policies: [policy], now: Date(timeIntervalSince1970: 0))
        #expect(Set(evaluation.failures.map(\.setting)) == ["allowedDistributions", "storageRequireEncryption"])
    }

    /// Udev's links under dev/ are followed inside the root; sources with no
    /// device behind them, or one not inspected, are unknown and say why.
    @Test func sourcesFollowedOrExplained() throws {
        let tree = try HostTree()
        defer { tree.remove() }
        try tree.dm("dm-0", name: "cryptdata", uuid: "CRYPT-PLAIN-cryptdata", slaves: ["sdb"])
        try tree.dm("dm-1", name: "vroot", uuid: "CRYPT-VERITY-00-vroot", slaves: ["sdc"])
        try tree.file("dev/dm-0", "")
        try tree.link("dev/disk/by-uuid/0a1b", to: "../../dm-0")
        try tree.mounts([
            "/dev/disk/by-uuid/0a1b /data ext4 rw 0 0",
            "/dev/root / ext4 rw 0 0",
            "tank/home /home zfs rw,xattr 0 0",
            "overlay /var/lib/docker/overlay2/x/merged overlay rw,lowerdir=a,upperdir=b 0 0",
            "/dev/loop7 /mnt/image ext4 rw 0 0",
            "/dev/mapper/vroot /opt ext4 rw 0 0",
            "server:/export /net nfs4 rw 0 0",
            "sshfs#me@host: /mnt/remote fuse.sshfs rw 0 0",
        ])
        let facts = HostProbe(root: tree.root).inspect()
        let byPoint = Dictionary(uniqueKeysWithValues: (facts.filesystems.value ?? []).map { ($0.mountPoint, $0.encryption) })
        #expect(byPoint.count == 6, "network and user-space filesystems are not counted")
        #expect(byPoint["/data"] == .encrypted("dm-0 is dm-crypt (PLAIN)"))
        #expect(byPoint["/"] == .unknown("/dev/root is the kernel's name for the root device and does not say which one it is"))
        #expect(byPoint["/home"] == .unknown("tank/home is not a block device, so its disks are not known"))
        #expect(byPoint["/var/lib/docker/overlay2/x/merged"]?.word == "unknown")
        #expect(byPoint["/mnt/image"] == .unknown("loop7 is a loop device; the file behind it is not inspected"))
        // dm-verity checks integrity and encrypts nothing.
        #expect(byPoint["/opt"] == .notEncrypted("dm-1 (VERITY) on sdc is not on dm-crypt"))
        #expect(facts.everyFilesystemEncrypted == .known(false))
    }

    @Test func weakPasswordPolicy() throws {
        let tree = try Self.ubuntuLuks()
        defer { tree.remove() }
        // Each class earns a credit, so a 6-character minimum accepts 3 characters of 3 classes (3 + 3 credits).
        try tree.file("etc/security/pwquality.conf", "# weak\nminlen = 4\ndcredit = 1\nucredit = 1\nlcredit = 1\nocredit = 1\n")
        let facts = HostProbe(root: tree.root).inspect()
        let settings = try #require(facts.passwordPolicy.pwquality.value)
        #expect(settings.minlen == .known(6), "libpwquality raises a minlen under 6 to 6")
        #expect(settings.files == ["etc/security/pwquality.conf"])
        #expect(HostDeviceFacts(facts).passcode == PasscodeFacts(isSet: true, length: 3, digits: 0))
    }

    @Test func strongPasswordPolicyFromTheDropInFolder() throws {
        let tree = try Self.ubuntuLuks()
        defer { tree.remove() }
        try tree.file("etc/security/pwquality.conf", "# minlen = 8\n# dcredit = 0\n")
        try tree.file("etc/security/pwquality.conf.d/50-company.conf",
                      "minlen = 14   # company standard\ndcredit = -1\nucredit=-1\n lcredit = -2\nocredit = -1\n")
        try tree.file("etc/security/pwquality.conf.d/10-vendor.conf", "minlen = 9\nminclass = 3\n")
        try tree.file("etc/security/pwquality.conf.d/README", "minlen = 1\n")
        let facts = HostProbe(root: tree.root).inspect()
        let settings = try #require(facts.passwordPolicy.pwquality.value)
        #expect(settings.files == ["etc/security/pwquality.conf.d/10-vendor.conf", "etc/security/pwquality.conf.d/50-company.conf",
                                   "etc/security/pwquality.conf"])
        #expect(settings.minlen == .known(14))
        #expect(settings.minclass == .known(3))
        let password = try #require(HostDeviceFacts(facts).passcode)
        #expect(password == PasscodeFacts(isSet: true, length: 14, digits: 1, lowercase: 2, uppercase: 1, symbols: 1))
        var policy = CompliancePolicy(id: "pol-linux", displayName: "Linux", platform: .linux, assignedGroups: [])
        policy.passwordMinimumLength = 12
        policy.passwordMinimumDigits = 1
        policy.passwordMinimumUpperCase = 1
        policy.passwordMinimumLowerCase = 1
        policy.passwordMinimumSymbols = 1
        let device = HostDeviceFacts(facts).applied(to: ManagedDevice(
            id: "dev-1", userId: "usr-1", userPrincipalName: "a@example.com", deviceName: "",
            managedDeviceOwnerType: .company, enrolledDateTime: Date(timeIntervalSince1970: 0), lastSyncDateTime: Date(timeIntervalSince1970: 0),
            operatingSystem: .linux, osVersion: "", isEncrypted: nil, model: "", manufacturer: "", serialNumber: "", passcode: nil))
        let evaluation = ComplianceEvaluator().evaluate(device, policies: [policy], now: Date(timeIntervalSince1970: 0))
        #expect(evaluation.failures.isEmpty)
        #expect(evaluation.results.count == 5)
    }

    @Test func mainPwqualityFileIsReadLastAndBadValuesAreUnknown() {
        let settings = PwqualitySettings.parse([
            ConfigFile(name: "d/1.conf", text: "minlen = 20\nocredit = many\n"),
            ConfigFile(name: "main", text: "minlen = 10\r\nminclass = 9\r\n"),
        ])
        #expect(settings.minlen == .known(10))
        #expect(settings.minclass == .known(4))
        #expect(settings.ocredit == .unknown("d/1.conf line 2: ocredit \"many\" is not a whole number"))
        #expect(HostDeviceFacts.weakestPassword(settings) == nil, "an unknown setting leaves the password unknown")
    }

    @Test func minclassFourRequiresEveryClass() {
        let settings = PwqualitySettings.parse([ConfigFile(name: "main", text: "minlen = 8\nminclass = 4\n")])
        #expect(HostDeviceFacts.weakestPassword(settings) == PasscodeFacts(isSet: true, length: 8, digits: 1, lowercase: 1, uppercase: 1, symbols: 1))
        let extreme = PwqualitySettings.parse([ConfigFile(name: "main", text: "minlen = \(Int.max)\ndcredit = \(Int.min)\nucredit = \(Int.max)\n")])
        #expect(HostDeviceFacts.weakestPassword(extreme)?.digits == Int.max)
    }

    @Test func unreadableFilesBecomeUnknownWithTheReason() throws {
        let tree = try HostTree()
        defer { tree.remove() }
        try tree.fifo("etc/os-release")
        try tree.file("usr/lib/os-release", Self.ubuntu2204)
        try tree.folder("etc/hostname")
        try tree.link("sys/class/dmi/id/sys_vendor", to: "../../../devices/virtual/dmi/id/sys_vendor")
        try tree.fifo("sys/class/dmi/id/product_name")
        try tree.fifo("etc/security/pwquality.conf")
        try tree.link("etc/login.defs", to: "/etc/login.defs.missing")
        try tree.file("proc/self/mounts", "/dev/mapper/secret / ext4 rw 0 0\n/dev/mapper/gone /data ext4 rw 0 0\n")
        try tree.dm("dm-0", name: "secret", uuid: "CRYPT-LUKS2-cc-secret", slaves: ["sda2"])
        try tree.fifo("sys/devices/virtual/block/dm-0/dm/uuid.fifo")
        let facts = HostProbe(root: tree.root).inspect()
        // An unreadable etc/os-release is reported, not skipped for usr/lib's.
        #expect(facts.distributionId == .unknown("etc/os-release: not a regular file (a FIFO)"))
        #expect(facts.hostName == .unknown("etc/hostname: not a regular file (a folder)"))
        #expect(facts.vendor == .unknown("sys/class/dmi/id/sys_vendor: not found (a symbolic link to nothing)"))
        #expect(facts.model == .unknown("sys/class/dmi/id/product_name: not a regular file (a FIFO)"))
        #expect(facts.passwordPolicy.pwquality == .unknown("etc/security/pwquality.conf: not a regular file (a FIFO)"))
        #expect(facts.passwordPolicy.loginDefs == .unknown("etc/login.defs: not found (a symbolic link to nothing)"))
        #expect(facts.filesystems.value?.map(\.encryption) == [
            .encrypted("dm-0 is dm-crypt (LUKS2)"), .unknown("no device-mapper device named gone in sys/block"),
        ])
        #expect(facts.everyFilesystemEncrypted == .unknown("/data: no device-mapper device named gone in sys/block"))
    }

    @Test func aFifoUuidAndAHugeFileDoNotHang() throws {
        let tree = try HostTree()
        defer { tree.remove() }
        try tree.file("etc/os-release", String(repeating: "# padding\n", count: 120_000))
        try tree.mounts(["/dev/mapper/root / ext4 rw 0 0"])
        try tree.file("sys/block/dm-0/dm/name", "root\n")
        try tree.fifo("sys/block/dm-0/dm/uuid")
        let facts = HostProbe(root: tree.root).inspect()
        #expect(facts.distributionId == .unknown("etc/os-release: larger than 1 MiB"))
        #expect(facts.filesystems.value?.first?.encryption == .unknown("sys/block/dm-0/dm/uuid: not a regular file (a FIFO)"))
    }

    @Test func nothingAtAllIsUnknownEverywhere() throws {
        let tree = try HostTree()
        defer { tree.remove() }
        let facts = HostProbe(root: tree.root).inspect()
        #expect(facts.distributionId == .unknown("etc/os-release and usr/lib/os-release: not found"))
        #expect(facts.hostName == .unknown("etc/hostname: not found; proc/sys/kernel/hostname: not found"))
        #expect(facts.filesystems == .unknown("proc/self/mounts and proc/mounts: not found"))
        let device = HostDeviceFacts(facts)
        #expect(device.distribution == nil && device.isEncrypted == nil && device.passcode == nil && device.osVersion == "")
    }

    /// Absolute links and `..` resolve inside the root, never to this machine's files.
    @Test func linksStayInsideTheRoot() throws {
        let tree = try HostTree()
        defer { tree.remove() }
        try tree.file("usr/lib/os-release", "ID=fixture\nVERSION_ID=1\n")
        try tree.link("etc/os-release", to: "/usr/lib/os-release")
        try tree.link("etc/hostname", to: "../../../../../../../etc/hostname.real")
        try tree.file("etc/hostname.real", "# comment\n\n  inside  \n")
        try tree.link("etc/login.defs", to: "login.defs")
        let facts = HostProbe(root: tree.root).inspect()
        #expect(facts.distributionId == .known("fixture"))
        #expect(facts.hostName == .known("inside"))
        #expect(facts.passwordPolicy.loginDefs == .unknown("etc/login.defs: too many symbolic links"))
    }

    @Test func otherDistributionsHaveNoComplianceType() throws {
        let tree = try HostTree()
        defer { tree.remove() }
        try tree.file("etc/os-release", "ID=rocky\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.4\"\nPRETTY_NAME=\"Rocky Linux 9.4 (Blue Onyx)\"\n")
        let device = HostDeviceFacts(HostProbe(root: tree.root).inspect())
        // Rocky is not RHEL because its ID_LIKE says so: reported under its own name.
        #expect(device.distribution == LinuxDistribution(type: .other, version: "9.4", prettyName: "Rocky Linux 9.4 (Blue Onyx)"))
        #expect(device.distribution?.reportedName == "Rocky Linux 9.4 (Blue Onyx)")
        #expect(device.osVersion == "9.4")
    }

    /// The real machine: the probe reads the same os-release the shell does.
    @Test func liveMachineMatchesTheShell() throws {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", ". /etc/os-release 2>/dev/null || . /usr/lib/os-release; printf '%s\\n%s\\n' \"$ID\" \"$VERSION_ID\""]
        let pipe = Pipe()
        shell.standardOutput = pipe
        try shell.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let facts = HostProbe().inspect()
        #expect(facts.distributionId.value ?? "" == lines[0])
        #expect(facts.versionId.value ?? "" == lines[1])
        #expect(facts.filesystems.value != nil, "this machine's mount table is readable")
    }
}
