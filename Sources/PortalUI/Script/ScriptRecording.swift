import Foundation

/// A screen script being written down as someone uses the portal: the
/// headers a recording pins, then each input in the script language
/// (printable characters gathered into `type` lines, other keys into
/// `press` lines with repeats, clicks, resizes, waits and snapshots).
public struct ScriptRecording {
    /// What the person did, as the script will play it.
    public enum Input: Equatable, Sendable {
        case key(Key)
        case click(x: Int, y: Int)
        case resize(Size)
        case wait(TimeInterval)
        case snapshot(String)
    }

    public private(set) var inputs: [Input] = []
    private let headers: [String]

    /// The header lines of `script`, written out in full so the recording
    /// replays in the world it was made in whatever the defaults become.
    public init(script: ScreenScript, comment: String) {
        var headers = ["# \(comment)"]
        headers.append("size \(script.size)")
        switch script.store {
        case .demo: headers.append("store demo")
        case let .file(path): headers.append("store \(path)")
        }
        headers.append("theme \(script.theme)")
        headers.append("clock \(script.clock.formatted(.iso8601))")
        // Foundation names UTC "GMT"; scripts say UTC.
        headers.append("timezone \(script.timeZone.identifier == "GMT" ? "UTC" : script.timeZone.identifier)")
        headers.append("mouse \(script.mouse ? "on" : "off")")
        if let host = script.host { headers.append("host \(host)") }
        self.headers = headers
    }

    public mutating func add(_ input: Input) { inputs.append(input) }

    /// What the portal is sent for a terminal event, in the order sent; an
    /// event the script language cannot say (the wheel) is left out, so the
    /// recording never does what its replay would not. A paste types its
    /// text without line breaks.
    public static func keys(for event: InputEvent) -> [Input] {
        switch event {
        case let .key(key):
            if case let .character(character) = key, !isPrintable(character) { return [] }
            return [.key(key)]
        case let .mouse(mouse):
            return mouse.kind == .click ? [.click(x: mouse.x, y: mouse.y)] : []
        case let .resize(size):
            return [.resize(size)]
        case let .paste(text):
            return text.filter(isPrintable).map { .key(.character($0)) }
        }
    }

    static func isPrintable(_ character: Character) -> Bool {
        !character.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format && $0.value != 0x200D }
    }

    /// The script's text.
    public var text: String {
        var lines = headers + [""]
        var typed = ""
        var pressed: [(Key, Int)] = []
        func flush() {
            if !typed.isEmpty {
                lines.append(typed.allSatisfy { $0 == " " } ? "press Space" + (typed.count > 1 ? "*\(typed.count)" : "") : "type \(Self.quoted(typed))")
                typed = ""
            }
            if !pressed.isEmpty {
                lines.append("press " + pressed.map { $0.1 > 1 ? "\($0.0.name)*\($0.1)" : $0.0.name }.joined(separator: " "))
                pressed = []
            }
        }
        for input in inputs {
            switch input {
            case let .key(.character(character)):
                if !pressed.isEmpty { flush() }
                typed.append(character)
            case let .key(key):
                if !typed.isEmpty { flush() }
                // The parser takes at most 500 repeats of one name.
                if let last = pressed.last, last.0 == key, last.1 < 500 {
                    pressed[pressed.count - 1].1 += 1
                } else {
                    pressed.append((key, 1))
                }
            case let .click(x, y):
                flush()
                lines.append("click \(x) \(y)")
            case let .resize(size):
                flush()
                lines.append("resize \(size)")
            case let .wait(seconds):
                flush()
                lines.append("wait \(Self.duration(seconds))")
            case let .snapshot(label):
                flush()
                lines.append("snapshot \(label)")
            }
        }
        flush()
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whole seconds as `42s`, anything finer in milliseconds.
    static func duration(_ seconds: TimeInterval) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(Int((seconds * 1_000).rounded()))ms"
    }

    /// Text for a `type` line: as is when the parser reads it back the same,
    /// else in double quotes with \" and \\ escaped.
    static func quoted(_ text: String) -> String {
        let plain = text.first != " " && text.last != " " && text.first != "\t" && text.last != "\t"
            && !text.contains("#") && !text.contains("\"") && !text.contains("\\")
        if plain { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
