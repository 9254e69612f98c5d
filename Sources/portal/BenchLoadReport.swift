import Foundation
import PortalCore

/// The load test's figures as `portal bench --store URL` prints them: per
/// number of sessions, each operation's throughput and p50/p99 latency, and
/// the errors.
struct BenchLoadReport: Encodable {
    struct Operation: Encodable {
        let name: String
        let count: Int
        let perSecond: Double
        /// nil when none succeeded.
        let p50Ms: Double?
        let p99Ms: Double?
    }

    struct Run: Encodable {
        let sessions: Int
        let seconds: Double
        /// The four operations, then "all".
        let operations: [Operation]
        let errors: Int
        let firstError: String?
        /// Installs that read the user's whole catalog (none of the apps sign-in read could go on a device).
        let catalogReads: Int
    }

    let database: String
    /// --load-seconds.
    let asked: Int
    let note: String
    let runs: [Run]

    static let cheapHashNote = "Every account's password hash was made the cheapest the store accepts first (\(PasswordHash.allowedIterations.lowerBound) PBKDF2 rounds, one UPDATE), so sign-in measures the store more than PBKDF2."

    init(database: String, asked: Int, outcomes: [BenchLoadTest.Outcome]) {
        self.database = database
        self.asked = asked
        note = Self.cheapHashNote
        runs = outcomes.map { outcome in
            var operations = BenchLoadTest.Operation.allCases.map { operation in
                Self.operation(operation.rawValue, outcome.latencies[operation] ?? [], seconds: outcome.seconds)
            }
            let all = outcome.latencies.values.flatMap { $0 }.sorted()
            operations.append(Self.operation("all", all, seconds: outcome.seconds))
            return Run(sessions: outcome.sessions, seconds: outcome.seconds, operations: operations,
                       errors: outcome.errors, firstError: outcome.firstError, catalogReads: outcome.catalogReads)
        }
    }

    private static func operation(_ name: String, _ sorted: [Double], seconds: Double) -> Operation {
        Operation(name: name, count: sorted.count, perSecond: seconds > 0 ? Double(sorted.count) / seconds : 0,
                  p50Ms: percentile(sorted, 0.50), p99Ms: percentile(sorted, 0.99))
    }

    /// Nearest rank of sorted values; nil for none.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    private static let labels = Dictionary(uniqueKeysWithValues: BenchLoadTest.Operation.allCases.map { ($0.rawValue, $0.label) })

    func table() -> [String] {
        var lines = ["Load test on \(database): N portal sessions at once, each its own connection, looping sign-in, list devices, check status, install an app.",
                     note, ""]
        let header = ["sessions", "operation", "ops/s", "p50 ms", "p99 ms", "errors"]
        var rows: [[String]] = []
        for run in runs {
            for (index, operation) in run.operations.enumerated() {
                let first = index == 0
                rows.append([first ? "\(run.sessions)" : "", Self.labels[operation.name] ?? operation.name,
                             String(format: "%.1f", operation.perSecond),
                             operation.p50Ms.map { String(format: "%.1f", $0) } ?? "-",
                             operation.p99Ms.map { String(format: "%.1f", $0) } ?? "-",
                             operation.name == "all" ? "\(run.errors)" : ""])
            }
        }
        let widths = (0..<header.count).map { column in (rows + [header]).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).enumerated().map { column, pair in
                // Figures right-aligned, names left.
                column >= 2 ? String(repeating: " ", count: pair.1 - pair.0.count) + pair.0
                    : pair.0.padding(toLength: pair.1, withPad: " ", startingAt: 0)
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }
        lines.append(line(header))
        lines.append(line(widths.map { String(repeating: "-", count: $0) }))
        lines += rows.map(line)
        let failing = runs.filter { $0.errors > 0 }
        if !failing.isEmpty { lines.append("") }
        for run in failing {
            lines.append("\(run.sessions) sessions: \(run.errors) error\(run.errors == 1 ? "" : "s"), the first: \(run.firstError ?? "?")")
        }
        let reads = runs.map { "\($0.catalogReads) at \($0.sessions)" }.joined(separator: ", ")
        lines.append("Installs that read the user's whole catalog first (no app read at sign-in could go on a device): \(reads).")
        let taken = runs.map { String(format: "%.0f s at %d", $0.seconds, $0.sessions) }.joined(separator: ", ")
        lines.append("Each N ran for \(asked) s asked; with the operations under way then finishing, it took \(taken). Rates are over the time taken. Client and server share this machine.")
        return lines
    }
}
