import Foundation
import Testing
@testable import PortalUI

@Suite("Text width and the cell buffer")
struct BufferTests {
    @Test func widths() {
        #expect(TextWidth.of("abc") == 3)
        #expect(TextWidth.of("山田") == 4)
        #expect(TextWidth.of("Zoë") == 3)
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("🙂") == 2)
        #expect(TextWidth.of("✓") == 1)
        #expect(TextWidth.of("❤️") == 1) // drawn as ❤, which wcwidth makes narrow
    }

    @Test func truncateAndPadRespectWideCharacters() {
        #expect(TextWidth.truncate("山田花子", to: 5) == "山田…")
        #expect(TextWidth.pad("山田", to: 6) == "山田  ")
        #expect(TextWidth.wrap("one two three", width: 7) == ["one two", "three"])
    }

    @Test func wideCharactersTakeTwoCells() {
        var buffer = CellBuffer(size: Size(width: 10, height: 1))
        let end = buffer.write("a山b", x: 0, y: 0)
        #expect(end == 4)
        #expect(buffer[1, 0].character == "山")
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer.row(0) == "a山b")
        // Overwriting the second half of a wide character blanks the first.
        buffer.write("x", x: 2, y: 0)
        #expect(buffer.row(0) == "a xb")
    }

    @Test func wideCharacterThatDoesNotFitIsNotHalfDrawn() {
        var buffer = CellBuffer(size: Size(width: 3, height: 1))
        buffer.write("ab山", x: 0, y: 0)
        #expect(buffer.row(0) == "ab")
    }
}

@Suite("Themes")
struct ThemeTests {
    @Test(arguments: ThemeCatalog.builtInNames)
    func builtInThemesLoadAndCoverEveryRole(_ name: String) throws {
        let theme = try ThemeCatalog.load(name)
        #expect(theme.name == name)
        for role in Role.allCases { #expect(theme.styles[role] != nil, "\(name) lacks \(role)") }
    }

    @Test func themeFilesOnDiskAreTheCompiledOnes() throws {
        for name in ThemeCatalog.builtInNames {
            let disk = try Data(contentsOf: packageRoot.appendingPathComponent("Themes/\(name).json"))
            #expect(disk == ThemeCatalog.builtInData(name))
        }
    }

    @Test func unknownThemeListsTheAvailableOnes() {
        #expect(throws: Theme.LoadError.unknownTheme(name: "neon", available: ThemeCatalog.builtInNames)) {
            try ThemeCatalog.load("neon")
        }
        let message = Theme.LoadError.unknownTheme(name: "neon", available: ThemeCatalog.builtInNames).description
        #expect(message.contains("default, dark, light, high-contrast, monochrome"))
    }

    @Test func badThemeFilesSayWhere() {
        #expect(throws: Theme.LoadError.self) { try Theme.parse(Data(#"{"name":"x","roles":{"text":{"fg":"ultraviolet"}}}"#.utf8), source: "x.json") }
        #expect(throws: Theme.LoadError.self) { try Theme.parse(Data(#"{"name":"x","roles":{"sparkle":{}}}"#.utf8), source: "x.json") }
        #expect(throws: Theme.LoadError.self) { try Theme.parse(Data(#"{"name":"x","roles":{"title":{}}}"#.utf8), source: "x.json") }
    }

    @Test func colorsParse() {
        #expect(ThemeColor(parsing: "brightBlue") == .indexed(12))
        #expect(ThemeColor(parsing: "200") == .indexed(200))
        #expect(ThemeColor(parsing: "#ff8000") == .rgb(255, 128, 0))
        #expect(ThemeColor(parsing: "brand") == .brand)
        #expect(ThemeColor(parsing: "256") == nil)
    }

    @Test func downsampling() {
        let brand: (UInt8, UInt8, UInt8) = (0, 120, 212)
        let orange = ThemeColor.rgb(255, 135, 0)
        #expect(orange.resolved(depth: .trueColor, brand: brand) == .rgb(0xFF8700))
        #expect(orange.resolved(depth: .colors256, brand: brand) == .index(208))
        #expect(ThemeColor.rgb(255, 0, 0).resolved(depth: .colors16, brand: brand) == .index(9))
        #expect(ThemeColor.rgb(200, 0, 0).resolved(depth: .colors8, brand: brand) == .index(1))
        #expect(ThemeColor.rgb(128, 128, 128).resolved(depth: .colors256, brand: brand) == .index(244))
        #expect(ThemeColor.indexed(12).resolved(depth: .colors8, brand: brand) == .index(4))
        #expect(ThemeColor.brand.resolved(depth: .trueColor, brand: brand) == .rgb(0x0078D4))
        #expect(orange.resolved(depth: .none, brand: brand) == .terminalDefault)
        #expect(ColorDepth(colorCount: 0x1000000) == .trueColor)
        #expect(ColorDepth(colorCount: 256) == .colors256)
        #expect(ColorDepth(colorCount: 8) == .colors8)
    }

    @Test func noColorKeepsAttributesOnly() throws {
        let theme = try ThemeCatalog.load("default").withoutColor
        #expect(theme.styles.values.allSatisfy { $0.foreground == .terminalDefault && $0.background == .terminalDefault })
        #expect(theme.style(for: .noncompliant).attributes.contains(.bold))
    }
}

@Suite("Escape sequences curses did not know")
struct EscapeSequenceTests {
    @Test func completeness() {
        #expect(!EscapeSequence.isComplete([]))
        #expect(!EscapeSequence.isComplete(["["]))
        #expect(!EscapeSequence.isComplete(["[", "4"]))
        #expect(EscapeSequence.isComplete(["[", "4", "~"]))
        #expect(EscapeSequence.isComplete(["[", "A"]))
        #expect(EscapeSequence.isComplete(["O", "F"]))
        #expect(EscapeSequence.isComplete(["x"]))
    }

    @Test func decoding() {
        #expect(EscapeSequence.decode(Array("[4~")) == .key(.end))
        #expect(EscapeSequence.decode(Array("[1~")) == .key(.home))
        #expect(EscapeSequence.decode(Array("OB")) == .key(.down))
        #expect(EscapeSequence.decode(Array("[Z")) == .key(.backTab))
        #expect(EscapeSequence.decode(Array("[21~")) == .key(.function(10)))
        #expect(EscapeSequence.decode(Array("[99~")) == .ignored)
        // Esc and a letter in one read is Alt+letter, which must not type.
        #expect(EscapeSequence.decode(["q"]) == .alt("q"))
    }
}
