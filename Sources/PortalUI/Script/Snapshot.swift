import Foundation

/// The golden file format: a header with size and cursor, then each row
/// right-trimmed.
public enum Snapshot {
    public static func text(of buffer: CellBuffer) -> String {
        let cursor = buffer.cursor.map { "\($0.x),\($0.y)" } ?? "hidden"
        return "size \(buffer.size) cursor \(cursor)\n" + buffer.text + "\n"
    }

    /// A line diff: "-" rows are expected, "+" rows are what the screen shows.
    public static func diff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lines: [String] = []
        for index in 0..<max(old.count, new.count) {
            let left = index < old.count ? old[index] : nil
            let right = index < new.count ? new[index] : nil
            if left == right { continue }
            if let left { lines.append(String(format: "-%3d|", index) + left) }
            if let right { lines.append(String(format: "+%3d|", index) + right) }
        }
        return lines.joined(separator: "\n")
    }
}
