import Foundation
import PortalCore

/// Runs several screen scripts and sums them up as `screens run` prints
/// them: every script is counted once, as passed, failed or malformed.
public struct ScriptBatch {
    public struct Report: Sendable {
        /// What to print, in order: `true` marks a line for standard error.
        public var lines: [(toStandardError: Bool, text: String)] = []
        /// Lines for standard output: pass/FAIL/BAD lines with failures, then the summary.
        public var output: [String] { lines.filter { !$0.toStandardError }.map(\.text) }
        /// Lines for standard error: one `file:line: message` per malformed or unreadable script.
        public var errors: [String] { lines.filter(\.toStandardError).map(\.text) }
        public var passed = 0
        public var failed = 0
        public var malformed = 0
        public var skipped = 0

        /// 2 when a script is malformed or missing, else 1 when one failed, else 0.
        public var exitCode: Int32 { malformed > 0 ? 2 : failed > 0 ? 1 : 0 }

        public var summary: String {
            "\(passed) passed, \(failed) failed" + (malformed > 0 ? ", \(malformed) malformed" : "")
                + (skipped > 0 ? ", \(skipped) skipped" : "")
        }
    }

    /// Plays one script file: headless or in a terminal.
    public var play: (URL) throws(ScriptError) -> ScriptRunner.Outcome
    /// Scripts not played, with why: printed, and counted apart.
    public var skips: [String: String] = [:]

    public init(runner: ScriptRunner) { play = { url throws(ScriptError) in try runner.run(file: url) } }

    public init(terminal runner: TerminalScriptRunner) {
        play = { url throws(ScriptError) in try runner.run(file: url) }
        skips = TerminalSkips.reasons
    }

    public func run(_ files: [URL]) -> Report {
        var report = Report()
        for url in files {
            let name = InertText.escaped(url.relativePath)
            if let reason = skips[url.lastPathComponent] {
                report.skipped += 1
                report.lines.append((false, "skip  \(name): \(reason)"))
                continue
            }
            do {
                let outcome = try play(url)
                if outcome.passed {
                    let count = outcome.updatedGoldens.count
                    let updated = count == 0 ? "" : " (updated \(count) golden\(count == 1 ? "" : "s"))"
                    report.passed += 1
                    report.lines.append((false, "pass  \(name)\(updated)"))
                } else {
                    report.failed += 1
                    report.lines.append((false, "FAIL  \(name)"))
                    for failure in outcome.failures {
                        report.lines += failure.split(separator: "\n", omittingEmptySubsequences: false).map { (false, "      " + $0) }
                    }
                }
            } catch {
                report.malformed += 1
                report.lines.append((false, "BAD   \(name)"))
                report.lines.append((true, "\(name):\(error.line): \(error.message)"))
            }
        }
        report.lines.append((false, report.summary))
        return report
    }
}
