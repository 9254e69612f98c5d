import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads files below a root folder as if it were `/`: symbolic links are
/// followed inside the root (an absolute target starts again at the root), so
/// a fixture tree or a mounted disk image never leads out to this machine's
/// files. Reads are bounded: regular files only, opened non-blocking, at most
/// `limit` bytes, so a FIFO or a huge file cannot hang or exhaust the probe.
struct RootedFiles {
    let root: String
    var limit = 1 << 20

    init(root: URL) {
        var path = root.standardizedFileURL.path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        self.root = path == "/" ? "" : path
    }

    /// Why a path could not be read, worded to follow "path: ".
    struct Failure: Error, Equatable {
        var reason: String
        var isMissing = false

        static let missing = Failure(reason: "not found", isMissing: true)
    }

    /// Links followed before giving up, as the kernel's own limit.
    private static let maximumLinks = 40

    /// The real path of `relative` (`etc/os-release`) inside the root.
    func resolve(_ relative: String) -> Result<String, Failure> {
        var queue = relative.split(separator: "/").map(String.init)
        var current: [String] = []
        var links = 0
        while !queue.isEmpty {
            let component = queue.removeFirst()
            if component.isEmpty || component == "." { continue }
            if component == ".." { _ = current.popLast(); continue }
            let candidate = root + "/" + (current + [component]).joined(separator: "/")
            var info = stat()
            guard lstat(candidate, &info) == 0 else {
                let code = errno
                if code == ENOENT || code == ENOTDIR {
                    return .failure(links > 0 ? Failure(reason: "not found (a symbolic link to nothing)", isMissing: true) : .missing)
                }
                return .failure(Failure(reason: String(cString: strerror(code))))
            }
            guard info.st_mode & S_IFMT == S_IFLNK else {
                current.append(component)
                continue
            }
            links += 1
            guard links <= Self.maximumLinks else { return .failure(Failure(reason: "too many symbolic links")) }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(candidate, &buffer, buffer.count - 1)
            guard count >= 0 else { return .failure(Failure(reason: String(cString: strerror(errno)))) }
            let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("/") { current = [] }
            queue = target.split(separator: "/").map(String.init) + queue
        }
        return .success(root + "/" + current.joined(separator: "/"))
    }

    /// The text of a regular file, decoded as UTF-8 with bad bytes replaced;
    /// `limit` overrides the usual bound for a file that is long on a real host.
    func text(_ relative: String, limit: Int? = nil) -> Result<String, Failure> {
        let limit = limit ?? self.limit
        let path: String
        switch resolve(relative) {
        case let .success(resolved): path = resolved
        case let .failure(failure): return .failure(failure)
        }
        // Look before opening, so a device node is never opened (opening a
        // tape or a terminal can act); fstat below decides after opening.
        var info = stat()
        guard lstat(path, &info) == 0 else { return .failure(.missing) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(Self.notRegular(info.st_mode)) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { return .failure(Failure(reason: String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0 else { return .failure(Failure(reason: String(cString: strerror(errno)))) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(Self.notRegular(info.st_mode)) }
        // proc and sys files say 0 or 4096 whatever they hold, so the loop still counts.
        if info.st_size > limit { return .failure(Failure(reason: "larger than \(Self.size(limit))")) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(reason: String(cString: strerror(errno))))
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
            if bytes.count > limit { return .failure(Failure(reason: "larger than \(Self.size(limit))")) }
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    /// The names in a folder, sorted by their bytes (as ASCII order), at most
    /// 4096 of them.
    func list(_ relative: String) -> Result<[String], Failure> {
        let path: String
        switch resolve(relative) {
        case let .success(resolved): path = resolved
        case let .failure(failure): return .failure(failure)
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { return .failure(.missing) }
        guard info.st_mode & S_IFMT == S_IFDIR else { return .failure(Failure(reason: "not a folder")) }
        guard let folder = opendir(path) else { return .failure(Failure(reason: String(cString: strerror(errno)))) }
        defer { closedir(folder) }
        var names: [String] = []
        while names.count < 4096, let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return .success(names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }

    private static func size(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes / 1024) KiB"
    }

    private static func notRegular(_ mode: mode_t) -> Failure {
        let kind: String
        switch mode & S_IFMT {
        case S_IFDIR: kind = "a folder"
        case S_IFIFO: kind = "a FIFO"
        case S_IFSOCK: kind = "a socket"
        case S_IFCHR, S_IFBLK: kind = "a device"
        default: kind = "something else"
        }
        return Failure(reason: "not a regular file (\(kind))")
    }
}
