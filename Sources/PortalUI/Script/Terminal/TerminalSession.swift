import Foundation
import PortalCore
import PortalStore

/// The real binary (`portal run`, or `portal kiosk` for a script with the
/// `kiosk` header) in a private tmux pane, pinned as the headless runner
/// pins a script: its own copy of the store, the theme, size, time zone,
/// mouse and host, and a virtual clock it moves through a control folder.
/// Every input waits until the program says it has taken it and is idle.
final class TerminalSession {
    struct StepError: Error {
        var message: String
    }

    let folder: URL
    let tmux: Tmux
    let timeout: TimeInterval
    private var sequence = 0
    private var now: Date
    /// Input events the program had taken at the last acknowledgement.
    private var taken = 0
    /// The process that wrote the last status.
    private var process: Int32 = 0

    init(script: ScreenScript, portal: URL, timeout: TimeInterval) throws {
        self.timeout = timeout
        now = script.clock
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-terminal-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = folder.appendingPathComponent("store.json")
        var world = ScriptedWorld(seed: ScriptRunner.secretSeed, storeShownAs: nil, hostFolder: nil, hostFacts: nil)
        switch script.store {
        case .demo:
            // The file store refuses the headless fixtures' cheap hashes; the
            // cheapest it takes changes no screen.
            try StoreCodec.encode(ScriptRunner.demo(script, iterations: PasswordHash.allowedIterations.lowerBound)).write(to: store)
        case let .file(path):
            // A copy: the script's own file is never written.
            try FileManager.default.copyItem(at: ScriptRunner.relative(script, path), to: store)
            world.storeShownAs = path
        }
        if let host = script.host {
            let url = ScriptRunner.relative(script, host).standardizedFileURL
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                world.hostFolder = url.path
            } else {
                world.hostFacts = url.path
            }
        }
        try JSONEncoder().encode(world).write(to: ScriptedWorld.url(in: folder))
        try ScriptControl.clockLine(sequence: 0, date: now).write(to: ScriptControl.clockURL(in: folder), atomically: true, encoding: .utf8)

        let program = try script.kiosk.map { ["kiosk"] + (try $0.commandArguments(script)) } ?? ["run"]
        var command = ["env", "-i", "PATH=/usr/local/bin:/usr/bin:/bin", "HOME=\(folder.path)", "TERM=\(Self.terminalType)",
                       "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=\(script.timeZone.identifier)",
                       portal.path] + program + ["--store", store.path, "--theme", script.theme, "--script-control", folder.path]
        if !script.mouse { command.append("--no-mouse") }
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        tmux = try Tmux(width: script.size.width, height: script.size.height, command: command, directory: here, keepDeadPane: true)
        try acknowledged("start") { $0.idle }
    }

    deinit {
        _ = try? tmux.tmux(["kill-server"])
        try? FileManager.default.removeItem(at: folder)
    }

    /// tmux's own terminal type, so the keys it sends are the ones curses
    /// expects; screen's where tmux's is not installed.
    static let terminalType: String = {
        let folders = ["/usr/share/terminfo", "/lib/terminfo", "/etc/terminfo", "/usr/lib/terminfo"]
        let found = folders.contains { FileManager.default.fileExists(atPath: "\($0)/t/tmux-256color") }
        return found ? "tmux-256color" : "screen-256color"
    }()

    // MARK: inputs

    func press(_ key: Key) throws {
        switch key {
        case let .character(character): try tmux.type(Self.literal(String(character)))
        default: try tmux.press(Self.tmuxName(of: key))
        }
        try taking(1, "take the key \(key.name)")
    }

    func type(_ text: String) throws {
        try tmux.type(Self.literal(text))
        // curses reads one event a code point.
        try taking(text.unicodeScalars.count, "take the typed text")
    }

    /// A click is a press and a release, sent as a terminal sends them in
    /// the mouse mode the program asked for (SGR 1006, else the X10 bytes),
    /// and only when it asked for mouse reports: a terminal whose mouse is
    /// off sends nothing.
    func click(x: Int, y: Int) throws {
        let modes = try tmux.format("#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag} #{mouse_sgr_flag}")
        guard modes.split(separator: " ").first?.contains("1") == true else { return }
        for release in [false, true] {
            let bytes = modes.hasSuffix("1") ? Array("\u{1B}[<0;\(x + 1);\(y + 1)\(release ? "m" : "M")".utf8)
                : [0x1B, 0x5B, 0x4D, release ? 35 : 32, UInt8(clamping: 33 + x), UInt8(clamping: 33 + y)]
            try tmux.tmux(["send-keys", "-t", tmux.session, "-H"] + bytes.map { String(format: "%02x", $0) })
        }
        try taking(1, "take the click")
    }

    func resize(_ size: Size) throws {
        try tmux.tmux(["resize-window", "-t", tmux.session, "-x", "\(size.width)", "-y", "\(size.height)"])
        try acknowledged("redraw at \(size)") { $0.size == size && $0.idle }
    }

    func wait(_ seconds: TimeInterval) throws {
        sequence += 1
        now = now.addingTimeInterval(seconds)
        try ScriptControl.clockLine(sequence: sequence, date: now)
            .write(to: ScriptControl.clockURL(in: folder), atomically: true, encoding: .utf8)
        let wanted = sequence
        try acknowledged("act on the clock moving") { $0.clock >= wanted && $0.idle }
    }

    /// The program starts again on the same store and clock, as after a quit.
    func restart() throws {
        let old = process
        process = -1
        try tmux.tmux(["respawn-pane", "-k", "-t", tmux.session])
        try acknowledged("start again") { $0.process != old && $0.idle }
    }

    // MARK: the screen

    /// The pane once the program's frame has reached it: at once when it
    /// shows `expected` (the headless screen), else once two captures agree.
    func screen(expected: String? = nil) throws -> TerminalScreen {
        var last = try TerminalScreen.capture(tmux)
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline, last.snapshot != expected {
            usleep(20_000)
            let next = try TerminalScreen.capture(tmux)
            if next == last { break }
            last = next
        }
        return last
    }

    // MARK: acknowledgements

    private func taking(_ count: Int, _ what: String) throws {
        let wanted = taken + count
        try acknowledged(what) { $0.inputs >= wanted && $0.idle }
    }

    /// Polls the status file until `done` (or the program has quit); the
    /// inputs it reports become the count the next input adds to.
    private func acknowledged(_ what: String, _ done: (ScriptControl.Status) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var last: ScriptControl.Status?
        while true {
            if let text = try? String(contentsOf: ScriptControl.statusURL(in: folder), encoding: .utf8),
               let status = ScriptControl.Status(line: text) {
                last = status
                if (status.finished && status.process == process) || done(status) {
                    taken = status.inputs
                    process = status.process
                    return
                }
            }
            if Date() >= deadline { break }
            usleep(2_000)
        }
        let dead = (try? tmux.format("#{pane_dead}")) == "1"
        throw StepError(message: "the portal did not \(what) within \(Int(timeout)) s"
                        + (dead ? " (it exited)" : "") + "; its last status: \(last?.line.trimmingCharacters(in: .newlines) ?? "none")")
    }

    // MARK: keys

    /// tmux reads an argument ending in ";" as the end of a command.
    static func literal(_ text: String) -> String {
        text.hasSuffix(";") ? String(text.dropLast()) + "\\;" : text
    }

    static func tmuxName(of key: Key) -> String {
        switch key {
        case let .character(character): String(character)
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "BTab"
        case .escape: "Escape"
        case .backspace: "BSpace"
        case .delete: "DC"
        case .insert: "IC"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PPage"
        case .pageDown: "NPage"
        case .home: "Home"
        case .end: "End"
        case let .function(number): "F\(number)"
        case let .control(letter): "C-\(letter.lowercased())"
        }
    }
}
