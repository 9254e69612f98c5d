import Foundation
import PortalCore
import Testing
@testable import PortalUI

/// Clusters terminals disagree on, or that broke the layout before.
let hardClusters: [String] = [
    "e\u{301}", "e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}", "\u{301}alone", "❤️", "⚠️", "1️⃣",
    "👨‍👩‍👧", "👍🏽", "🇯🇵", "🇯", "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
    "क्ष", "नमस्ते", "\u{1100}\u{1161}\u{11A8}", "\u{1161}", "\u{2A6E0}", "\u{20000}", "山田",
    "\u{2066}x\u{2069}", "\u{061C}", "\u{FFF9}a\u{FFFB}", "\u{202E}", "\u{1B}[31m", "\u{9B}2J",
    "\u{1B}]0;title\u{7}", "\u{1B}P1$q\u{1B}\\", "a\u{200B}b", "\u{FEFF}", "\r\n", "\t", "\u{10FFFF}",
    "\u{E000}", "🙂", "Zoë",
]

@Suite("Text width as the terminal draws it")
struct TextWidthTests {
    /// Widths follow wcwidth per drawn piece: emoji sequences are drawn as
    /// their base, what cannot be drawn reliably as one U+FFFD.
    @Test func widthsOfHardClusters() {
        #expect(TextWidth.of("❤️") == 1)
        #expect(TextWidth.of("⚠️") == 1)
        #expect(TextWidth.of("1️⃣") == 1)
        #expect(TextWidth.of("👨‍👩‍👧") == 2)
        #expect(TextWidth.of("👍🏽") == 2)
        #expect(TextWidth.of("🇯🇵") == 1)
        #expect(TextWidth.of("🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}") == 2)
        #expect(TextWidth.of("\u{2066}") == 1)
        #expect(TextWidth.of("\u{2A6E0}") == 1)
        #expect(TextWidth.of("\u{20000}") == 2)
        #expect(TextWidth.of("e\u{301}\u{302}\u{303}") == 1)
        #expect(TextWidth.of("क्ष") == 2)
        #expect(TextWidth.of("\u{1100}\u{1161}\u{11A8}") == 2)
        #expect(TextWidth.of("a\u{200B}b") == 2)
    }

    /// Every cell holds what ncurses can put in one: one spacing scalar of
    /// the cell's width and at most four zero-width ones, never a control.
    @Test(arguments: hardClusters)
    func cellsHoldOneDrawablePiece(_ text: String) {
        var buffer = CellBuffer(size: Size(width: 40, height: 1))
        let end = buffer.write(text, x: 0, y: 0)
        #expect(end == TextWidth.of(text), "layout and buffer disagree on \(InertText.escaped(text))")
        for x in 0..<end where !buffer[x, 0].isContinuation {
            let scalars = Array(buffer[x, 0].character.unicodeScalars)
            let width = x + 1 < buffer.size.width && buffer[x + 1, 0].isContinuation ? 2 : 1
            #expect(scalars.count <= 5)
            #expect(TextWidth.columns(of: scalars[0]) == width, "\(InertText.escaped(text)) at \(x)")
            #expect(scalars.dropFirst().allSatisfy { TextWidth.columns(of: $0) == 0 })
            #expect(!scalars.contains(where: InertText.isUnsafe))
        }
    }

    /// The bidi isolates, the Arabic letter mark and the annotation marks
    /// reached the terminal raw; controls and escape sequences never reach a cell.
    @Test func writtenTextIsInert() {
        var buffer = CellBuffer(size: Size(width: 40, height: 1))
        buffer.write("a\u{1B}[31mb\u{2066}c\u{061C}d\u{FFF9}e\u{9B}f\u{202E}", x: 0, y: 0)
        #expect(buffer.row(0) == "a\u{FFFD}[31mb\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}")
        #expect(InertText.isInert(buffer.text.replacingOccurrences(of: "\u{FFFD}", with: "")))
    }

    @Test func fillTakesOneNarrowCharacter() {
        var buffer = CellBuffer(size: Size(width: 4, height: 1))
        buffer.fill(Rect(x: 0, y: 0, width: 4, height: 1), character: "\u{1B}", role: .text)
        #expect(buffer.row(0) == String(repeating: "\u{FFFD}", count: 4))
    }

    /// Drawn pieces are what the terminal gets: a conjunct is two cells, a
    /// ZWJ family its first person, a lone mark sits on a dotted circle.
    @Test func piecesAreWhatIsDrawn() {
        var buffer = CellBuffer(size: Size(width: 10, height: 1))
        buffer.write("क्ष👨‍👩‍👧\u{301}", x: 0, y: 0)
        #expect(buffer[0, 0].character == "क्")
        #expect(buffer[1, 0].character == "ष")
        #expect(buffer[2, 0].character == "👨")
        #expect(buffer[3, 0].isContinuation)
        #expect(buffer.row(0) == "क्ष👨")
        var mark = CellBuffer(size: Size(width: 10, height: 1))
        mark.write("\u{301}", x: 0, y: 0)
        #expect(mark[0, 0].character == "\u{25CC}\u{301}")
    }

    /// A character wider than the wrap width used to loop for ever.
    @Test func wrapPlacesACharacterWiderThanTheWidth() {
        #expect(TextWidth.wrap("山 a", width: 1) == ["山", "a"])
    }

    @Test func longWordsWrapAndTruncateExactly() {
        let word = String(repeating: "ab山", count: 5_000)
        let lines = TextWidth.wrap("x " + word + " y", width: 37)
        #expect(lines.first == "x")
        #expect(lines.dropFirst().dropLast().allSatisfy { TextWidth.of($0) >= 36 && TextWidth.of($0) <= 37 })
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == "x" + word + "y")
        #expect(TextWidth.truncate(word, to: 10) == "ab山ab山a…")
        #expect(TextWidth.truncate(word, to: 9, ellipsis: false) == "ab山ab山a")
        #expect(TextWidth.truncate("abc", to: 3) == "abc")
    }
}
