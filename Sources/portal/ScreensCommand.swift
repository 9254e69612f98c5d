import ArgumentParser
import Foundation
import PortalUI

struct ScreensCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "screens", abstract: "Replay and record screen scripts.", subcommands: [RunScripts.self, RecordScript.self])
    }

    struct RunScripts: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "run",
                                 abstract: "Replay screen scripts headless, or in tmux with --terminal (all of Screens/ when none is named); exit 1 when any fails, 2 when one is malformed.")
        }

        @Flag(help: "Rewrite the golden snapshots instead of comparing with them.")
        var update = false

        @Flag(help: "Play the scripts in a real terminal: this binary in tmux, on the script's virtual clock, against the same goldens.")
        var terminal = false

        @Option(help: ArgumentHelp("Also write each script's replay as an asciicast v2 file, DIR/NAME.cast (asciinema plays it).", valueName: "dir"))
        var cast: String?

        @Option(help: ArgumentHelp("Also write each snapshot as an SVG picture in the theme's colors, DIR/NAME.LABEL.svg.", valueName: "dir"))
        var svg: String?

        @Option(help: ArgumentHelp("How long each key takes in a cast, in milliseconds (waits take what the script says).", valueName: "ms"))
        var pace = 80

        @Argument(help: ArgumentHelp("Script files (default: Screens/*.screen).", valueName: "file"))
        var files: [String] = []

        func run() throws {
            let urls: [URL]
            if files.isEmpty {
                urls = ScriptCatalog.scripts(in: URL(fileURLWithPath: "Screens"))
                if urls.isEmpty {
                    printError("portal: no Screens/*.screen here; run from the project folder or name the scripts")
                    throw ExitCode(2)
                }
            } else {
                urls = files.map { URL(fileURLWithPath: $0) }
            }
            if terminal && !Self.hasTmux {
                printError("portal: --terminal plays the scripts in tmux, which is not installed; install it (apt-get install tmux) or leave out --terminal")
                throw ExitCode(2)
            }
            if terminal && (cast != nil || svg != nil) {
                printError("portal: --cast and --svg record the headless replay; leave out --terminal")
                throw ExitCode(2)
            }
            var runner = ScriptRunner(updateGoldens: update)
            let exports = try scriptExports()
            if let exports { runner.observe = exports.observe }
            let batch = terminal ? ScriptBatch(terminal: TerminalScriptRunner(portal: Self.executable, updateGoldens: update))
                : ScriptBatch(runner: runner)
            let report = batch.run(urls)
            for line in report.lines {
                // One order in a log that takes both streams: a reason stays under its BAD line.
                if line.toStandardError { fflush(nil); printError(line.text) } else { print(line.text) }
            }
            let exportFailed = exports.map(reportExports) ?? false
            if report.exitCode != 0 { throw ExitCode(report.exitCode) }
            if exportFailed { throw ExitCode(1) }
        }

        /// Whether tmux is on the PATH.
        static var hasTmux: Bool {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") }
        }

        /// This very binary, for the terminal runner to start in tmux.
        static var executable: URL {
            URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        }
    }
}

extension ScreensCommand.RunScripts {
    /// What writes casts and pictures, when asked for; folders are made first.
    func scriptExports() throws -> ScriptExports? {
        guard cast != nil || svg != nil else { return nil }
        guard (0...10_000).contains(pace) else {
            printError("portal: --pace takes 0 to 10000 milliseconds a key")
            throw ExitCode(2)
        }
        let exports = ScriptExports(castFolder: cast.map { URL(fileURLWithPath: $0) }, svgFolder: svg.map { URL(fileURLWithPath: $0) },
                                    pace: Double(pace) / 1_000)
        do {
            try exports.prepare()
        } catch {
            printError("portal: \(error)")
            throw ExitCode(2)
        }
        return exports
    }

    /// Says how many files were written and what could not be; true when something failed.
    func reportExports(_ exports: ScriptExports) -> Bool {
        let casts = exports.written.filter { $0.pathExtension == "cast" }.count
        let pictures = exports.written.filter { $0.pathExtension == "svg" }.count
        var parts: [String] = []
        if cast != nil { parts.append("\(casts) cast\(casts == 1 ? "" : "s") in \(cast ?? "")") }
        if svg != nil { parts.append("\(pictures) picture\(pictures == 1 ? "" : "s") in \(svg ?? "")") }
        print("wrote " + parts.joined(separator: ", "))
        for problem in exports.problems { printError("portal: \(problem)") }
        return !exports.problems.isEmpty
    }
}
