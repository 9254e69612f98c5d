import Foundation

/// What the tmux monkey sends besides keys: mouse events as a terminal
/// encodes them, window resizes, and a look at whether the program still runs.
extension Tmux {
    /// Raw bytes into the pane, as a terminal would write them.
    func sendBytes(_ bytes: [UInt8]) throws {
        try tmux(["send-keys", "-t", session, "-H"] + bytes.map { String(format: "%02x", $0) })
    }

    /// An SGR (1006) mouse report, 0-based cell; `button` 0 is the left
    /// button, 64 and 65 the wheel. A click is a press and a release.
    func mouse(button: Int, x: Int, y: Int, release: Bool) throws {
        try sendBytes(Array("\u{1B}[<\(button);\(x + 1);\(y + 1)\(release ? "m" : "M")".utf8))
    }

    func click(x: Int, y: Int) throws {
        try mouse(button: 0, x: x, y: y, release: false)
        try mouse(button: 0, x: x, y: y, release: true)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls until `accept` holds for the screen, failing after `seconds`.
    @discardableResult
    func waitUntil(_ what: String, seconds: Double = 30, _ accept: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if accept(last) { return last }
            usleep(50_000)
        }
        throw TmuxError(message: "\(what) did not happen; the screen was:\n\(last)")
    }
}
