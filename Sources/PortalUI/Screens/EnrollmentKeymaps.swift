import Foundation

/// The walkthrough's keys, per kind of step. Steps with a text field leave
/// letters to the field, so their own actions are on Enter and function keys.
extension Keymaps {
    /// Keys every step has; `letters` where no text field takes them.
    private static func wizardCommon(letters: Bool) -> [KeyBinding] {
        [
            KeyBinding([.escape], .previousStep, help: "Back to the previous step (your choices are kept); on the first step, leave", hint: "Back"),
            KeyBinding([.function(4)], .cancelEnrollment, help: "Cancel the enrollment: nothing is enrolled (asks first)", hint: "Cancel"),
            KeyBinding(letters ? [.character("?"), .function(1)] : [.function(1)], .help, help: "Show or hide this help", hint: "Help"),
            KeyBinding(letters ? [.character("q"), .function(10)] : [.function(10)], .quit,
                       help: "Quit; the next sign-in resumes at this step", hint: "Quit"),
        ]
    }

    private static let scroll = [
        KeyBinding([(.up, .moveUp), (.down, .moveDown), (.pageUp, .pageUp), (.pageDown, .pageDown), (.home, .first), (.end, .last)],
                   help: "Scroll the text", hint: "Scroll", hintKeys: "↑↓"),
    ]

    static let enrollChoice = Keymap([
        KeyBinding([(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
                   help: "Choose", hint: "Choose"),
        KeyBinding([(.home, .first), (.end, .last), (.pageUp, .pageUp), (.pageDown, .pageDown)], help: "The first, the last, a page up or down"),
        KeyBinding([.enter], .nextStep, help: "Go on with the chosen answer", hint: "Next"),
    ] + wizardCommon(letters: true), mouse: "Click an answer to choose it; click it again to go on; the wheel scrolls")

    static let enrollRead = Keymap([
        KeyBinding([.enter], .nextStep, help: "I have read this: go on", hint: "Next"),
    ] + scroll + wizardCommon(letters: true))

    static let enrollTerms = Keymap([
        KeyBinding([.character("a")], .accept, help: "Accept the terms and go on", hint: "Accept"),
        KeyBinding([.character("d")], .decline, help: "Decline the terms: the device is not enrolled", hint: "Decline"),
        KeyBinding([.enter], .nextStep, help: "Go on, once the terms are accepted"),
    ] + scroll + wizardCommon(letters: true))

    /// Back on the terms once accepted: Enter goes on.
    static let enrollTermsAccepted = Keymap([
        KeyBinding([.enter], .nextStep, help: "Go on: you accepted these terms", hint: "Next"),
        KeyBinding([.character("d")], .decline, help: "Decline the terms after all: the device is not enrolled", hint: "Decline"),
    ] + scroll + wizardCommon(letters: true))

    static let enrollProfile = Keymap([
        KeyBinding([.character("i")], .install, help: "Trust and install the management profile", hint: "Trust & install"),
        KeyBinding([.enter], .nextStep, help: "Done: go on once the profile is installed", hint: "Done"),
    ] + scroll + wizardCommon(letters: true))

    static let enrollActivate = Keymap([
        KeyBinding([.character("a")], .activate, help: "Activate device management and go on", hint: "Activate"),
        KeyBinding([.enter], .nextStep, help: "Go on, once device management is activated"),
    ] + scroll + wizardCommon(letters: true))

    static let enrollField = Keymap([
        KeyBinding([.enter], .nextStep, help: "Save and go on", hint: "Next"),
    ] + editing + wizardCommon(letters: false))

    static let enrollCertificate = Keymap([
        KeyBinding([.enter], .install, help: "Install the certificate with this name and go on", hint: "Install"),
    ] + editing + wizardCommon(letters: false))

    static let enrollPasscode = Keymap([
        KeyBinding([.enter], .nextStep, help: "Set this passcode and go on", hint: "Set"),
        KeyBinding([.function(6)], .setLater, help: "Set it later: the device is enrolled out of compliance until the grace period ends", hint: "Later"),
    ] + editing + wizardCommon(letters: false))

    static let enrollRequirements = Keymap([
        KeyBinding([.enter], .nextStep, help: "Set the PIN typed (if any) and go on", hint: "Next"),
        KeyBinding([.function(5)], .encrypt, help: "Encrypt the device", hint: "Encrypt"),
    ] + editing + wizardCommon(letters: false))

    static let enrollWorkAccount = Keymap([
        KeyBinding([.enter], .activate, help: "Connect your work account and go on", hint: "Connect"),
    ] + wizardCommon(letters: true))

    static let enrollChecking = Keymap([
        KeyBinding([.function(1)], .help, help: "Show or hide this help", hint: "Help"),
    ])

    /// The result, a block or terms declined: only closing is left.
    static let enrollEnd = Keymap([
        KeyBinding([.enter, .escape], .nextStep, help: "Close the walkthrough", hint: "Close"),
    ] + scroll + [
        KeyBinding([.character("?"), .function(1)], .help, help: "Show or hide this help", hint: "Help"),
        KeyBinding([.character("q"), .function(10)], .quit, help: "Quit", hint: "Quit"),
    ])
}
