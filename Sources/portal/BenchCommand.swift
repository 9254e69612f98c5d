import ArgumentParser
import Foundation
import PortalCore
import PortalCurses
import PortalStore
import PortalUI

struct BenchCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "bench",
                             abstract: "Measure the portal on a synthetic store: medians against the targets of issue 7.",
                             discussion: """
                                 Figures mean something only from a release build (swift build -c release). \
                                 With --store postgresql://... the synthetic organization is copied into that database (one holding \
                                 any other organization is refused), the screens read through it, and a load test follows: \
                                 --sessions portals at once for --load-seconds each.
                                 """)
    }

    enum Scale: String, ExpressibleByArgument, CaseIterable {
        case small, large, huge

        var size: SyntheticOrganization.Size {
            switch self {
            case .small: SyntheticOrganization.Size(users: 10, devices: 50, apps: 100)
            case .large: SyntheticOrganization.Size(users: 1_000, devices: 10_000, apps: 10_000)
            case .huge: SyntheticOrganization.Size(users: 10_000, devices: 100_000, apps: 20_000)
            }
        }
    }

    @Flag(help: "Print the figures as JSON.")
    var json = false

    @Option(help: "The store size: small (10/50/100), large (1,000/10,000/10,000) or huge (10,000/100,000/20,000 users/devices/apps).")
    var scale: Scale = .small

    @Option(help: "How many times to measure each figure; the median is reported.")
    var runs = 5

    @Flag(inversion: .prefixedNo, help: "Time Python's json.load and json.dump of the same store, the load and save baseline of issue 7.")
    var baseline = true

    @Option(help: ArgumentHelp("Measure on this PostgreSQL database instead of a temporary file; it is filled with the synthetic organization.",
                               valueName: "postgresql://USER@HOST:PORT/DB"))
    var store: String?

    @Option(help: ArgumentHelp("With --store: how many portal sessions at once, one load test each.", valueName: "N,N,..."))
    var sessions: String?

    @Option(help: "With --store: how long each load test runs, in seconds.")
    var loadSeconds: Int?

    @Flag(inversion: .prefixedNo, help: "With --store: run the load test after the figures.")
    var loadTest = true

    static let defaultSessions = [10, 100, 500]
    static let defaultLoadSeconds = 60
    static let sessionRange = 1...5_000
    static let loadSecondsRange = 1...3_600

    /// "10,100,500" as numbers; nil when a part is not a count in range.
    static func parseSessions(_ text: String) -> [Int]? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0.map(sessionRange.contains) == true }) else { return nil }
        return parts.compactMap { $0 }
    }

    func validate() throws {
        guard (1...1_000).contains(runs) else { throw ValidationError("--runs must be from 1 to 1000") }
        if let store, !DatabaseAddress.isDatabaseURL(store) {
            throw ValidationError("--store takes a postgresql:// URL; without it the bench makes a temporary file")
        }
        if let sessions, Self.parseSessions(sessions) == nil {
            throw ValidationError("--sessions must be counts from \(Self.sessionRange.lowerBound) to \(Self.sessionRange.upperBound) separated by commas, such as 10,100,500")
        }
        if let loadSeconds, !Self.loadSecondsRange.contains(loadSeconds) {
            throw ValidationError("--load-seconds must be from \(Self.loadSecondsRange.lowerBound) to \(Self.loadSecondsRange.upperBound)")
        }
        if store == nil, sessions != nil || loadSeconds != nil {
            throw ValidationError("--sessions and --load-seconds are for the load test, which runs only on a database: give --store postgresql://...")
        }
    }

    func run() throws {
        if let store, let address = DatabaseAddress(store) { return try runOnDatabase(address) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storeURL = folder.appendingPathComponent("store.json")
        try makeStore(at: storeURL.path)
        let storeBytes = (try? FileManager.default.attributesOfItem(atPath: storeURL.path)[.size] as? Int) ?? 0

        let scenario = BenchScenario(storeURL: storeURL, saveURL: folder.appendingPathComponent("saved.json"))
        let (medians, cursorMoves, failure) = measure(scenario)
        // Peak memory is taken before the terminal probe, which is not the portal's work.
        let peak = peakResidentMegabytes()
        let terminals = Self.terminalBytes(cursorMoves)
        let python = baseline ? PythonJSONBaseline.measure(store: storeURL, scratch: folder.appendingPathComponent("python.json")) : nil
        let report = BenchReport(scale: scale, runs: runs, storeBytes: storeBytes, medians: medians,
                                 peakMegabytes: peak, terminals: terminals, failure: failure,
                                 overSizeCap: scenario.isOverSizeCap, python: python)
        print(json ? report.json() : report.table())
        if failure != nil { throw ExitCode(1) }
    }

    /// Passes of the scenario: medians, the last cursor moves, the first failure.
    func measure(_ scenario: BenchScenario) -> (medians: [String: Double], cursorMoves: [String: (before: CellBuffer, after: CellBuffer)], failure: String?) {
        var samples: [String: [Double]] = [:]
        var cursorMoves: [String: (before: CellBuffer, after: CellBuffer)] = [:]
        for _ in 0..<runs {
            do {
                let pass = try scenario.run(userId: SyntheticOrganization.busiestUserId, password: SyntheticOrganization.password)
                for (key, value) in pass.timings { samples[key, default: []].append(value) }
                cursorMoves = pass.cursorMoves
            } catch {
                return (samples.mapValues(Self.median), cursorMoves, "\(error)")
            }
        }
        return (samples.mapValues(Self.median), cursorMoves, nil)
    }

    /// What a terminal is sent for each list's cursor move.
    static func terminalBytes(_ cursorMoves: [String: (before: CellBuffer, after: CellBuffer)]) -> [String: Result<PseudoTerminalProbe.Result, Error>] {
        cursorMoves.mapValues { move in
            Result { try PseudoTerminalProbe.bytesForChange(from: move.before, to: move.after, theme: try ThemeCatalog.load("default")) }
        }
    }

    /// Creates the synthetic store at a path, or (nil) in the database of
    /// --store, handed over in PORTAL_STORE so no password shows in the
    /// process list. A child process, so peak memory is that of the portal,
    /// not of the generator.
    func makeStore(at path: String?, replacing: Bool = false) throws {
        let size = scale.size
        let process = Process()
        process.executableURL = Bundle.main.executableURL
        process.arguments = ["store", "init", "--synthetic", "users=\(size.users),devices=\(size.devices),apps=\(size.apps)",
                             "--seed", "1"] + (replacing ? ["--force"] : []) + (path.map { [$0] } ?? [])
        if path == nil, let store {
            process.environment = ProcessInfo.processInfo.environment.merging(["PORTAL_STORE": store]) { $1 }
        }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            printError("portal: could not create the synthetic store (exit \(process.terminationStatus))")
            throw ExitCode(1)
        }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
