import Foundation
import PortalStore

/// Reads the line-based screen script format (see README, "Screen scripts").
public enum ScriptParser {
    static let headers: Set<String> = ["size", "store", "theme", "clock", "timezone", "mouse"]

    public static func parse(_ text: String, file: URL) throws(ScriptError) -> ScreenScript {
        var script = ScreenScript(file: file)
        var seenCommand = false
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let (word, rest) = split(line)
            func fail(_ message: String) -> ScriptError { ScriptError(file: file.relativePath, line: lineNumber, message: message) }

            if headers.contains(word) {
                if seenCommand { throw fail("header \"\(word)\" must come before the first command") }
                try parseHeader(word, rest, into: &script, fail: fail)
                continue
            }
            seenCommand = true
            let command: ScreenScript.Command
            switch word {
            case "press":
                let names = rest.split(separator: " ").map(String.init)
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
            case "wait":
                guard let seconds = duration(rest) else { throw fail("bad duration \"\(rest)\"; write 500ms, 5s, 2m, 1h or 3d") }
                command = .wait(seconds)
            case "resize":
                guard let size = Size(rest) else { throw fail("bad size \"\(rest)\"; write WIDTHxHEIGHT, e.g. 80x24") }
                command = .resize(size)
            case "click":
                let numbers = rest.split(separator: " ").compactMap { Int($0) }
                guard numbers.count == 2 else { throw fail("click needs a column and a row, e.g. click 10 4") }
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
                command = .expectRow(row, unquote(text))
            case "snapshot":
                guard !rest.isEmpty, rest.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    throw fail("snapshot needs a label of letters, digits, - and _")
                }
                command = .snapshot(rest)
            default:
                throw fail("unknown command \"\(word)\"; expected one of: press, type, wait, resize, click, expect, expect-absent, expect-row, snapshot, or a header (size, store, theme, clock, timezone, mouse)")
            }
            script.steps.append(ScreenScript.Step(line: lineNumber, text: line, command: command))
        }
        return script
    }

    private static func parseHeader(_ word: String, _ rest: String, into script: inout ScreenScript,
                                    fail: (String) -> ScriptError) throws(ScriptError) {
        switch word {
        case "size":
            guard let size = Size(rest) else { throw fail("bad size \"\(rest)\"; write WIDTHxHEIGHT, e.g. 80x24") }
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
        default:
            break
        }
    }

    private static func split(_ line: String) -> (String, String) {
        guard let space = line.firstIndex(of: " ") else { return (line, "") }
        return (String(line[..<space]), line[space...].trimmingCharacters(in: .whitespaces))
    }

    /// "text" -> text, with \" and \\ inside quotes; unquoted text is taken as is.
    private static func unquote(_ text: String) -> String {
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

    static func duration(_ text: String) -> TimeInterval? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3_600), ("d", 86_400)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            if let value = Double(text.dropLast(suffix.count)), value >= 0 { return value * scale }
        }
        return nil
    }
}
