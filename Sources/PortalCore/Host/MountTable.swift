import Foundation

/// One line of /proc/self/mounts (fstab(5) format).
public struct MountEntry: Sendable, Equatable {
    public var source: String
    public var mountPoint: String
    public var type: String
    public var options: [String]

    public init(source: String, mountPoint: String, type: String, options: [String]) {
        self.source = source
        self.mountPoint = mountPoint
        self.type = type
        self.options = options
    }

    public var isReadOnly: Bool { options.contains("ro") }
}

public enum MountTable {
    /// The entries in order; a line with fewer than four fields is skipped.
    /// The kernel writes space, tab, newline and backslash in names as octal
    /// escapes (`\040`), which are decoded here.
    public static func parse(_ text: String) -> [MountEntry] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 4 else { return nil }
            return MountEntry(source: unescape(fields[0]), mountPoint: unescape(fields[1]), type: unescape(fields[2]),
                              options: fields[3].split(separator: ",").map(String.init))
        }
    }

    /// The filesystem visible at each mount point: a later mount on the same
    /// point hides the earlier one.
    public static func visible(_ entries: [MountEntry]) -> [MountEntry] {
        var last: [String: Int] = [:]
        for (index, entry) in entries.enumerated() { last[entry.mountPoint] = index }
        return entries.enumerated().filter { last[$0.element.mountPoint] == $0.offset }.map(\.element)
    }

    static func unescape(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(field.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "\\"), index + 3 < utf8.count {
                let digits = utf8[(index + 1)...(index + 3)]
                if digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "7")).contains($0) }) {
                    let value = digits.reduce(0) { $0 * 8 + Int($1 - UInt8(ascii: "0")) }
                    if value <= 0xFF {
                        bytes.append(UInt8(value))
                        index += 4
                        continue
                    }
                }
            }
            bytes.append(utf8[index])
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
