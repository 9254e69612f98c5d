import Foundation

/// A host's files built in a temporary folder for one test: the parts of
/// etc/, proc/ and sys/ the probe reads, with sysfs's symbolic links.
struct HostTree {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("portal-host-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    @discardableResult
    func file(_ path: String, _ text: String) throws -> HostTree {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return self
    }

    func folder(_ path: String) throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent(path), withIntermediateDirectories: true)
    }

    func link(_ path: String, to target: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    func fifo(_ path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard mkfifo(url.path, 0o644) == 0 else { throw POSIXError(.EIO) }
    }

    /// A device-mapper device as sysfs shows it: sys/block/dm-N a link into
    /// devices/virtual/block, with dm/name, dm/uuid and slaves/ links.
    func dm(_ device: String, name: String, uuid: String, slaves: [String]) throws {
        let real = "sys/devices/virtual/block/\(device)"
        try file("\(real)/dm/name", name + "\n")
        try file("\(real)/dm/uuid", uuid + "\n")
        try folder("\(real)/slaves")
        for slave in slaves {
            let target = slave.hasPrefix("dm-") ? "../../\(slave)" : "../../../../pci0000:00/block/\(slave)"
            try link("\(real)/slaves/\(slave)", to: target)
        }
        try link("sys/block/\(device)", to: "../devices/virtual/block/\(device)")
    }

    /// /proc/self is a link to the process's folder, as in procfs.
    func mounts(_ lines: [String]) throws {
        try file("proc/1234/mounts", lines.joined(separator: "\n") + "\n")
        try link("proc/self", to: "1234")
    }

    func osRelease(_ text: String) throws {
        // Distributions ship it in usr/lib with a relative link from etc.
        try file("usr/lib/os-release", text)
        try link("etc/os-release", to: "../usr/lib/os-release")
    }

    func dmi(vendor: String, product: String) throws {
        try file("sys/devices/virtual/dmi/id/sys_vendor", vendor + "\n")
        try file("sys/devices/virtual/dmi/id/product_name", product + "\n")
        try link("sys/class/dmi", to: "../devices/virtual/dmi")
    }
}

/// The virtual filesystems every real mount table has, which never count.
let virtualMounts = [
    "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0",
    "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0",
    "udev /dev devtmpfs rw,nosuid,relatime,size=8000000k,nr_inodes=2000000,mode=755 0 0",
    "devpts /dev/pts devpts rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000 0 0",
    "tmpfs /run tmpfs rw,nosuid,nodev,noexec,relatime,size=1600000k,mode=755 0 0",
    "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime 0 0",
    "/dev/loop3 /snap/core22/1612 squashfs ro,nodev,relatime,errors=continue 0 0",
]
