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
                             discussion: "Figures mean something only from a release build (swift build -c release).")
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

    func validate() throws {
        guard (1...1_000).contains(runs) else { throw ValidationError("--runs must be from 1 to 1000") }
    }

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storeURL = folder.appendingPathComponent("store.json")
        // Built by a child process, so peak memory is that of the portal, not of the generator.
        try makeStore(at: storeURL)
        let storeBytes = (try? FileManager.default.attributesOfItem(atPath: storeURL.path)[.size] as? Int) ?? 0

        let scenario = BenchScenario(storeURL: storeURL, saveURL: folder.appendingPathComponent("saved.json"))
        var samples: [String: [Double]] = [:]
        var failure: String?
        var cursorMoves: [String: (before: CellBuffer, after: CellBuffer)] = [:]
        for _ in 0..<runs {
            do {
                let pass = try scenario.run(userId: SyntheticOrganization.busiestUserId, password: SyntheticOrganization.password)
                for (key, value) in pass.timings { samples[key, default: []].append(value) }
                cursorMoves = pass.cursorMoves
            } catch {
                failure = "\(error)"
                break
            }
        }
        let medians = samples.mapValues(Self.median)
        // Peak memory is taken before the terminal probe, which is not the portal's work.
        let peak = peakResidentMegabytes()
        let terminals = cursorMoves.mapValues { move in
            Result { try PseudoTerminalProbe.bytesForChange(from: move.before, to: move.after, theme: try ThemeCatalog.load("default")) }
        }
        let python = baseline ? PythonJSONBaseline.measure(store: storeURL, scratch: folder.appendingPathComponent("python.json")) : nil
        let report = BenchReport(scale: scale, runs: runs, storeBytes: storeBytes, medians: medians,
                                 peakMegabytes: peak, terminals: terminals, failure: failure,
                                 overSizeCap: scenario.isOverSizeCap, python: python)
        print(json ? report.json() : report.table())
        if failure != nil { throw ExitCode(1) }
    }

    private func makeStore(at url: URL) throws {
        let size = scale.size
        let process = Process()
        process.executableURL = Bundle.main.executableURL
        process.arguments = ["store", "init", "--synthetic", "users=\(size.users),devices=\(size.devices),apps=\(size.apps)",
                             "--seed", "1", url.path]
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
