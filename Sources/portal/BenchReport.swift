import Foundation
import PortalCore
import PortalCurses

/// What `portal bench` prints: each figure beside its target from issue 7.
struct BenchReport {
    struct Figure: Encodable {
        let key: String
        let label: String
        let unit: String
        /// nil when not measured; `note` says why.
        let value: Double?
        let target: String
        /// "met", "missed", or "n/a" when there is no target at this scale or no figure.
        let status: String
        let note: String?
    }

    let scale: BenchCommand.Scale
    let runs: Int
    let storeBytes: Int
    let medians: [String: Double]
    let peakMegabytes: Double
    /// Bytes sent for one cursor move, by list ("devices", "apps"); absent when no pass got that far.
    let terminals: [String: Result<PseudoTerminalProbe.Result, Error>]
    let failure: String?
    /// The store is bigger than `portal run` will open; load was measured without the cap.
    let overSizeCap: Bool
    /// nil when not asked for or python3 is missing.
    let python: PythonJSONBaseline?
    /// The database measured (without its password); nil for the temporary file.
    var database: String? = nil
    /// The load test's figures, when one ran (on a database only).
    var loadTest: BenchLoadReport? = nil

    /// Which store the figures come from, as the report's second line says.
    var storeLine: String {
        guard let database else { return "Store: a temporary JSON file, loaded whole into memory." }
        return "Store: PostgreSQL at \(database); store load is opening the directory (no whole load), and the screens read through it."
    }

    static let databaseSaveNote = "n/a on a database"
    static let databaseSaveLine = "Store save: a database is never written whole; each change is one transaction (the load test times them)."

    static var isDebugBuild: Bool {
        #if DEBUG
        true
        #else
        false
        #endif
    }

    static let overSizeCapNote = "The store is over JSONStore.maximumSize, so `portal run` would refuse it; load was measured as reading the file and StoreCodec.decode, the same work without the cap."

    static let buildNote = isDebugBuild
        ? "DEBUG BUILD: these figures mean little; run `swift build -c release` and `.build/release/portal bench`."
        : "Release build."

    /// Every figure, in the order issue 7 names them; keys are what `--json` and its test rely on.
    var figures: [Figure] {
        // The reason is printed once, below the table.
        let notMeasured = failure == nil ? "not measured" : "not measured (run failed)"
        func timed(_ key: String, _ label: String, limit: Double?, target: String) -> Figure {
            let value = medians[key]
            let status = value.flatMap { value in limit.map { value <= $0 ? "met" : "missed" } } ?? "n/a"
            return Figure(key: key, label: label, unit: "ms", value: value, target: target, status: status,
                          note: value == nil ? notMeasured : nil)
        }
        let huge = scale == .huge
        let memoryLimit: Double? = switch scale {
        case .small: nil
        case .large: 60
        case .huge: 400
        }
        // Issue 7 sets these on the huge store only; elsewhere Python is shown for comparison.
        func storeLimit(_ python: Double?) -> (Double?, String) {
            switch (huge, python) {
            case let (true, python?): (min(1_500, python), String(format: "<= 1500 ms and <= Python's %.0f ms", python))
            case (true, nil): (1_500, "<= 1500 ms")
            case let (false, python?): (nil, String(format: "(huge only; Python here: %.1f ms)", python))
            case (false, nil): (nil, "(huge: <= 1500 ms)")
            }
        }
        let load = storeLimit(python?.loadMilliseconds), save = storeLimit(python?.saveMilliseconds)
        let saveFigure = database == nil ? timed("storeSaveMs", "store save", limit: save.0, target: save.1)
            : Figure(key: "storeSaveMs", label: "store save", unit: "ms", value: nil, target: save.1, status: "n/a", note: Self.databaseSaveNote)
        return [
            timed("storeLoadMs", database == nil ? "store load" : "store load (opening the directory)", limit: load.0, target: load.1),
            saveFigure,
            // dialog --menu with 40 items drew in 5-6 ms on the machine of issue 7.
            timed("firstFrameMs", "first frame (runtime + sign-in screen, store loaded)", limit: 12, target: "<= 12 ms (2x dialog --menu)"),
            timed("coldStartMs", "cold start: first frame while the store loads in the background", limit: 12, target: "<= 12 ms (2x dialog --menu)"),
            // Issue 7 sets this on the large store; the small one must meet it too.
            timed("signInToHomeMs", database == nil ? "sign-in to Home, the catalog ready (1-round hash)" : "sign-in to Home, the catalog ready (\(PasswordHash.allowedIterations.lowerBound)-round hash, the store's least)", limit: huge ? nil : 150,
                  target: huge ? "(large: <= 150 ms)" : "<= 150 ms"),
            timed("signInToHomeFrameMs", "sign-in to Home drawn (catalog still coming)", limit: huge ? nil : 150,
                  target: huge ? "(large: <= 150 ms)" : "<= 150 ms"),
            timed("homeKeyMs", "key -> frame, Home", limit: 2, target: "<= 2 ms"),
            timed("devicesOpenMs", "key -> frame, opening Devices (every device evaluated)", limit: 16, target: "<= 16 ms (a 60 Hz frame)"),
            timed("devicesKeyMs", "key -> frame, Devices list", limit: 2, target: "<= 2 ms"),
            timed("devicesSortMs", "key -> frame, Devices sorted", limit: 16, target: "<= 16 ms (a 60 Hz frame)"),
            timed("devicesFilterMs", "key -> frame, Devices filtered", limit: 16, target: "<= 16 ms (a 60 Hz frame)"),
            timed("deviceDetailKeyMs", "key -> frame, device detail", limit: 2, target: "<= 2 ms"),
            timed("appsKeyMs", "key -> frame, Apps list", limit: 2, target: "<= 2 ms"),
            timed("appDetailKeyMs", "key -> frame, app detail", limit: 2, target: "<= 2 ms"),
            timed("appsOpenMs", "key -> frame, opening Apps (catalog folded and sorted once)", limit: 16, target: "<= 16 ms (a 60 Hz frame)"),
            timed("searchKeyMs", "key -> frame, search keystroke, full catalog", limit: 5, target: "<= 5 ms"),
            timed("searchNarrowKeyMs", "key -> frame, search keystroke narrowing the last result", limit: 5, target: "<= 5 ms"),
            timed("installTickMs", "tick -> frame, app detail with an install under way", limit: 2, target: "<= 2 ms"),
            cursorMoveFigure("cursorMoveBytes", list: "devices", label: "bytes sent for one cursor move (Devices list)"),
            cursorMoveFigure("appsCursorMoveBytes", list: "apps", label: "bytes sent for one cursor move (Apps list)"),
            Figure(key: "peakMemoryMB", label: "peak resident memory (bench process: load, save, screens)", unit: "MB", value: peakMegabytes,
                   target: memoryLimit.map { "<= \(Int($0)) MB" } ?? "(large: <= 60 MB, huge: <= 400 MB)",
                   // A run that failed before loading the store says nothing about memory.
                   status: failure != nil ? "n/a" : memoryLimit.map { peakMegabytes <= $0 ? "met" : "missed" } ?? "n/a", note: nil),
        ]
    }

    private func cursorMoveFigure(_ key: String, list: String, label: String) -> Figure {
        switch terminals[list] {
        case let .success(result)?:
            let limit = 2 * result.changedRowBytes
            return Figure(key: key, label: label, unit: "bytes", value: Double(result.bytes),
                          target: "<= \(limit) (2x the \(result.changedRowBytes) bytes of the changed rows)",
                          status: result.bytes <= limit ? "met" : "missed", note: nil)
        case let .failure(error)?:
            return Figure(key: key, label: label, unit: "bytes", value: nil, target: "<= 2x the changed rows",
                          status: "n/a", note: "not measured: \(error)")
        case nil:
            return Figure(key: key, label: label, unit: "bytes", value: nil, target: "<= 2x the changed rows",
                          status: "n/a", note: failure == nil ? "not measured" : "not measured (run failed)")
        }
    }

    private var sizeText: String {
        let size = scale.size
        return "\(size.users) users, \(size.devices) devices, \(size.apps) apps; \(database == nil ? "store" : "database") \(String(format: "%.1f", Double(storeBytes) / 1_048_576)) MB"
    }

    func table() -> String {
        var lines = ["portal bench --scale \(scale.rawValue): \(sizeText); median of \(runs) run\(runs == 1 ? "" : "s")",
                     Self.buildNote, storeLine, ""]
        let rows = figures.map { figure -> [String] in
            let value = figure.value.map { figure.unit == "bytes" ? String(format: "%.0f %@", $0, figure.unit) : String(format: "%.2f %@", $0, figure.unit) }
                ?? (figure.note ?? "n/a")
            return [figure.label, value, figure.target, figure.status]
        }
        let header = ["figure", "median", "target", "status"]
        let widths = (0..<4).map { column in (rows + [header]).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        lines.append(line(header))
        lines.append(line(widths.map { String(repeating: "-", count: $0) }))
        lines += rows.map(line)
        if overSizeCap { lines += ["", Self.overSizeCapNote] }
        if database != nil { lines += ["", Self.databaseSaveLine] }
        if let failure { lines += ["", "A run failed: \(failure)"] }
        if let loadTest { lines += [""] + loadTest.table() }
        return lines.joined(separator: "\n")
    }

    func json() -> String {
        struct Document: Encodable {
            let scale: String
            let runs: Int
            let users: Int
            let devices: Int
            let apps: Int
            let storeBytes: Int
            let debugBuild: Bool
            let buildNote: String
            let failure: String?
            let overSizeCapNote: String?
            let pythonLoadMs: Double?
            let pythonSaveMs: Double?
            let store: String
            let database: String?
            let figures: [Figure]
            let loadTest: BenchLoadReport?
        }
        let size = scale.size
        let document = Document(scale: scale.rawValue, runs: runs, users: size.users, devices: size.devices, apps: size.apps,
                                storeBytes: storeBytes, debugBuild: Self.isDebugBuild, buildNote: Self.buildNote,
                                failure: failure, overSizeCapNote: overSizeCap ? Self.overSizeCapNote : nil,
                                pythonLoadMs: python?.loadMilliseconds, pythonSaveMs: python?.saveMilliseconds, store: database == nil ? "file" : "postgresql",
                                database: database, figures: figures, loadTest: loadTest)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
