import Foundation

/// A private tmux server with one 80x24 pane running a shell, for driving the
/// real binary the way a person would.
final class Tmux {
    let socket = "portal-e2e-\(UUID().uuidString.prefix(8))"
    let session = "e2e"

    init(width: Int = 80, height: Int = 24) throws {
        try tmux(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)",
                  "env", "-u", "NO_COLOR", "TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC", "PS1=e2e$ ", "sh"])
        try waitFor("e2e$")
    }

    deinit { _ = try? tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let result = try run(URL(fileURLWithPath: "/usr/bin/env"), ["tmux", "-L", socket] + arguments)
        guard result.status == 0 else { throw TmuxError(message: "tmux \(arguments.joined(separator: " ")): \(result.error)") }
        return result.output
    }

    func type(_ text: String) throws { try tmux(["send-keys", "-t", session, "-l", text]) }
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", session] + keys) }
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", session]) }
    func format(_ variable: String) throws -> String {
        try tmux(["display-message", "-p", "-t", session, variable]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `text` shows up, failing after `seconds`.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 30) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        throw TmuxError(message: "\"\(text)\" did not appear; the screen was:\n\(last)")
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
