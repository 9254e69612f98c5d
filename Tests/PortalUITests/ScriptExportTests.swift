import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Casts and pictures of replays: `portal screens run --cast DIR --svg DIR`.
@Suite("Casts and pictures")
struct ScriptExportTests {
    /// Writes a script (and whatever else) into a fresh folder and replays it with exports on.
    private func replay(_ text: String, name: String = "tour", prepare: (URL) throws -> Void = { _ in })
        throws -> (outcome: ScriptRunner.Outcome, exports: ScriptExports, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-exports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try prepare(folder)
        let file = folder.appendingPathComponent("\(name).screen")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let exports = ScriptExports(castFolder: folder.appendingPathComponent("casts"), svgFolder: folder.appendingPathComponent("svg"))
        try exports.prepare()
        var runner = ScriptRunner(updateGoldens: true)
        runner.observe = exports.observe
        let outcome = try runner.run(file: file)
        return (outcome, exports, folder)
    }

    static let tour = """
    size 80x24
    store demo
    theme dark
    type hanako.yamada@contoso.com
    press Tab
    type Contoso-Hanako-6
    press Enter
    wait 90s
    press 2
    snapshot devices
    resize 100x30
    press Down
    snapshot last
    """

    @Test func theCastIsAHeaderLineThenOutputEventsInTimeOrder() throws {
        let (outcome, exports, folder) = try replay(Self.tour)
        #expect(outcome.passed, "\(outcome.failures)")
        #expect(exports.problems.isEmpty)
        let text = try String(contentsOf: folder.appendingPathComponent("casts/tour.cast"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        // The largest size the script reaches.
        #expect(header["width"] as? Int == 100)
        #expect(header["height"] as? Int == 30)
        #expect(header["timestamp"] as? Int == 1_795_338_000)
        #expect((header["env"] as? [String: String])?["TERM"] == "xterm-256color")
        var previous = -1.0
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], "\(line)")
            #expect(event.count == 3)
            let time = try #require((event[0] as? NSNumber)?.doubleValue)
            #expect(time >= previous, "time goes back at \(line)")
            previous = time
            #expect(event[1] as? String == "o")
            #expect(event[2] is String)
        }
        #expect(lines.count > 30, "one event per key that changed the screen")
        // The 90 s wait is in the times, with the keys' pace on top.
        #expect(previous >= 90 && previous < 100, "\(previous)")
    }

    @Test func playingTheCastShowsTheLastSnapshotInItsColors() throws {
        let (_, _, folder) = try replay(Self.tour)
        let text = try String(contentsOf: folder.appendingPathComponent("casts/tour.cast"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        var terminal = TinyTerminal(width: 100, height: 30)
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            terminal.feed(try #require(event[2] as? String))
        }
        let golden = try String(contentsOf: folder.appendingPathComponent("tour.last.txt"), encoding: .utf8)
        let rows = golden.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().prefix(30).map(String.init)
        #expect(terminal.rows == rows, "\n\(terminal.rows.joined(separator: "\n"))")
        // The header bar is drawn in the brand color, as the dark theme says.
        #expect(terminal.background(x: 0, y: 0) == "48;2;0;120;212", "\(terminal.background(x: 0, y: 0))")
        #expect(golden.contains("花子"))
    }

    @Test func eachSnapshotIsAWellFormedPictureWithEscapedStoreText() throws {
        let script = """
        size 80x24
        store hostile.json
        theme default
        snapshot signin
        press F1
        snapshot help
        """
        let (outcome, exports, folder) = try replay(script, name: "markup") { folder in
            var tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 3),
                                               iterations: PasswordHash.allowedIterations.lowerBound)
            tenant.organization.displayName = "Tom & Jerry's <\"Lab\">"
            try JSONStore(url: folder.appendingPathComponent("hostile.json")).create(tenant)
        }
        #expect(outcome.passed, "\(outcome.failures)")
        #expect(exports.written.map(\.lastPathComponent).sorted() == ["markup.cast", "markup.help.svg", "markup.signin.svg"])
        let data = try Data(contentsOf: folder.appendingPathComponent("svg/markup.signin.svg"))
        let picture = PictureReader()
        let parser = XMLParser(data: data)
        parser.delegate = picture
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(picture.rows == 24)
        #expect(picture.text.contains("Tom & Jerry's <\"Lab\">"))
        // The brand bar, the default theme's hint key and border colors are there.
        let theme = try ThemeCatalog.load("default")
        let resolved = ResolvedTheme(theme, depth: .trueColor, brand: (0, 120, 212))
        #expect(picture.fills.contains("#0078d4"))
        #expect(picture.fills.contains(SVGPicture.hex(SVGPicture.colors(resolved.style(for: .border)).foreground)))
        #expect(picture.fills.count >= 4, "\(picture.fills)")
        let raw = String(decoding: data, as: UTF8.self)
        #expect(raw.contains("Tom &amp; Jerry&apos;s &lt;&quot;Lab&quot;&gt;"))
    }

    @Test func afterTheFirstFrameOnlyChangedCellsAreSent() {
        let theme = Theme(name: "t", styles: [.text: RoleStyle(), .title: RoleStyle(foreground: .rgb(1, 2, 3), background: .indexed(4), attributes: [.bold])])
        var frames = ANSIFrames(theme: theme, brand: (0, 0, 0))
        var buffer = CellBuffer(size: Size(width: 20, height: 5))
        buffer.write("Title", x: 2, y: 1, role: .title)
        let first = frames.next(buffer)
        #expect(first.hasPrefix("\u{1B}[0m\u{1B}[H\u{1B}[2J"))
        #expect(first.contains("\u{1B}[2;3H\u{1B}[0;1;38;2;1;2;3;44mTitle"), "\(first.debugDescription)")
        #expect(frames.next(buffer) == "", "nothing changed, nothing sent")
        buffer.write("花", x: 10, y: 3)
        buffer.cursor = Point(x: 4, y: 2)
        #expect(frames.next(buffer) == "\u{1B}[4;11H\u{1B}[0m花\u{1B}[0m\u{1B}[3;5H\u{1B}[?25h")
    }

    @Test func widePicturesTakeTwoCellsAndBoldComesFromTheTheme() throws {
        var buffer = CellBuffer(size: Size(width: 10, height: 2))
        buffer.write("花子x", x: 0, y: 0, role: .title)
        var theme = Theme(name: "t", styles: [.text: RoleStyle(), .title: RoleStyle(foreground: .indexed(2), attributes: [.bold, .underline])])
        theme.styles[.dim] = RoleStyle(foreground: .rgb(1, 2, 3), attributes: [.reverse])
        buffer.write("ab", x: 0, y: 1, role: .dim)
        let svg = SVGPicture.svg(of: buffer, theme: theme, brand: (0, 0, 0), title: "t")
        #expect(svg.contains("x=\"0\" y=\"12.6\" textLength=\"16.8\""), "花 spans two cells")
        #expect(svg.contains("x=\"16.8\" y=\"12.6\" textLength=\"16.8\""), "子 starts at the third cell")
        #expect(svg.contains("x=\"33.6\" y=\"12.6\" textLength=\"8.4\""), "x after both")
        #expect(svg.contains("fill=\"#00cd00\" font-weight=\"bold\" text-decoration=\"underline\""))
        // Reverse: the text takes the background and the cells the color.
        #expect(svg.contains("fill=\"#010203\"/>"))
        #expect(svg.contains("fill=\"#1e1e1e\">ab</text>"))
    }
}

/// Counts rows, collects text and fill colors of a picture.
private final class PictureReader: NSObject, XMLParserDelegate {
    var rows = 0
    var text = ""
    var fills: Set<String> = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "g", attributes["class"] == "row" { rows += 1 }
        if let fill = attributes["fill"] { fills.insert(fill) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}

/// Just enough of a terminal to play a cast: cursor moves, clearing, SGR
/// (kept as text per cell) and wide characters.
struct TinyTerminal {
    private(set) var cells: [[Character?]]
    private(set) var styles: [[String]]
    private var x = 0, y = 0
    private var style = ""

    init(width: Int, height: Int) {
        cells = Array(repeating: Array(repeating: " ", count: width), count: height)
        styles = Array(repeating: Array(repeating: "", count: width), count: height)
    }

    mutating func feed(_ text: String) {
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            guard character == "\u{1B}" else {
                put(character)
                continue
            }
            guard characters.popFirst() == "[" else { continue }
            var parameters = ""
            while let next = characters.popFirst() {
                if next.isLetter { finish(next, parameters); break }
                parameters.append(next)
            }
        }
    }

    private mutating func finish(_ command: Character, _ parameters: String) {
        let numbers = parameters.split(separator: ";").compactMap { Int($0) }
        switch command {
        case "H":
            y = (numbers.first ?? 1) - 1
            x = (numbers.count > 1 ? numbers[1] : 1) - 1
        case "J":
            for row in cells.indices { for column in cells[row].indices { cells[row][column] = " "; styles[row][column] = "" } }
        case "m":
            style = parameters
        default:
            break
        }
    }

    private mutating func put(_ character: Character) {
        guard y < cells.count, x < cells[y].count else { return }
        let width = TextWidth.of(character)
        cells[y][x] = character
        styles[y][x] = style
        if width == 2, x + 1 < cells[y].count { cells[y][x + 1] = nil }
        x += width
    }

    var rows: [String] {
        cells.map { row in
            var line = String(row.compactMap { $0 })
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The background part of the SGR a cell was drawn with.
    func background(x: Int, y: Int) -> String {
        let codes = styles[y][x].split(separator: ";").map(String.init)
        guard let start = codes.firstIndex(of: "48") else { return "" }
        return codes[start...].prefix(5).joined(separator: ";")
    }
}
