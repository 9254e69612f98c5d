import Foundation
import PortalCore
import PortalStore

/// Reads the line-based screen script format (see README, "Screen scripts").
public enum ScriptParser {
    static let headers: Set<String> = ["size", "store", "theme", "clock", "timezone", "mouse", "host", "kiosk"]

    public static func parse(_ text: String, file: URL) throws(ScriptError) -> ScreenScript {
        var script = ScreenScript(file: file)
        var seenCommand = false
        // The size clicks and rows are checked against, as it is at each line.
        var screenSize = script.size
        for (index, rawLine) in lines(of: text).enumerated() {
            let lineNumber = index + 1
            let line = withoutComment(rawLine).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let (word, rest) = split(line)
            func fail(_ message: String) -> ScriptError {
                ScriptError(file: file.relativePath, line: lineNumber, message: InertText.escaped(message))
            }

            if headers.contains(word) {
                if seenCommand { throw fail("header \"\(word)\" must come before the first command") }
                try parseHeader(word, rest, into: &script, fail: fail)
                script.headerLines[word] = lineNumber
                screenSize = script.size
                continue
            }
            seenCommand = true
            let command: ScreenScript.Command
            switch word {
            case "press":
                let names = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                guard !names.isEmpty else { throw fail("press needs a key name, e.g. press Enter") }
                var keys: [Key] = []
                for name in names {
                    let (keyName, count) = repetition(name)
                    guard let key = Key(name: keyName) else {
                        throw fail("unknown key \"\(keyName)\"; use a character or Enter, Tab, Shift+Tab, Esc, Backspace, Delete, Up, Down, Left, Right, PgUp, PgDn, Home, End, Space, F1-F12, Ctrl+A-Z")
                    }
                    guard let count else { throw fail("bad repeat count in \"\(name)\"; write Down*3") }
                    keys += Array(repeating: key, count: count)
                }
                command = .press(keys)
            case "type":
                guard !rest.isEmpty else { throw fail("type needs text") }
                command = .type(unquote(rest))
            case "type-code":
                let words = rest.split(separator: " ", maxSplits: 1).map(String.init)
                guard let name = words.first else { throw fail("type-code needs an account, as in: type-code lee.gu@contoso.com") }
                command = .typeCode(principalName: name, method: words.count > 1 ? unquote(words[1]) : nil)
            case "wait":
                guard let seconds = duration(rest) else {
                    throw fail("bad duration \"\(rest)\"; write a number up to a year with a unit: 500ms, 5s, 2m, 1h or 3d")
                }
                command = .wait(seconds)
            case "resize":
                guard let size = size(rest) else { throw fail(badSize(rest)) }
                screenSize = size
                command = .resize(size)
            case "click":
                let fields = rest.split(whereSeparator: { $0 == " " || $0 == "\t" })
                let numbers = fields.compactMap { Int($0) }
                guard fields.count == 2, numbers.count == 2 else { throw fail("click needs a column and a row, e.g. click 10 4") }
                guard (0..<screenSize.width).contains(numbers[0]), (0..<screenSize.height).contains(numbers[1]) else {
                    throw fail("click \(numbers[0]) \(numbers[1]) is off the \(screenSize) screen; columns count 0-\(screenSize.width - 1), rows 0-\(screenSize.height - 1)")
                }
                command = .click(x: numbers[0], y: numbers[1])
            case "expect":
                guard !rest.isEmpty else { throw fail("expect needs text") }
                command = .expect(unquote(rest))
            case "expect-absent":
                guard !rest.isEmpty else { throw fail("expect-absent needs text") }
                command = .expectAbsent(unquote(rest))
            case "expect-row":
                let (rowText, text) = split(rest)
                guard let row = Int(rowText), row >= 0 else { throw fail("expect-row needs a row number, e.g. expect-row 0 \"Contoso\"") }
                guard !text.isEmpty else { throw fail("expect-row needs text after the row number") }
                guard row < screenSize.height else {
                    throw fail("expect-row \(row) is off the \(screenSize) screen; rows count 0-\(screenSize.height - 1)")
                }
                command = .expectRow(row, unquote(text))
            case "expect-role":
                command = try RoleExpectation.parse(rest, fail: fail)
            case "restart":
                guard rest.isEmpty else { throw fail("restart takes nothing after it") }
                command = .restart
            case "snapshot":
                guard !rest.isEmpty, rest.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    throw fail("snapshot needs a label of letters, digits, - and _")
                }
                command = .snapshot(rest)
            default:
                throw fail("unknown command \"\(word)\"; expected one of: press, type, type-code, wait, resize, click, restart, expect, expect-absent, expect-row, expect-role, snapshot, or a header (size, store, theme, clock, timezone, mouse, host, kiosk)")
            }
            script.steps.append(ScreenScript.Step(line: lineNumber, text: line, command: command))
        }
        return script
    }

    private static func parseHeader(_ word: String, _ rest: String, into script: inout ScreenScript,
                                    fail: (String) -> ScriptError) throws(ScriptError) {
        switch word {
        case "size":
            guard let size = size(rest) else { throw fail(badSize(rest)) }
            script.size = size
        case "store":
            guard !rest.isEmpty else { throw fail("store needs demo or a path to a store file") }
            script.store = rest == "demo" ? .demo : .file(rest)
        case "theme":
            guard !rest.isEmpty else { throw fail("theme needs a name") }
            script.theme = rest
        case "clock":
            guard let date = try? Date(rest, strategy: .iso8601) else {
                throw fail("bad clock \"\(rest)\"; write an ISO-8601 time such as 2026-11-22T09:00:00Z")
            }
            script.clock = date
        case "timezone":
            guard let zone = TimeZone(identifier: rest) else { throw fail("unknown time zone \"\(rest)\"; write e.g. UTC or Europe/Paris") }
            script.timeZone = zone
        case "mouse":
            guard rest == "on" || rest == "off" else { throw fail("mouse takes on or off") }
            script.mouse = rest == "on"
        case "host":
            guard !rest.isEmpty else {
                throw fail("host needs a folder of a machine's etc/, proc/ and sys/ files, or the facts portal probe --json prints")
            }
            script.host = rest
        case "kiosk":
            script.kiosk = try parseKiosk(rest, fail: fail)
        default:
            break
        }
    }

    /// Exactly WIDTHxHEIGHT in decimal digits: Size("80x24x") alone would pass.
    private static func size(_ text: String) -> Size? {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        return Size(text)
    }

    private static func badSize(_ text: String) -> String {
        "bad size \"\(text)\"; write WIDTHxHEIGHT with each from 1 to 1000, e.g. 80x24"
    }

    /// Lines end at LF, CRLF or a lone CR, so scripts saved on any system read
    /// the same. (Swift sees CRLF as one Character, hence the third case.)
    static func lines(of text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    }

    /// Cuts a trailing comment. A comment starts at a `#` outside double quotes
    /// that begins the line, or that follows whitespace and is itself followed
    /// by whitespace: `press Tab  # next` has one, while `press #`, `press a#`
    /// and `type "# not a comment"` keep their `#`.
    static func withoutComment(_ line: Substring) -> Substring {
        var inQuotes = false
        var escaping = false
        var previous: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            let next = line.index(after: index)
            if inQuotes {
                if escaping { escaping = false }
                else if character == "\\" { escaping = true }
                else if character == "\"" { inQuotes = false }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "#" {
                let startsLine = line[..<index].allSatisfy { $0 == " " || $0 == "\t" }
                let afterSpace = previous == " " || previous == "\t"
                let beforeSpace = next < line.endIndex && (line[next] == " " || line[next] == "\t")
                if startsLine || (afterSpace && beforeSpace) { return line[..<index] }
            }
            previous = character
            index = next
        }
        return line
    }

    private static func split(_ line: String) -> (String, String) {
        guard let space = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (line, "") }
        return (String(line[..<space]), line[space...].trimmingCharacters(in: .whitespaces))
    }

    /// "text" -> text, with \" and \\ inside quotes; unquoted text is taken as is.
    static func unquote(_ text: String) -> String {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return text }
        var result = ""
        var escaping = false
        for character in text.dropFirst().dropLast() {
            if escaping { result.append(character); escaping = false }
            else if character == "\\" { escaping = true }
            else { result.append(character) }
        }
        return result
    }

    /// "Down*3" -> (Down, 3); "Down" -> (Down, 1); a bad count gives nil.
    private static func repetition(_ name: String) -> (String, Int?) {
        guard name.count > 1, let star = name.lastIndex(of: "*"), star != name.startIndex else { return (name, 1) }
        let count = Int(name[name.index(after: star)...])
        return (String(name[..<star]), count.flatMap { (1...500).contains($0) ? $0 : nil })
    }

    /// The longest wait a script may ask for: date arithmetic on the virtual
    /// clock must stay far from overflow however many waits a script holds.
    static let longestWait: TimeInterval = 366 * 86_400

    /// "500ms", "1.5h"; nil unless a plain decimal number, finite, within a year.
    static func duration(_ text: String) -> TimeInterval? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3_600), ("d", 86_400)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            // Double() also takes "inf", "nan" and hex; a script means decimals.
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-") }),
                  number.first!.isNumber || number.first == ".", let value = Double(number) else { continue }
            let seconds = value * scale
            if seconds.isFinite, seconds >= 0, seconds <= longestWait { return seconds }
        }
        return nil
    }
}
