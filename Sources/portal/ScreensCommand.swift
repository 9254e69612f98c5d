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
            let runner = ScriptRunner(updateGoldens: update)
            var failed = 0
            var malformed = false
            for url in urls {
                do {
                    let outcome = try runner.run(file: url)
                    if outcome.passed {
                        let updated = outcome.updatedGoldens.isEmpty ? "" : " (updated \(outcome.updatedGoldens.count) golden\(outcome.updatedGoldens.count == 1 ? "" : "s"))"
                        print("pass  \(url.relativePath)\(updated)")
                    } else {
                        failed += 1
                        print("FAIL  \(url.relativePath)")
                        for failure in outcome.failures { print(failure.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n")) }
                    }
                } catch {
                    malformed = true
                    printError(error.description)
                }
            }
            print("\(urls.count - failed) passed, \(failed) failed")
            if malformed { throw ExitCode(2) }
            if failed > 0 { throw ExitCode(1) }
        }
    }
}
