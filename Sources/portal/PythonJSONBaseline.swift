import Foundation

/// Python's `json.load` and `json.dump` of the same store, timed in the same
/// run: issue 7 asks the portal's load and save to be no slower.
struct PythonJSONBaseline {
    var loadMilliseconds: Double
    var saveMilliseconds: Double

    private static let script = """
        import json, sys, time
        start = time.perf_counter()
        with open(sys.argv[1]) as f: data = json.load(f)
        loaded = time.perf_counter()
        with open(sys.argv[2], "w") as f: json.dump(data, f)
        saved = time.perf_counter()
        print((loaded - start) * 1000, (saved - loaded) * 1000)
        """

    /// nil when there is no python3 on the PATH or it fails.
    static func measure(store: URL, scratch: URL) -> PythonJSONBaseline? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, store.path, scratch.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let numbers = String(decoding: data, as: UTF8.self).split(separator: " ")
            .compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard process.terminationStatus == 0, numbers.count == 2 else { return nil }
        return PythonJSONBaseline(loadMilliseconds: numbers[0], saveMilliseconds: numbers[1])
    }
}
