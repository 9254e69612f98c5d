import Foundation
import PortalCore
import Testing
@testable import PortalUI

/// Each section rendered by the in-memory backend at 80x24 and read as text.
@Suite("Sections at 80x24")
struct SectionRenderingTests {
    @Test func signInShowsTheFormAndDemoAccounts() throws {
        let runtime = demoRuntime()
        let screen = runtime.render()
        #expect(screen.row(0).hasPrefix(" Contoso  Company Portal"))
        #expect(screen.text.contains("Work account"))
        #expect(screen.text.contains("Password"))
        #expect(screen.text.contains("adele.vance@contoso.com     Contoso-Adele-1"))
        // Accounts that need a code show the one their method shows now.
        let lee = try #require(runtime.context.demoAccounts.first { $0.userPrincipalName == "lee.gu@contoso.com" }?.codeMethod)
        let code = lee.oneTimeCode.code(secret: lee.secret!, at: testNow)
        #expect(screen.text.contains("Contoso-Lee-4      \(code.prefix(3)) \(code.suffix(3))  Lee Gu"))
        #expect(screen.row(23).contains("F10 Quit"))
    }

    @Test func wrongPasswordClearsTheFieldAndSaysWhy() {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "nope")
        guard case let .signIn(form) = runtime.state.screen else { Issue.record("left the sign-in screen"); return }
        #expect(form.password.text.isEmpty)
        #expect(form.userName.text == "adele.vance@contoso.com")
        #expect(form.focus == .password)
        #expect(runtime.screenText.contains("✗ Your account or password is incorrect."))
    }

    @Test func homeGreetsAndSummarizes() {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        let screen = runtime.render()
        #expect(screen.row(1).contains("[ 1 Home ]"))
        #expect(screen.row(3).contains("Good morning, Adele."))
        #expect(screen.text.contains("You have 4 enrolled devices."))
        #expect(screen.text.contains("! In grace period   1"))
        #expect(screen.text.contains("Notifications (2)") || screen.text.contains("Needs your attention"))
    }

    @Test func devicesListsOnlyTheUsersDevicesWithGlyphAndWord() {
        let runtime = demoRuntime()
        runtime.signIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        runtime.press(.character("2"))
        let screen = runtime.render()
        #expect(screen.text.contains("My devices (2)"))
        #expect(screen.text.contains("MEGAN-LATITUDE"))
        #expect(screen.text.contains("✓ Compliant"))
        #expect(screen.text.contains("✗ Not compliant"))
        for other in ["ADELE-SURFACE", "alex-thinkpad", "lee-mbp", "HANAKO-PC"] {
            #expect(!screen.text.contains(other))
        }
    }

    @Test func staleDeviceExplainsTheCheckIn() {
        let runtime = demoRuntime()
        runtime.signIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        runtime.press(.character("2"), .down, .enter)
        let text = runtime.screenText
        #expect(text.contains("Megan's iPhone"))
        #expect(text.contains("✗ Fail          Device check-in"))
    }

    @Test func appsListsNamePublisherCategory() {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("3"))
        let screen = runtime.render()
        #expect(screen.row(4).contains("Name"))
        #expect(screen.row(4).contains("Publisher"))
        #expect(screen.row(4).contains("Category"))
        #expect(screen.row(5).contains("› 1Password"))
        #expect(screen.row(5).contains("AgileBits Inc."))
        #expect(!screen.text.contains("Docker Desktop")) // engineering only
    }

    @Test func supportShowsContacts() {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("5"))
        let text = runtime.screenText
        #expect(text.contains("Contoso IT Help Desk"))
        #expect(text.contains("helpdesk@contoso.com"))
        #expect(text.contains("+1 425 555 0100"))
    }

    @Test func tabCyclesSectionsAndEscLeavesDetails() {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.tab, .enter)
        #expect(runtime.screenText.contains("Compliance settings"))
        runtime.press(.escape)
        #expect(runtime.screenText.contains("My devices (4)"))
        runtime.press(.tab, .tab, .tab, .tab, .tab)
        #expect(runtime.render().row(1).contains("[ 1 Home ]"))
        runtime.press(.backTab)
        #expect(runtime.render().row(1).contains("[ 6 Notifications (8) ]"))
        runtime.press(.backTab)
        #expect(runtime.render().row(1).contains("[ 5 Help & support ]"))
    }

    @Test func listsScrollToKeepTheSelectionVisible() {
        let runtime = demoRuntime()
        runtime.signIn("alex.wilber@contoso.com", "Contoso-Alex-2")
        runtime.press(.character("3"), .end)
        let screen = runtime.render()
        #expect(screen.text.contains("› Zoom Workplace"))
        #expect(!screen.text.contains("1Password"))
        runtime.press(.pageUp, .home)
        #expect(runtime.render().row(5).contains("› 1Password"))
    }

    @Test func ctrlCQuitsAtOnceAndQAsksWhenTypingWouldBeLost() {
        let runtime = demoRuntime()
        runtime.type("half typed")
        runtime.press(.function(10))
        #expect(runtime.state.overlay != nil)
        #expect(!runtime.isFinished)
        runtime.press(.character("n"))
        #expect(runtime.state.overlay == nil)
        runtime.press(.control("c"))
        #expect(runtime.isFinished)
    }

    @Test func qQuitsTheSignedInPortalWithoutAsking() {
        let runtime = demoRuntime()
        runtime.signIn("lee.gu@contoso.com", "Contoso-Lee-4")
        runtime.press(.character("q"))
        #expect(runtime.isFinished)
    }

    @Test func statusIsNeverColorAlone() {
        for state in ComplianceState.allCases {
            #expect(!state.glyph.isEmpty)
            #expect(!state.label.isEmpty)
            #expect(state.badge.text.contains(state.label))
        }
    }
}
