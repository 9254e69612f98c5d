import ArgumentParser
import Foundation
import PortalCore
import PortalCurses
import PortalUI

/// `portal screens record NAME`: the portal in this terminal, and what the
/// person does written to `Screens/NAME.screen`, goldens included.
struct RecordScript: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "record",
                             abstract: "Record what you do in the portal as Screens/NAME.screen, with a snapshot at each press of the snapshot key (F12), then write its goldens.")
    }

    @Argument(help: ArgumentHelp("The script's name: letters, digits, - and _ (written to Screens/NAME.screen).", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("A store file for the script to start from (default: the demo organization). It is read, never written.", valueName: "path"))
    var store: String?

    @Option(help: ArgumentHelp("A theme name (\(ThemeCatalog.builtInNames.joined(separator: ", "))) or a path to a theme file.", valueName: "name|path"))
    var theme = "default"

    @Option(name: .customLong("snapshot-key"), help: ArgumentHelp("The key that takes a snapshot: F1-F12, Ctrl+A-Z or another named key the portal does not use.", valueName: "key"))
    var snapshotKey = "F12"

    @Option(help: ArgumentHelp("The script's virtual clock at the start (ISO-8601).", valueName: "time"))
    var clock = "2026-11-22T09:00:00Z"

    @Flag(name: .customLong("no-mouse"), help: "Record without the mouse (the script says mouse off).")
    var noMouse = false

    @Flag(help: "Replace Screens/NAME.screen if it exists.")
    var force = false

    static let folder = URL(fileURLWithPath: "Screens")

    func validate() throws {
        guard !name.isEmpty, name.count <= 100, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw ValidationError("NAME must be 1 to 100 letters, digits, - and _ (it becomes Screens/NAME.screen), not \"\(InertText.escaped(name))\"")
        }
        guard let key = Key(name: snapshotKey) else {
            throw ValidationError("--snapshot-key: unknown key \"\(InertText.escaped(snapshotKey))\"; use F1-F12, Ctrl+A-Z or a named key such as Insert")
        }
        if case .character = key {
            throw ValidationError("--snapshot-key: \"\(InertText.escaped(snapshotKey))\" types text; use a function key (F12) or a Ctrl key")
        }
        if key == .control("c") { throw ValidationError("--snapshot-key: Ctrl+C quits the portal; choose another key") }
        guard (try? Date(clock, strategy: .iso8601)) != nil else {
            throw ValidationError("--clock: bad time \"\(InertText.escaped(clock))\"; write an ISO-8601 time such as 2026-11-22T09:00:00Z")
        }
    }

    func run() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: Self.folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            printError("portal: no Screens/ folder here; run from the project folder")
            throw ExitCode(2)
        }
        let file = Self.folder.appendingPathComponent("\(name).screen")
        if FileManager.default.fileExists(atPath: file.path) && !force {
            printError("portal: \(file.relativePath) exists; pass --force to replace it")
            throw ExitCode(2)
        }
        let chosenTheme = try TerminalStart.theme(theme)
        var script = ScreenScript(file: file)
        script.theme = theme
        script.clock = (try? Date(clock, strategy: .iso8601)) ?? script.clock
        script.mouse = !noMouse
        if let store { script.store = .file(Self.relativeToScreens(store)) }
        let recorder: ScriptRecorder
        do {
            recorder = try ScriptRecorder(script: script, snapshotKey: Key(name: snapshotKey) ?? .function(12), labelPrefix: name)
        } catch {
            printError("portal: \(error.message)")
            throw ExitCode(2)
        }
        guard CursesBackend.hasTerminal else {
            printError("portal: \(CursesBackend.StartError.notATerminal)")
            throw ExitCode(2)
        }
        // Stays on the shell's screen, to be read after the recording.
        print("recording \(file.relativePath): press \(snapshotKey) for a snapshot; quit the portal (q, F10 or Ctrl+C) to finish")
        let backend = try TerminalStart.backend(theme: chosenTheme, mouse: !noMouse)
        recorder.run(on: backend)
        backend.shutdown()
        do {
            try recorder.recording.text.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            printError("portal: cannot write \(file.relativePath): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        print("recorded \(file.relativePath): \(recorder.snapshots.count) snapshot\(recorder.snapshots.count == 1 ? "" : "s")")
        let code = Self.writeGoldens(file: file, recorded: recorder.snapshots)
        if let signal = recorder.signal { throw ExitCode(128 + signal) }
        if code != 0 { throw ExitCode(code) }
    }

    /// Replays the recording headless with --update, and checks that every
    /// golden shows what the screen showed when its snapshot was taken.
    static func writeGoldens(file: URL, recorded: [(label: String, screen: CellBuffer)]) -> Int32 {
        let report = ScriptBatch(runner: ScriptRunner(updateGoldens: true)).run([file])
        for line in report.lines {
            if line.toStandardError { printError(line.text) } else { print(line.text) }
        }
        guard report.exitCode == 0 else { return report.exitCode }
        var script = ScreenScript(file: file)
        var differing: [String] = []
        for (label, screen) in recorded {
            script.file = file
            let golden = try? String(contentsOf: script.goldenURL(label: label), encoding: .utf8)
            if golden != Snapshot.text(of: screen) { differing.append(label) }
        }
        if !differing.isEmpty {
            printError("portal: the replay differs from the recording at \(differing.joined(separator: ", ")); please report this")
            return 1
        }
        return 0
    }

    /// Scripts name their store relative to their own folder.
    static func relativeToScreens(_ path: String) -> String {
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let base = URL(fileURLWithPath: folder.path).standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        return (Array(repeating: "..", count: base.count - common) + target[common...]).joined(separator: "/")
    }
}
