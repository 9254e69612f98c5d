import Foundation
import PortalCore
import Testing
@testable import PortalUI

/// QR codes drawn in cells are read back by a real decoder: the cells are
/// turned into modules again, the modules into an image, and zbarimg must
/// find the text that was encoded.
@Suite("QR codes")
struct QRCodeTests {
    static let registrationURI = "otpauth://totp/Contoso:adele.vance%40contoso.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Contoso&algorithm=SHA1&digits=6&period=30"

    // MARK: The cell mapping

    /// D L D / L D D / D D L
    private let tiny = QRCode(size: 3, modules: [true, false, true, false, true, true, true, true, false])

    @Test func twoModulesACellAsHalfBlocks() {
        #expect(QRCodeView.rows(of: tiny, quietZone: 0) == ["▀▄█", "▀▀ "])
        // The quiet zone is light on every side; the odd last row's bottom half too.
        #expect(QRCodeView.rows(of: tiny, quietZone: 1) == [" ▄ ▄ ", " ▄█▀ ", "     "])
        #expect(QRCodeView.cellSize(of: tiny, quietZone: 1) == Size(width: 5, height: 3))
        #expect(QRCodeView.cellSize(of: tiny, quietZone: 2) == Size(width: 7, height: 4))
    }

    @Test func drawnWholeInTheQRCodeRole() {
        var buffer = CellBuffer(size: Size(width: 10, height: 5))
        let outcome = Widgets.qrCode(tiny, x: 2, y: 1, quietZone: 1, buffer: &buffer)
        #expect(outcome == .drawn(Rect(x: 2, y: 1, width: 5, height: 3)))
        #expect(buffer.row(1) == "   ▄ ▄")
        #expect(buffer.row(2) == "   ▄█▀")
        for y in 1..<4 {
            #expect(buffer.roles(ofRow: y) == [.text, .text] + Array(repeating: .qrCode, count: 5) + [.text, .text, .text])
        }
    }

    @Test func wideCharactersCutByTheEdgesAreBlanked() {
        var buffer = CellBuffer(size: Size(width: 9, height: 3))
        for y in 0..<3 { buffer.write("a山bcd山e", x: 0, y: y) }
        #expect(Widgets.qrCode(tiny, x: 2, y: 0, quietZone: 1, buffer: &buffer) == .drawn(Rect(x: 2, y: 0, width: 5, height: 3)))
        #expect(buffer.row(1) == "a  ▄█▀  e")
        #expect(!buffer[7, 1].isContinuation && buffer[7, 1].character == " ")
    }

    @Test func aCodeThatDoesNotFitIsNotDrawnAndSaysWhatItNeeds() {
        var buffer = CellBuffer(size: Size(width: 6, height: 5))
        #expect(Widgets.qrCode(tiny, x: 2, y: 1, quietZone: 1, buffer: &buffer) == .doesNotFit(needs: Size(width: 5, height: 3)))
        #expect(Widgets.qrCode(tiny, x: 0, y: 0, quietZone: 1, clip: Rect(x: 0, y: 0, width: 5, height: 2), buffer: &buffer)
            == .doesNotFit(needs: Size(width: 5, height: 3)))
        #expect(buffer == CellBuffer(size: Size(width: 6, height: 5)))
    }

    @Test func withoutUTF8NothingIsDrawn() {
        var buffer = CellBuffer(size: Size(width: 20, height: 10))
        #expect(Widgets.qrCode(tiny, x: 0, y: 0, localeIsUTF8: false, buffer: &buffer) == .needsUTF8)
        #expect(buffer == CellBuffer(size: Size(width: 20, height: 10)))
    }

    @Test func theQuietZoneShrinksFromFourToTwoToFit() throws {
        let code = try #require(QRCode(text: Self.registrationURI))
        let standard = QRCodeView.cellSize(of: code, quietZone: 4)
        #expect(QRCodeView.quietZone(for: code, fitting: standard) == 4)
        #expect(QRCodeView.quietZone(for: code, fitting: Size(width: standard.width - 1, height: standard.height)) == 3)
        #expect(QRCodeView.quietZone(for: code, fitting: QRCodeView.cellSize(of: code, quietZone: 2)) == 2)
        #expect(QRCodeView.quietZone(for: code, fitting: Size(width: code.size + 3, height: 100)) == nil)
    }

    @Test func fitPrefersLevelMAndGivesUpItsQuietZoneBeforeIt() throws {
        let medium = try #require(QRCode(text: Self.registrationURI, level: .medium))
        let low = try #require(QRCode(text: Self.registrationURI, level: .low))
        #expect(QRCodeView.fit(Self.registrationURI, in: Size(width: 200, height: 100)) == .fits(medium, quietZone: 4))
        #expect(QRCodeView.fit(Self.registrationURI, in: QRCodeView.cellSize(of: medium, quietZone: 2)) == .fits(medium, quietZone: 2))
        let smallest = QRCodeView.cellSize(of: low, quietZone: 2)
        #expect(QRCodeView.fit(Self.registrationURI, in: smallest) == .fits(low, quietZone: 2))
        #expect(QRCodeView.fit(Self.registrationURI, in: Size(width: 80, height: 24)) == .needs(smallest))
        #expect(QRCodeView.fit(String(repeating: "a", count: 3_000), in: Size(width: 500, height: 500)) == .cannotEncode)
    }

    // MARK: Encoding

    @Test func levelMUnlessOnlyLHoldsTheText() throws {
        let uri = try #require(QRCode(text: Self.registrationURI))
        #expect(uri.level == .medium)
        #expect(uri.size == 17 + 4 * uri.version)
        // Version 40 holds 2,331 bytes at M and 2,953 at L.
        let long = try #require(QRCode(text: String(repeating: "a", count: 2_500)))
        #expect(long.level == .low && long.version > 30)
        #expect(QRCode(text: String(repeating: "a", count: 3_000)) == nil)
        #expect(QRCode(text: "") == nil)
    }

    @Test func aNULByteDoesNotCutTheTextShort() throws {
        let short = try #require(QRCode(text: "a"))
        let withNUL = try #require(QRCode(text: "a\u{0}" + String(repeating: "b", count: 100)))
        #expect(withNUL.size > short.size)
    }

    // MARK: Read back by a real decoder

    @Test(arguments: ThemeCatalog.builtInNames)
    func theRegistrationURIScansInEveryTheme(_ theme: String) throws {
        #expect(try scanned(Self.registrationURI, theme: theme) == Self.registrationURI)
    }

    @Test func randomTextsOfManyLengthsScan() throws {
        var random = SeededGenerator(seed: 8)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -._~:/?#[]@!$&'()*+,;=%")
        for length in [1, 9, 40, 77, 150, 260, 400] {
            let text = String((0..<length).map { _ in random.pick(alphabet) })
            #expect(try scanned(text, theme: "default", quietZone: length.isMultiple(of: 2) ? 2 : 4) == text)
        }
    }

    /// Draws `text` headless in a larger screen, reads the cells back into
    /// modules (ink is the role's foreground), paints them in the theme's own
    /// true colours at 8 pixels a module, and asks zbarimg what it says.
    private func scanned(_ text: String, theme name: String, quietZone: Int = QRCodeView.standardQuietZone) throws -> String {
        let code = try #require(QRCode(text: text), "libqrencode refused \(text.utf8.count) bytes")
        let needed = QRCodeView.cellSize(of: code, quietZone: quietZone)
        var buffer = CellBuffer(size: Size(width: needed.width + 7, height: needed.height + 3))
        buffer.fill(buffer.bounds, character: "x", role: .text)
        guard case let .drawn(frame) = Widgets.qrCode(code, x: 5, y: 2, quietZone: quietZone, buffer: &buffer) else {
            Issue.record("not drawn")
            return ""
        }
        let style = ResolvedTheme(try ThemeCatalog.load(name), depth: .trueColor, brand: (0, 120, 212)).style(for: .qrCode)
        let ink = try grey(style.foreground), ground = try grey(style.background)
        let modules = try QRCodeCells.modules(in: buffer, frame: frame)
        return try Zbar.scan(PGM.image(modules, dark: ink, light: ground, pixelsPerModule: 8))
    }

    private func grey(_ color: ResolvedColor) throws -> UInt8 {
        guard case let .rgb(value) = color else { throw QRTestError("the QR code role is not a true colour: \(color)") }
        let r = Double(value >> 16 & 0xFF), g = Double(value >> 8 & 0xFF), b = Double(value & 0xFF)
        return UInt8((0.2126 * r + 0.7152 * g + 0.0722 * b).rounded())
    }
}

/// The QR code role is dark ink on a light ground in every theme, at every
/// colour depth, and reverse video where there are no colours.
@Suite("QR code role")
struct QRCodeRoleTests {
    private let brand: (UInt8, UInt8, UInt8) = (0, 120, 212)

    @Test(arguments: ThemeCatalog.builtInNames)
    func darkOnLightAtEveryDepth(_ name: String) throws {
        let theme = try ThemeCatalog.load(name)
        for depth in [ColorDepth.trueColor, .colors256, .colors16, .colors8] {
            let style = ResolvedTheme(theme, depth: depth, brand: brand).style(for: .qrCode)
            #expect(style.attributes.isEmpty, "\(name) at \(depth): \(style)")
            let ink = try lightness(style.foreground, depth: depth), ground = try lightness(style.background, depth: depth)
            #expect(ground - ink >= 0.8, "\(name) at \(depth): \(style)")
        }
        let colourless = ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: .reverse)
        #expect(ResolvedTheme(theme, depth: .none, brand: brand).style(for: .qrCode) == colourless)
        #expect(ResolvedTheme(theme.withoutColor, depth: .trueColor, brand: brand).style(for: .qrCode) == colourless)
    }

    /// At 256 colours the cube's black and white, which terminal colour
    /// schemes do not repaint as they do the 16 base colours.
    @Test func cubeColoursAt256() throws {
        let style = ResolvedTheme(try ThemeCatalog.load("dark"), depth: .colors256, brand: brand).style(for: .qrCode)
        #expect(style.foreground == .index(16) && style.background == .index(231))
    }

    @Test func aThemeWithoutTheRoleDrawsBlackOnWhite() throws {
        let theme = try Theme.parse(Data(#"{"name":"x","roles":{"text":{"fg":"white","bg":"black"}}}"#.utf8), source: "x.json")
        #expect(theme.style(for: .qrCode) == RoleStyle(foreground: .rgb(0, 0, 0), background: .rgb(255, 255, 255)))
    }

    @Test func aThemeCannotMakeTheCodeUnscannable() throws {
        for style in [##"{"fg":"#ffffff","bg":"#000000"}"##, ##"{"fg":"black"}"##, ##"{"fg":"black","bg":"white","attributes":["bold"]}"##,
                      ##"{"fg":"black","bg":"brand"}"##, ##"{"fg":"#606060","bg":"#909090"}"##, "{}"] {
            #expect(throws: Theme.LoadError.self, "\(style)") { try Theme.parse(theme(qrCode: style), source: "x.json") }
        }
        for style in [##"{"fg":"#1a1a40","bg":"#fffff0"}"##, ##"{"attributes":["reverse"]}"##] {
            #expect(throws: Never.self, "\(style)") { try Theme.parse(theme(qrCode: style), source: "x.json") }
        }
    }

    private func theme(qrCode style: String) -> Data {
        Data((#"{"name":"x","roles":{"text":{},"qrCode":"# + style + "}}").utf8)
    }

    private func lightness(_ color: ResolvedColor, depth: ColorDepth) throws -> Double {
        let (r, g, b): (UInt8, UInt8, UInt8)
        switch color {
        case let .rgb(value): (r, g, b) = (UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        case let .index(index): (r, g, b) = Palette.rgb(ofIndex: index)
        case .terminalDefault: throw QRTestError("\(depth): the terminal's default colour")
        }
        return Palette.lightness(r, g, b)
    }
}

/// Cells back to modules, the inverse of `QRCodeView.rows`.
enum QRCodeCells {
    static func modules(in buffer: CellBuffer, frame: Rect) throws -> [[Bool]] {
        var rows: [[Bool]] = []
        for y in frame.y..<frame.maxY {
            var top: [Bool] = [], bottom: [Bool] = []
            for x in frame.x..<frame.maxX {
                let cell = buffer[x, y]
                guard cell.role == .qrCode else { throw QRTestError("cell \(x),\(y) is \(cell.role)") }
                let pair: (Bool, Bool) = switch cell.character {
                case "█": (true, true)
                case "▀": (true, false)
                case "▄": (false, true)
                case " ": (false, false)
                default: throw QRTestError("cell \(x),\(y) is \"\(cell.character)\"")
                }
                top.append(pair.0)
                bottom.append(pair.1)
            }
            rows += [top, bottom]
        }
        return rows
    }
}

/// A binary greymap, which zbarimg reads.
enum PGM {
    static func image(_ modules: [[Bool]], dark: UInt8, light: UInt8, pixelsPerModule scale: Int) -> Data {
        let width = (modules.first?.count ?? 0) * scale, height = modules.count * scale
        var data = Data("P5\n\(width) \(height)\n255\n".utf8)
        for row in modules {
            let line = row.flatMap { Array(repeating: $0 ? dark : light, count: scale) }
            for _ in 0..<scale { data.append(contentsOf: line) }
        }
        return data
    }
}

/// zbarimg from the PATH; missing, it fails the test (CI installs zbar-tools).
enum Zbar {
    static func scan(_ image: Data) throws -> String {
        let executable = try find("zbarimg")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("portal-qr-\(UUID().uuidString).pgm")
        try image.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--raw", "-q", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw QRTestError("zbarimg found no code (exit \(process.terminationStatus))") }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    private static func find(_ name: String) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw QRTestError("\(name) is not on the PATH: install zbar-tools (.ci/run does)")
    }
}

struct QRTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
