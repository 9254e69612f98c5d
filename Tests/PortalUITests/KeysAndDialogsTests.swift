import Foundation
import PortalCore
import Testing
@testable import PortalUI

@Suite("Keys, mouse and dialogs")
struct KeysAndDialogsTests {
    @Test func aPressAndItsReleaseAreOneClick() {
        var clicks = MouseClicks()
        #expect(clicks.event(for: .press(x: 5, y: 7)) == nil)
        #expect(clicks.event(for: .release(x: 5, y: 7)) == MouseEvent(kind: .click, x: 5, y: 7))
        // A release with no press before it, or a drag to another row, is no click.
        #expect(clicks.event(for: .release(x: 5, y: 7)) == nil)
        #expect(clicks.event(for: .press(x: 5, y: 7)) == nil)
        #expect(clicks.event(for: .release(x: 5, y: 9)) == nil)
        #expect(clicks.event(for: .wheelDown(x: 1, y: 1)) == MouseEvent(kind: .scrollDown, x: 1, y: 1))
    }

    @Test func oneClickOnSignInSubmitsOnce() {
        let runtime = demoRuntime()
        runtime.type("adele.vance@contoso.com")
        runtime.press(.tab)
        runtime.type("wrong")
        var clicks = MouseClicks()
        let layout = SignInScreen.Layout(size: Size(width: 80, height: 24))
        for report in [MouseClicks.Report.press(x: layout.buttonX + 2, y: layout.buttonRow),
                       .release(x: layout.buttonX + 2, y: layout.buttonRow)] {
            if let event = clicks.event(for: report) { runtime.send(.input(.mouse(event))) }
        }
        // One attempt: the wrong password was checked once and the message stands.
        #expect(runtime.screenText.contains("✗"))
        guard case let .signIn(form) = runtime.state.screen else { Issue.record("left the form"); return }
        #expect(form.focus == .password)
    }

    @Test func escNeverQuits() {
        let runtime = demoRuntime()
        runtime.press(.escape)
        runtime.type("someone")
        runtime.press(.escape, .escape)
        #expect(!runtime.isFinished)
        #expect(runtime.state.overlay == nil)
    }

    @Test func enterInTheQuitDialogStays() {
        let runtime = demoRuntime()
        runtime.type("someone")
        runtime.press(.function(10))
        #expect(runtime.screenText.contains("[ Stay ]"))
        runtime.press(.enter)
        #expect(!runtime.isFinished)
        runtime.press(.function(10), .right, .enter)
        #expect(runtime.isFinished)
    }

    @Test func signOutAsksAndLettersOnAListDoNoHarm() {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("3"), .down, .down)
        runtime.type("zoom and more")
        runtime.press(.escape)
        guard case let .portal(portal) = runtime.state.screen else { Issue.record("signed out by typing"); return }
        #expect(portal.section == .apps)
        runtime.press(.character("o"))
        #expect(runtime.screenText.contains("Sign out?"))
        runtime.press(.character("y"))
        #expect(runtime.screenText.contains("Sign in with your Contoso work account."))
    }

    @Test func qInATooSmallWindowAsksWhenTypingWouldBeLost() {
        let runtime = demoRuntime()
        runtime.type("someone")
        runtime.send(.input(.resize(Size(width: 50, height: 12))))
        runtime.press(.character("q"))
        #expect(!runtime.isFinished)
        #expect(runtime.screenText.contains("Quit portal?"))
        runtime.press(.character("n"))
        runtime.send(.input(.resize(Size(width: 80, height: 24))))
        #expect(runtime.screenText.contains("[someone"))
    }

    @Test func theTooSmallNoticeNeverCutsTheSizeItAsksFor() {
        let runtime = demoRuntime()
        runtime.send(.input(.resize(Size(width: 30, height: 10))))
        let text = runtime.screenText.replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("80x24"))
    }

    /// Help lists what works on the screen it is opened on, and the hint bar
    /// under it shows the overlay's keys.
    @Test func helpAndHintsComeFromTheBindings() {
        let runtime = demoRuntime()
        runtime.press(.function(1))
        var text = runtime.screenText
        #expect(!text.contains("Sign out"))
        #expect(!text.contains("Move the selection"))
        #expect(runtime.render().row(23).contains("Close help"))
        runtime.press(.escape)
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("2"), .character("?"))
        text = runtime.screenText
        #expect(text.contains("Open the selected row"))
        #expect(text.contains("Sign out (asks first)"))
        // Every key help shows on this screen does something here.
        for binding in Keymaps.list.bindings {
            for (key, action) in binding.keys { #expect(Keymaps.list.action(for: key) == action, "\(key.name)") }
        }
    }

    @Test func aWindowThatGrowsShowsTheTopOfHome() {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.end)
        #expect(!runtime.screenText.contains("Good morning, Adele."))
        runtime.send(.input(.resize(Size(width: 120, height: 80))))
        #expect(runtime.screenText.contains("Good morning, Adele."))
    }

    @Test func aLongDisplayNameLeavesTheOrganizationVisible() {
        var buffer = CellBuffer(size: Size(width: 80, height: 1))
        Widgets.header(left: " Contoso  Company Portal", right: String(repeating: "Name ", count: 30), width: 80, buffer: &buffer)
        #expect(buffer.row(0).hasPrefix(" Contoso  Company Portal"))
        #expect(buffer.row(0).hasSuffix("…"))
    }
}

@Suite("Clicks on the scroll bar")
struct ScrollBarClickTests {
    @Test func aClickOnTheScrollBarPagesInsteadOfOpeningARow() {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("3"))
        runtime.send(.input(.mouse(MouseEvent(kind: .click, x: 79, y: 20))))
        guard case let .portal(portal) = runtime.state.screen else { Issue.record("left the portal"); return }
        #expect(portal.detail == nil)
        #expect(portal.appList.selected > 10, "the click did not page down")
        runtime.send(.input(.mouse(MouseEvent(kind: .click, x: 79, y: 5))))
        guard case let .portal(after) = runtime.state.screen else { return }
        #expect(after.appList.selected < portal.appList.selected)
        #expect(after.detail == nil)
    }
}

@Suite("Pasted text")
struct PasteTests {
    @Test func aPastedLineBreakIsNoEnterAndControlsAreDropped() {
        let runtime = demoRuntime()
        runtime.send(.input(.paste("adele.vance@contoso.com\nContoso-Adele-1\u{1B}[2J")))
        guard case let .signIn(form) = runtime.state.screen else { Issue.record("the paste signed in"); return }
        #expect(form.userName.text == "adele.vance@contoso.comContoso-Adele-1[2J")
        #expect(form.password.text.isEmpty)
        #expect(form.focus == .userName)
    }

    @Test func aPasteOnAListDoesNothing() {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("2"))
        runtime.send(.input(.paste("qo3\n")))
        #expect(!runtime.isFinished)
        #expect(runtime.state.overlay == nil)
        guard case let .portal(portal) = runtime.state.screen else { Issue.record("signed out"); return }
        #expect(portal.section == .devices)
    }
}
