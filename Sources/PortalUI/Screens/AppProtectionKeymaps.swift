import Foundation

/// The keys of the app protection walkthrough: the enrollment wizard's
/// actions (Enter next, Esc back, F4 cancel, F1 help), with words that say
/// what registering an app does rather than enrolling a device.
extension Keymaps {
    private static func appCommon(cancel: String = "Cancel: nothing is registered") -> [KeyBinding] {
        [
            KeyBinding([.escape], .previousStep, help: "Back to the previous step (your choices are kept)", hint: "Back"),
            KeyBinding([.function(4)], .cancelEnrollment, help: cancel, hint: "Cancel"),
            KeyBinding([.function(1)], .help, help: "Show or hide this help", hint: "Help"),
            KeyBinding([.function(10)], .quit, help: "Quit"),
        ]
    }

    private static let appScroll = [
        KeyBinding([(.up, .moveUp), (.down, .moveDown), (.pageUp, .pageUp), (.pageDown, .pageDown), (.home, .first), (.end, .last)],
                   help: "Scroll the text"),
    ]

    static let appChoice = Keymap([
        KeyBinding([(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
                   help: "Choose", hint: "Choose"),
        KeyBinding([(.home, .first), (.end, .last), (.pageUp, .pageUp), (.pageDown, .pageDown)], help: "The first, the last, a page up or down"),
        KeyBinding([.enter], .nextStep, help: "Go on with the chosen answer", hint: "Next"),
    ] + appCommon(), mouse: "Click an answer to choose it; click it again to go on; the wheel scrolls")

    static let appRegister = Keymap([
        KeyBinding([.enter], .nextStep, help: "Register the device with the broker app and check its health", hint: "Register"),
    ] + appScroll + appCommon())

    /// The threat-defense app is missing or has not reported: install it, then recheck.
    static let appHealthCheck = Keymap([
        KeyBinding([.character("i")], .install, help: "I installed the threat-defense app and set it up", hint: "I installed it"),
        KeyBinding([.character("r"), .enter], .recheck, help: "Recheck the device's health", hint: "Recheck"),
    ] + appScroll + appCommon(cancel: "Stop here: the app stays registered, without access, until a recheck finds the device healthy"))

    /// The outcome: close, or recheck; while a threat is there, say it was removed.
    static func appResult(threatFound: Bool) -> Keymap {
        Keymap([
            KeyBinding([.enter, .escape], .nextStep, help: "Close the walkthrough", hint: "Close"),
            KeyBinding([.character("r")], .recheck, help: "Recheck the device's health (after the threat was removed)", hint: "Recheck"),
        ] + (threatFound ? [KeyBinding([.character("t")], .removeThreat, help: "I removed the threat in the threat-defense app", hint: "I removed it")] : [])
            + appResultTail)
    }

    private static let appResultTail = appScroll + [
        KeyBinding([.function(1)], .help, help: "Show or hide this help", hint: "Help"),
        KeyBinding([.function(10)], .quit, help: "Quit", hint: "Quit"),
    ]
}
