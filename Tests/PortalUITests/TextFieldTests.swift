import Foundation
import Testing
@testable import PortalUI

@Suite("Text fields")
struct TextFieldTests {
    private func typed(_ scalars: [Unicode.Scalar], into field: TextFieldState = .workAccount()) -> TextFieldState {
        var field = field
        for scalar in scalars { _ = field.handle(.character(Character(scalar))) }
        return field
    }

    /// Each key carries one scalar that may join the cluster before it; the
    /// cursor used to count keys and run past the end of the text.
    @Test(arguments: ["e\u{301}", "🇯🇵", "👍🏽", "👨‍👩‍👧", "\u{1100}\u{1161}\u{11A8}", "क्ष", "🏴\u{E0067}\u{E0062}\u{E007F}"])
    func joiningScalarsKeepTheCursorInTheText(_ text: String) {
        var field = typed(Array(text.unicodeScalars))
        #expect(field.text == text)
        #expect(field.cursor == text.count)
        _ = field.handle(.character("x"))
        #expect(field.text == text + "x")
        _ = field.handle(.left)
        _ = field.handle(.left)
        _ = field.handle(.character("a"))
        #expect(field.text == "a" + text + "x")
        #expect(field.cursor == 1)
        for key in [Key.end, .backspace, .home, .delete, .right, .backspace, .delete, .end, .backspace] {
            _ = field.handle(key)
            #expect(field.cursor >= 0 && field.cursor <= field.text.count)
        }
    }

    /// A mark typed at the start joins the character after it.
    @Test func markBeforeABaseJoinsIt() {
        var field = TextFieldState.workAccount("\u{301}")
        _ = field.handle(.home)
        _ = field.handle(.character("e"))
        #expect(field.text == "e\u{301}")
        #expect(field.cursor == 1)
    }

    @Test func fieldsHaveLengthLimits() {
        let scalars = Array(String(repeating: "a", count: 10_000).unicodeScalars)
        #expect(typed(scalars).text.count == 113)
        #expect(typed(scalars, into: .password()).text.count == 256)
        #expect(typed(scalars, into: TextFieldState(limit: 8)).text == "aaaaaaaa")
        // One endless cluster of marks is bounded too.
        let marks = typed(["e"] + Array(repeating: "\u{301}", count: 5_000))
        #expect(marks.text.unicodeScalars.count == 113)
        #expect(marks.isFull)
        #expect(TextFieldState(text: String(repeating: "b", count: 300), limit: 5).text == "bbbbb")
    }

    @Test func controlAndBidiCharactersNeverEnterAField() {
        let field = typed(["a", "\u{1B}", "\u{2066}", "\u{9B}", "\u{202E}", "b"])
        #expect(field.text == "ab")
    }

    @Test func ctrlWDeletesTheWordBeforeTheCursor() {
        var field = TextFieldState.workAccount("one two  three")
        _ = field.handle(.control("w"))
        #expect(field.text == "one two  ")
        _ = field.handle(.control("w"))
        #expect(field.text == "one ")
        _ = field.handle(.left)
        _ = field.handle(.left)
        _ = field.handle(.control("w"))
        #expect(field.text == "e ")
        #expect(field.cursor == 0)
        _ = field.handle(.control("w"))
        #expect(field.text == "e ")
    }

    @Test func ctrlKDeletesToTheEnd() {
        var field = TextFieldState.workAccount("adele.vance@contoso.com")
        for _ in 0..<12 { _ = field.handle(.left) }
        let handled = field.handle(.control("k"))
        #expect(handled)
        #expect(field.text == "adele.vance")
        #expect(field.cursor == 11)
        _ = field.handle(.control("k"))
        #expect(field.text == "adele.vance")
    }

    private func draw(_ value: String, cursor: Int, fieldWidth: Int = 10) -> (row: String, cursor: Int?) {
        var buffer = CellBuffer(size: Size(width: 40, height: 1))
        Widgets.field(label: "L", value: value, secret: false, focused: true, cursor: cursor,
                      x: 2, y: 0, labelWidth: 4, fieldWidth: fieldWidth, buffer: &buffer)
        let row = buffer.row(0)
        let field = String(row.dropFirst(6).prefix(fieldWidth))
        return (field, buffer.cursor.map { $0.x - 6 })
    }

    /// A field whose text scrolled out of view shows on which side.
    @Test func scrolledTextIsMarkedAndTheCursorStaysVisible() {
        let value = "abcdefghijklmnopqrstuvwxyz"
        let end = draw(value, cursor: 26)
        #expect(end.row == "‹stuvwxyz ")
        #expect(end.cursor == 9)
        let start = draw(value, cursor: 0)
        #expect(start.row == "abcdefghi›")
        #expect(start.cursor == 0)
        let middle = draw(value, cursor: 13)
        #expect(middle.row == "‹ghijklmn›")
        #expect(middle.cursor == 8)
        let fits = draw("short", cursor: 5)
        #expect(fits.row == "short     ")
        #expect(fits.cursor == 5)
    }

    @Test func wideTextScrollsWithoutSplittingACharacter() {
        let value = String(repeating: "山", count: 12)
        for cursor in 0...12 {
            let drawn = draw(value, cursor: cursor)
            #expect(!drawn.row.contains("\u{FFFD}"))
            let column = drawn.cursor ?? -1
            #expect(column >= 0 && column < 10)
        }
    }
}

/// The sign-in form as a user meets it: keys arrive one scalar at a time.
@Suite("Sign-in fields")
struct SignInFieldTests {
    @Test func joiningScalarsTypedIntoTheFormDoNotCrash() {
        let runtime = demoRuntime()
        runtime.type("e")
        runtime.send(.input(.key(.character("\u{301}"))))
        for scalar in "🇯🇵👨‍👩‍👧\u{1100}\u{1161}".unicodeScalars { runtime.send(.input(.key(.character(Character(scalar))))) }
        runtime.press(.left, .left, .backspace, .end, .backspace)
        #expect(runtime.screenText.contains("[é👨 "))
    }

    @Test func formFieldsStopAtTheirLimits() {
        let runtime = demoRuntime()
        runtime.type(String(repeating: "a", count: 10_000))
        runtime.press(.tab)
        runtime.type(String(repeating: "b", count: 10_000))
        guard case let .signIn(full) = runtime.state.screen else { Issue.record("not on the sign-in form"); return }
        #expect(full.userName.text.count == 113)
        #expect(full.password.text.count == 256)
        runtime.press(.control("w"), .backTab, .home, .right, .control("k"))
        guard case let .signIn(cut) = runtime.state.screen else { Issue.record("not on the sign-in form"); return }
        #expect(cut.userName.text == "a")
        #expect(cut.password.text.isEmpty)
    }
}
