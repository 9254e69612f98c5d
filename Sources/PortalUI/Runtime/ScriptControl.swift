import Foundation
import PortalCore

/// The real binary's side of `screens run --terminal`. The runner owns a
/// folder with a clock file ("SEQUENCE SECONDS-SINCE-1970") it rewrites to
/// move the virtual clock, and reads a status file the loop writes whenever
/// it is idle, so the runner waits for what the program has taken in instead
/// of sleeping on a guess.
public final class ScriptControl {
    public struct Status: Equatable, Sendable {
        /// Input events read from the terminal (a key, a click, a resize).
        public var inputs = 0
        /// The last clock move the program has acted on.
        public var clock = 0
        public var size = Size(width: 0, height: 0)
        /// No background work is under way and the latest frame is drawn.
        public var idle = false
        public var finished = false
        /// Which run of the program wrote it: a restart waits for a new one,
        /// since the old one may still write as it goes.
        public var process: Int32 = 0

        public init() {}

        public var line: String {
            "process=\(process) inputs=\(inputs) clock=\(clock) size=\(size) idle=\(idle ? 1 : 0) finished=\(finished ? 1 : 0)\n"
        }

        public init?(line: String) {
            var fields: [String: String] = [:]
            for field in line.split(whereSeparator: \.isWhitespace) {
                let parts = field.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { fields[parts[0]] = parts[1] }
            }
            guard let inputs = fields["inputs"].flatMap(Int.init), let clock = fields["clock"].flatMap(Int.init),
                  let size = fields["size"].flatMap(Size.init) else { return nil }
            self.inputs = inputs
            self.clock = clock
            self.size = size
            idle = fields["idle"] == "1"
            finished = fields["finished"] == "1"
            process = fields["process"].flatMap(Int32.init) ?? 0
        }
    }

    /// How often a scripted loop looks at the clock file.
    static let pollMilliseconds = 10

    public let clock: VirtualClock
    private let clockURL: URL
    private let statusURL: URL
    private var status = Status()
    private var written = ""

    public static func clockURL(in folder: URL) -> URL { folder.appendingPathComponent("clock") }
    public static func statusURL(in folder: URL) -> URL { folder.appendingPathComponent("status") }

    public init(folder: URL) throws {
        clockURL = Self.clockURL(in: folder)
        statusURL = Self.statusURL(in: folder)
        guard let (sequence, date) = Self.readClock(clockURL) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: clockURL.path])
        }
        clock = VirtualClock(start: date)
        status.clock = sequence
        status.process = getpid()
    }

    public static func clockLine(sequence: Int, date: Date) -> String {
        "\(sequence) \(date.timeIntervalSince1970)\n"
    }

    static func readClock(_ url: URL) -> (Int, Date)? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        let fields = text.split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let sequence = Int(fields[0]), let seconds = Double(fields[1]) else { return nil }
        return (sequence, Date(timeIntervalSince1970: seconds))
    }

    /// Whether the runner moved the clock since the last look; the loop
    /// answers a move with one tick, as the headless runner does.
    func clockMoved() -> Bool {
        guard let (sequence, date) = Self.readClock(clockURL), sequence > status.clock else { return false }
        status.clock = sequence
        clock.set(date)
        return true
    }

    func inputTaken() { status.inputs += 1 }

    /// Writes the status when it changed, atomically (the runner polls it).
    func report(idle: Bool, size: Size, finished: Bool = false) {
        status.idle = idle
        status.size = size
        status.finished = finished
        let line = status.line
        guard line != written else { return }
        written = line
        try? line.write(to: statusURL, atomically: true, encoding: .utf8)
    }
}
