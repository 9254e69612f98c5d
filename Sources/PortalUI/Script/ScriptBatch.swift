import Foundation
import PortalCore

/// Runs several screen scripts and sums them up as `screens run` prints
/// them: every script is counted once, as passed, failed or malformed.
public struct ScriptBatch {
    public struct Report: Sendable {
        /// Lines for standard output: pass/FAIL lines with their failures, then the summary.
        public var output: [String] = []
        /// Lines for standard error: one `file:line: message` per malformed or unreadable script.
        public var errors: [String] = []
        public var passed = 0
        public var failed = 0
        public var malformed = 0

        /// 2 when a script is malformed or missing, else 1 when one failed, else 0.
        public var exitCode: Int32 { malformed > 0 ? 2 : failed > 0 ? 1 : 0 }

        public var summary: String {
            "\(passed) passed, \(failed) failed" + (malformed > 0 ? ", \(malformed) malformed" : "")
        }
    }

    public var runner: ScriptRunner

    public init(runner: ScriptRunner) { self.runner = runner }

    public func run(_ files: [URL]) -> Report {
        var report = Report()
        for url in files {
            let name = InertText.escaped(url.relativePath)
            do {
                let outcome = try runner.run(file: url)
                if outcome.passed {
                    let count = outcome.updatedGoldens.count
                    let updated = count == 0 ? "" : " (updated \(count) golden\(count == 1 ? "" : "s"))"
                    report.passed += 1
                    report.output.append("pass  \(name)\(updated)")
                } else {
                    report.failed += 1
                    report.output.append("FAIL  \(name)")
                    for failure in outcome.failures {
                        report.output += failure.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }
                    }
                }
            } catch {
                report.malformed += 1
                report.output.append("BAD   \(name)")
                report.errors.append(error.description)
            }
        }
        report.output.append(report.summary)
        return report
    }
}
