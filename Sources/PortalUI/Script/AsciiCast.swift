import Foundation

/// A replay as an asciicast v2 file (the format asciinema plays): a JSON
/// header line, then one `[seconds, "o", text]` line per frame, the text
/// being what a terminal would have received to show it.
public struct AsciiCast {
    /// Each key takes this long in the cast, so typing reads as typing;
    /// waits take what the script's virtual clock says.
    public static let defaultPace: TimeInterval = 0.08
    /// Players shorten pauses longer than this (a `wait 2h` plays as 2 s).
    static let idleTimeLimit = 2

    public var pace: TimeInterval
    private var frames: ANSIFrames
    private let start: Date
    private var inputs = 0
    private var size: Size
    private let timestamp: Int
    private var events: [(time: TimeInterval, text: String)] = []

    /// Starts a cast at the script's first screen.
    public init(theme: Theme, brand: (UInt8, UInt8, UInt8), first: CellBuffer, at start: Date,
                pace: TimeInterval = defaultPace) {
        frames = ANSIFrames(theme: theme, brand: brand)
        self.start = start
        self.pace = pace
        size = first.size
        timestamp = Int(start.timeIntervalSince1970)
        add(first, at: start)
    }

    /// The screen after one more input event, at the virtual clock's `time`.
    public mutating func input(_ screen: CellBuffer, at time: Date) {
        inputs += 1
        add(screen, at: time)
    }

    private mutating func add(_ screen: CellBuffer, at time: Date) {
        // The header has one size: the largest the script reaches (a smaller
        // screen is drawn in its top-left corner after a clear).
        size = Size(width: max(size.width, screen.size.width), height: max(size.height, screen.size.height))
        let text = frames.next(screen)
        guard !text.isEmpty else { return }
        let seconds = max(0, time.timeIntervalSince(start)) + Double(inputs) * pace
        events.append((max(seconds, events.last?.time ?? 0), text))
    }

    /// The file's text: the header line, then one line per event.
    public var text: String {
        let header: [String: Any] = [
            "version": 2, "width": size.width, "height": size.height, "timestamp": timestamp,
            "idle_time_limit": Self.idleTimeLimit, "env": ["TERM": "xterm-256color"],
        ]
        var lines = [Self.json(header)]
        for event in events {
            // Millisecond times keep the file short and the order exact.
            let time = (event.time * 1_000).rounded() / 1_000
            lines.append("[\(Self.number(time)), \"o\", \(Self.json(event.text))]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ value: Double) -> String {
        String(format: "%.3f", value)
    }

    /// A JSON value on one line with sorted keys; a string goes in as a fragment.
    static func json(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
