import Foundation
import PortalCore
import Testing
@testable import PortalUI

/// Seeded fuzzing of the screen-script parser and runner: mutated copies of
/// the real scripts in Screens/ and generated lines full of edge values.
/// `swift test` plays a small set; PORTAL_SCRIPT_FUZZ_CASES=100000 plays more.
@Suite("Screen script fuzzing")
struct ScriptParserFuzzTests {
    static let seeds: [String] = ScriptCatalog.scripts(in: packageRoot.appendingPathComponent("Screens")).compactMap {
        try? String(contentsOf: $0, encoding: .utf8)
    }

    /// Pieces the parser must weigh carefully: edge numbers, units, quotes,
    /// comment marks, line ends, names, and scalars that join the cluster
    /// before them (they once crashed the text field when typed).
    static let tokens: [String] = [
        "1e300", "1e308", "inf", "infinity", "nan", "-0", "-1", "0", "1", "500", "501", "999", "1000", "1001",
        "99999999999999999999", "9223372036854775807", "-9223372036854775808", "0x10", ".5", "1.", "1e-400",
        "ms", "s", "m", "h", "d", "x", "X", "*", "*0", "*3", "*500", "*501", "#", " # ", "\"", "\\\"", "\\", " ",
        "\t", "\r\n", "\r", "\n", "\u{0}", "\u{1B}[2J", "\u{85}", "\u{2028}", "\u{202E}", "é", "山田", "✓", "\u{301}", "🇺🇸", "\u{1F3FD}", "\u{200D}", "\u{1161}",
        "press", "type", "wait", "resize", "click", "expect", "expect-absent", "expect-row", "snapshot",
        "size", "store", "theme", "clock", "timezone", "mouse", "demo", "on", "off", "dark", "nope",
        "Enter", "Tab", "Esc", "Ctrl+C", "Ctrl+", "F0", "F13", "Down", "PgDn", "Space", "q", "o", "?",
        "2026-11-22T09:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "UTC", "Mars/Olympus",
        "80x24", "1x1", "1000x1000", "0x0", "79x23", "200x60",
    ]

    static let edgeNumbers = ["1e300", "1e308", "1.8e308", "inf", "infinity", "nan", "-1", "0", "1", "365", "366", "367",
                              "500", "501", "1000", "1001", "31622400", "99999999999999999999", "9223372036854775807", "0x10", ".5"]
    static let units = ["ms", "s", "m", "h", "d", "", "x"]

    /// A line built from the grammar, with edge values where numbers go.
    static func grammarLine(_ random: inout SeededGenerator) -> String {
        func number() -> String { random.pick(edgeNumbers) }
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return "wait \(number())\(random.pick(units))"
        case 1: return "\(random.pick(["size", "resize"])) \(number())x\(number())"
        case 2: return "click \(number()) \(number())"
        case 3: return "press \(random.pick(["Down", "Tab", "q", "Enter"]))*\(number())"
        case 4: return "expect-row \(number()) \"a\""
        case 5: return "clock \(random.pick(["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z"]))"
        case 6: return "\(random.pick(["press", "type", "expect"])) \(random.pick(tokens))\(random.pick([" # c", "#", " #", ""]))"
        default: return randomLine(&random)
        }
    }

    /// Any error must be `file:line: message` with a line the text has.
    private static func check(_ error: ScriptError, text: String, file: URL) {
        let lineCount = ScriptParser.lines(of: text).count
        #expect((1...max(1, lineCount)).contains(error.line), "line \(error.line) of \(lineCount): \(error)\n---\n\(text)")
        #expect(error.description.hasPrefix("\(file.relativePath):\(error.line): "))
        #expect(!error.message.isEmpty)
        #expect(InertText.isInert(error.message) || error.message.contains("\\"), "raw control in \(error.message)")
    }

    static func mutate(_ text: String, _ random: inout SeededGenerator) -> String {
        var lines = ScriptParser.lines(of: text).map(String.init)
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            if lines.isEmpty { lines = [""] }
            let at = Int.random(in: 0..<lines.count, using: &random)
            switch Int.random(in: 0..<9, using: &random) {
            case 0: lines.remove(at: at)
            case 1: lines.insert(lines[Int.random(in: 0..<lines.count, using: &random)], at: at)
            case 2: lines.swapAt(at, Int.random(in: 0..<lines.count, using: &random))
            case 3: lines.insert(grammarLine(&random), at: at)
            case 4: // splice in a line from another script
                let other = ScriptParser.lines(of: random.pick(seeds)).map(String.init)
                lines.insert(random.pick(other), at: at)
            default: // edit inside a line: insert, replace or delete scalars and tokens
                var scalars = Array(lines[at].unicodeScalars)
                let position = Int.random(in: 0...scalars.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: scalars.insert(contentsOf: random.pick(tokens).unicodeScalars, at: position)
                case 1: if position < scalars.count { scalars.remove(at: position) }
                case 2: scalars.insert(Unicode.Scalar(UInt8.random(in: 0...127, using: &random)), at: position)
                default:
                    // Replace a number with an edge value, where the parser reads numbers.
                    if let digit = scalars.firstIndex(where: { ("0"..."9").contains($0) }) {
                        var end = digit
                        while end < scalars.count, ("0"..."9").contains(scalars[end]) { end += 1 }
                        scalars.replaceSubrange(digit..<end, with: random.pick(edgeNumbers).unicodeScalars)
                    }
                }
                var line = ""
                line.unicodeScalars.append(contentsOf: scalars)
                lines[at] = line
            }
        }
        return random.pick(["\n", "\r\n", "\r"]) == "\n" ? lines.joined(separator: "\n")
            : lines.joined(separator: random.pick(["\r\n", "\r"]))
    }

    static func randomLine(_ random: inout SeededGenerator) -> String {
        let count = Int.random(in: 1...5, using: &random)
        return (0..<count).map { _ in random.pick(tokens) }.joined(separator: random.pick([" ", "", "  "]))
    }

    /// Plays `count` seeded cases; every other parsed script also runs, with
    /// an input budget (enough to sign in and go on) so no case can take long.
    static func fuzz(seed: UInt64, count: Int) -> (parsed: Int, rejected: Int, ran: Int) {
        var random = SeededGenerator(seed: seed)
        // No goldens and no stores live here: snapshots fail, stores are missing, nothing is written.
        let file = URL(fileURLWithPath: "fuzz-\(seed)/case.screen")
        let runner = ScriptRunner(updateGoldens: false, inputLimit: 300)
        var parsed = 0, rejected = 0, ran = 0
        for index in 0..<count {
            let text = random.chance(85) ? mutate(random.pick(seeds), &random)
                : (0..<Int.random(in: 0...12, using: &random)).map { _ in grammarLine(&random) }.joined(separator: "\n")
            do {
                let script = try ScriptParser.parse(text, file: file)
                parsed += 1
                if index % 2 == 0 {
                    ran += 1
                    do { _ = try runner.run(script) } catch { check(error, text: text, file: file) }
                }
            } catch {
                rejected += 1
                check(error, text: text, file: file)
            }
        }
        return (parsed, rejected, ran)
    }

    @Test(.timeLimit(.minutes(10)))
    func mutatedAndGeneratedScriptsNeverCrashAndSayWhere() {
        let count = environmentCount("PORTAL_SCRIPT_FUZZ_CASES", default: 2_000)
        let seed = UInt64(environmentCount("PORTAL_SCRIPT_FUZZ_SEED", default: 5))
        let result = Self.fuzz(seed: seed, count: count)
        // Both sides must be exercised, or the mutations are too weak or too wild.
        #expect(result.parsed > count / 10)
        #expect(result.rejected > count / 10)
        print("script fuzz: \(count) cases, seed \(seed): \(result.parsed) parsed (\(result.ran) ran), \(result.rejected) rejected")
    }

    @Test func bytesThatAreNotUTF8AreReportedAtTheirLine() throws {
        var random = SeededGenerator(seed: 11)
        for _ in 0..<500 {
            var bytes = Array(random.pick(Self.seeds).utf8)
            let at = Int.random(in: 0...bytes.count, using: &random)
            bytes.insert(UInt8.random(in: 0x80...0xFF, using: &random), at: at)
            let line = ScriptRunner.firstLineNotUTF8(Data(bytes))
            let text = String(decoding: bytes, as: UTF8.self)
            let lines = ScriptParser.lines(of: text)
            #expect((1...lines.count).contains(line))
            if String(validating: bytes, as: UTF8.self) == nil {
                // Scalars, not characters: a replacement character can join a following combining mark.
                #expect(lines[line - 1].unicodeScalars.contains("\u{FFFD}"), "line \(line)")
            }
        }
    }
}
