import Foundation

/// What a tmux pane shows, in the golden file's terms: its size, its cursor
/// and its rows right-trimmed, so a terminal run compares with the goldens
/// the headless runner writes.
struct TerminalScreen: Equatable {
    var size: Size
    var cursor: Point?
    var rows: [String]
    /// The program has exited and the pane shows what it left.
    var isDead: Bool

    var text: String { rows.joined(separator: "\n") }

    var snapshot: String {
        let cursor = cursor.map { "\($0.x),\($0.y)" } ?? "hidden"
        return "size \(size) cursor \(cursor)\n" + text + "\n"
    }

    /// The header, then each row after its number, as failures show screens.
    var numbered: String {
        let lines = snapshot.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result = [lines[0]]
        for (row, line) in lines.dropFirst().prefix(size.height).enumerated() {
            result.append(String(repeating: " ", count: max(0, 3 - String(row).count)) + "\(row)|" + line)
        }
        return result.joined(separator: "\n")
    }

    /// The format `capture` asks tmux for ahead of the pane's text.
    static let format = "#{pane_width}x#{pane_height} #{cursor_flag} #{cursor_x},#{cursor_y} #{pane_dead}"

    /// One tmux call: the pane's size, cursor and state, then its text.
    static func capture(_ tmux: Tmux) throws -> TerminalScreen {
        let output = try tmux.tmux(["display-message", "-p", "-t", tmux.session, format, ";",
                                    "capture-pane", "-p", "-t", tmux.session])
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let fields = lines.removeFirst().split(separator: " ").map(String.init)
        guard fields.count == 4, let size = Size(fields[0]) else { throw TmuxError(message: "tmux did not describe the pane: \(output)") }
        let cursor = fields[2].split(separator: ",").compactMap { Int($0) }
        var rows = lines.prefix(size.height).map { line in
            var line = line
            while line.last == " " { line.removeLast() }
            return line
        }
        rows += Array(repeating: "", count: max(0, size.height - rows.count))
        return TerminalScreen(size: size, cursor: fields[1] == "1" && cursor.count == 2 ? Point(x: cursor[0], y: cursor[1]) : nil,
                              rows: rows, isDead: fields[3] == "1")
    }
}
