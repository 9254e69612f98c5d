import ArgumentParser
import Foundation
import PortalCore
import PortalStore

/// `portal tokens import FILE.csv`: an administrator preloads hardware OATH
/// tokens from Entra's CSV layout; each user then activates theirs.
struct TokensCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "tokens", abstract: "Manage the organization's hardware OATH tokens.",
                             subcommands: [ImportCommand.self])
    }

    struct ImportCommand: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "import",
                abstract: "Add hardware tokens from Entra's CSV (upn,serial number,secret key,time interval,manufacturer,model).",
                discussion: "All or nothing: when any row is bad, every problem is listed by line and nothing is imported (exit 1).")
        }

        /// Far more than any organization's tokens; a bigger file is a mistake,
        /// not something to read into memory.
        static let fileLimit = 16 << 20

        @OptionGroup var storeOption: StoreOption

        @Argument(help: ArgumentHelp("The CSV file, with its header line.", valueName: "file.csv"))
        var file: String

        func run() throws {
            let shownFile = InertText.escaped(file)
            let text: String
            switch Self.read(file) {
            case let .success(read): text = read
            case let .failure(problem):
                printError("portal: \(shownFile): \(problem.message)")
                throw ExitCode(1)
            }
            let store = StoreTarget.resolve(explicit: storeOption.store, environment: ProcessInfo.processInfo.environment)
            let rows: [OathTokenRow]
            switch OathTokenCSV.parse(text) {
            case let .success(parsed): rows = parsed
            case var .failure(failure):
                // The well-formed rows are checked against the store as well, so
                // one run lists every problem; nothing is written either way.
                if !failure.wellFormedRows.isEmpty, var tenant = try? store.load() {
                    do {
                        _ = try tenant.importHardwareTokens(failure.wellFormedRows, now: SystemClock().now())
                    } catch {
                        failure.problems = (failure.problems + error.problems).sorted { $0.line < $1.line }
                    }
                }
                report(failure, file: shownFile)
                throw ExitCode(1)
            }
            var summary = TokenImportSummary(tokens: 0, users: 0)
            do {
                summary = try store.updateAll { tenant in try tenant.importHardwareTokens(rows, now: SystemClock().now()) }
            } catch let failure as OathTokenCSV.Failure {
                report(failure, file: shownFile)
                throw ExitCode(1)
            } catch {
                printError("portal: \(error)")
                throw ExitCode(1)
            }
            print(summary.message)
        }

        private func report(_ failure: OathTokenCSV.Failure, file: String) {
            for problem in failure.problems { printError("\(file): \(problem)") }
            printError("Nothing was imported: fix \(Plural.count(failure.problems.count, "problem")) and run the import again.")
        }

        struct Problem: Error { var message: String }

        static func read(_ path: String) -> Result<String, Problem> {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                return .failure(Problem(message: FileManager.default.fileExists(atPath: path) ? "cannot be read; check its permissions" : "no such file"))
            }
            defer { try? handle.close() }
            let data: Data
            do {
                // Nil is the end of the file: an empty file.
                data = try handle.read(upToCount: fileLimit + 1) ?? Data()
            } catch {
                return .failure(Problem(message: "cannot be read; give a CSV file, not a folder"))
            }
            if data.count > fileLimit { return .failure(Problem(message: "is over \(fileLimit >> 20) MiB; split it into smaller files")) }
            guard let text = String(data: data, encoding: .utf8) else {
                return .failure(Problem(message: "is not UTF-8 text; save it as \"CSV UTF-8\""))
            }
            return .success(text)
        }
    }
}
