import Foundation

/// A private tmux server with one pane, for driving the real binary the way
/// a person would: `screens run --terminal` and the end-to-end tests use it.
public final class Tmux {
    public let socket = "portal-e2e-\(UUID().uuidString.prefix(8))"
    public let session = "e2e"

    /// An 80x24 (or other) pane running a shell with TERM, LANG and TZ pinned.
    public convenience init(width: Int = 80, height: Int = 24) throws {
        try self.init(width: width, height: height,
                      command: ["env", "-u", "NO_COLOR", "TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC", "PS1=e2e$ ", "sh"])
        try waitFor("e2e$")
    }

    /// A pane running `command`; with `keepDeadPane` the pane stays, showing
    /// what the command left, after it exits (so it can be respawned).
    public init(width: Int, height: Int, command: [String], directory: URL? = nil, keepDeadPane: Bool = false) throws {
        var arguments = ["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)"]
        if let directory { arguments += ["-c", directory.path] }
        // The option must hold before the command can exit, so it is set in
        // the same tmux call that starts the server.
        if keepDeadPane { arguments = ["-f", "/dev/null", "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";"] + arguments.dropFirst(2) }
        try tmux(arguments + command)
    }

    deinit { _ = try? tmux(["kill-server"]) }

    @discardableResult
    public func tmux(_ arguments: [String]) throws -> String {
        let result = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["tmux", "-L", socket] + arguments)
        guard result.status == 0 else { throw TmuxError(message: "tmux \(arguments.joined(separator: " ")): \(result.error)") }
        return result.output
    }

    /// Types text as is; "--" keeps text that starts with "-" from reading as flags.
    public func type(_ text: String) throws { try tmux(["send-keys", "-t", session, "-l", "--", text]) }
    public func press(_ keys: String...) throws { try tmux(["send-keys", "-t", session] + keys) }
    public func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", session]) }
    public func format(_ variable: String) throws -> String {
        try tmux(["display-message", "-p", "-t", session, variable]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `text` shows up, failing after `seconds`.
    @discardableResult
    public func waitFor(_ text: String, seconds: Double = 30) throws -> String {
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

public struct TmuxError: Error, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
