import ArgumentParser
import Foundation
import PortalUI

struct ScreensCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "screens", abstract: "Replay screen scripts.", subcommands: [RunScripts.self])
    }

    struct RunScripts: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "run",
                                 abstract: "Replay screen scripts headless (all of Screens/ when none is named); exit 1 when any fails, 2 when one is malformed.")
        }

        @Flag(help: "Rewrite the golden snapshots instead of comparing with them.")
        var update = false

        @Flag(help: "Play the scripts in a real terminal: this binary in tmux, on the script's virtual clock, against the same goldens.")
        var terminal = false

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
            let batch = terminal ? ScriptBatch(terminal: TerminalScriptRunner(portal: Self.executable, updateGoldens: update))
                : ScriptBatch(runner: ScriptRunner(updateGoldens: update))
            let report = batch.run(urls)
            for line in report.lines {
                if line.toStandardError { printError(line.text) } else { print(line.text) }
            }
            if report.exitCode != 0 { throw ExitCode(report.exitCode) }
        }

        /// This very binary, for the terminal runner to start in tmux.
        static var executable: URL {
            URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        }
    }
}
