import Foundation

extension Tmux {
    /// Appends every byte the pane's programs write to `file`, as the
    /// terminal receives them, until `stopRecording`.
    func record(to file: URL) throws {
        try tmux(["pipe-pane", "-o", "-t", session, "cat >> '\(file.path)'"])
    }

    func stopRecording() throws {
        try tmux(["pipe-pane", "-t", session])
    }

    /// Polls until the pane shows `expected` row for row (compared by
    /// `normalize`), returning the last screen either way.
    func waitForScreen(_ expected: [String], normalize: (String) -> String, seconds: Double = 30) throws -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        var rows: [String] = []
        while Date() < deadline {
            rows = try screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if rows.count > expected.count, rows.last == "" { rows.removeLast() }
            if rows.map(normalize) == expected.map(normalize) { return rows }
            usleep(100_000)
        }
        return rows
    }
}
