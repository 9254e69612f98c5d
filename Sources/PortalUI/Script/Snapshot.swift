import Foundation
import PortalCore

/// The golden file format: a header with size and cursor, then each row
/// right-trimmed. Rows are numbered from 0 wherever they are shown, as
/// `expect-row` and `click` count them.
public enum Snapshot {
    public static func text(of buffer: CellBuffer) -> String {
        let cursor = buffer.cursor.map { "\($0.x),\($0.y)" } ?? "hidden"
        return "size \(buffer.size) cursor \(cursor)\n" + buffer.text + "\n"
    }

    /// A screen for a failure message: the header, then each row after its number.
    public static func numbered(_ buffer: CellBuffer) -> String {
        let lines = text(of: buffer).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result = [lines[0]]
        for (row, line) in lines.dropFirst().prefix(buffer.size.height).enumerated() {
            result.append(rowLabel("", row) + line)
        }
        return result.joined(separator: "\n")
    }

    /// A line diff: "-" rows are expected, "+" rows are what the screen shows.
    /// The header line is marked `hdr`, screen rows by their 0-based number.
    public static func diff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lines: [String] = []
        for index in 0..<max(old.count, new.count) {
            let left = index < old.count ? old[index] : nil
            let right = index < new.count ? new[index] : nil
            if left == right { continue }
            let label = { (sign: String) in index == 0 ? sign + "hdr|" : rowLabel(sign, index - 1) }
            if let left { lines.append(label("-") + left) }
            if let right { lines.append(label("+") + right) }
        }
        return lines.joined(separator: "\n")
    }

    /// What a failed snapshot says: which golden, the rows that differ, how
    /// many, and how to accept the new screen when it is the right one.
    public static func mismatch(expected: String, actual: String, golden: URL, script: URL) -> String {
        let diff = diff(expected: expected, actual: actual)
        let rows = Set(diff.split(separator: "\n").map { $0.dropFirst().prefix(4) }).count
        return "the screen differs from \(golden.lastPathComponent) in \(rows) line\(rows == 1 ? "" : "s") (- golden, + screen, rows from 0):\n"
            + diff + "\nif the new screen is right: portal screens run --update \(InertText.escaped(script.relativePath))"
    }

    private static func rowLabel(_ sign: String, _ row: Int) -> String {
        sign + String(repeating: " ", count: max(0, 3 - String(row).count)) + "\(row)|"
    }
}
