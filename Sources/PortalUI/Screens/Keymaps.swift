import Foundation

/// Every screen's keys. Update functions look actions up here, and the help
/// overlay and the hint bar are generated from the same tables.
enum Keymaps {
    /// Keys that work everywhere, even over a dialog or a too-small window.
    static let global = Keymap([
        KeyBinding([.control("c")], .quitNow, help: "Quit at once"),
        KeyBinding([.control("l")], .redraw, help: "Redraw the screen"),
        KeyBinding([.control("z")], .suspend, help: "Suspend; fg in the shell resumes"),
    ])

    static let signIn = Keymap(fieldMoves + [
        KeyBinding([.enter], .submit, help: "Next field, or sign in", hint: "Sign in"),
    ] + editing + [
        KeyBinding([.function(1)], .help, help: "Show or hide this help", hint: "Help"),
        KeyBinding([.function(10)], .quit, help: "Quit (asks first if what you typed would be lost)", hint: "Quit"),
    ], mouse: "Click a field to type in it, or Sign in")

    /// Between the fields of a form.
    static let fieldMoves = [
        KeyBinding([.tab, .down], .nextField, help: "Next field", hint: "Next field"),
        KeyBinding([.backTab, .up], .previousField, help: "Previous field"),
    ]

    /// The code step; "another method" only when the user has one.
    static func secondFactor(otherMethods: Bool) -> Keymap {
        Keymap([
            KeyBinding([.enter], .submit, help: "Verify the code", hint: "Verify"),
            KeyBinding([.tab, .down, .backTab, .up], .nextField, help: "Between the code and Verify"),
        ] + (otherMethods ? [KeyBinding([.character("m")], .otherMethod, help: "Use another of your methods", hint: "Other method")] : []) + [
            KeyBinding([.escape], .back, help: "Back to the sign-in form", hint: "Back"),
            KeyBinding([.left, .right, .home, .end], .editText, help: "Move in the field"),
            KeyBinding([.backspace, .delete, .control("u")], .editText, help: "Delete a digit, or clear the field"),
            KeyBinding([.function(1)], .help, help: "Show or hide this help", hint: "Help"),
            KeyBinding([.function(10)], .quit, help: "Quit", hint: "Quit"),
        ], mouse: "Click the field to type in it, or Verify")
    }

    private static let moves = [
        KeyBinding([(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
                   help: "Move the selection or scroll"),
        KeyBinding([(.pageUp, .pageUp), (.pageDown, .pageDown), (.character(" "), .pageDown)], help: "Move a page"),
        KeyBinding([(.home, .first), (.end, .last), (.character("g"), .first), (.character("G"), .last)],
                   help: "Go to the first or last line"),
    ]

    static let sections = [
        KeyBinding([(.tab, .nextSection), (.backTab, .previousSection)], help: "Next or previous section", hint: "Section"),
        KeyBinding([(.character("1"), .goHome), (.character("2"), .goDevices), (.character("3"), .goApps),
                    (.character("4"), .goSecurity), (.character("5"), .goSupport), (.character("6"), .goNotifications)],
                   help: "Home, Devices, Apps, Security info, Help & support, Notifications", hint: "Go to", hintKeys: "1-6"),
    ]

    static let common = [
        KeyBinding([.character("?"), .function(1)], .help, help: "Show or hide this help", hint: "Help"),
        KeyBinding([.character("o")], .signOut, help: "Sign out (asks first)", hint: "Sign out"),
        KeyBinding([.character("q"), .function(10)], .quit, help: "Quit", hint: "Quit"),
    ]

    /// Devices and Apps: a list whose rows open.
    static let list = Keymap([
        KeyBinding([(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
                   help: "Move the selection", hint: "Move"),
    ] + moves.dropFirst() + [
        KeyBinding([.enter, .right, .character("l")], .open, help: "Open the selected row", hint: "Details"),
    ] + sections + common, mouse: "Click a tab or a row; click the selected row to open it; the wheel scrolls")

    /// Devices: the list, and the way to enroll one more.
    static let devices = Keymap(Array(list.bindings.prefix(4)) + [
        KeyBinding([.character("e")], .enrollDevice, help: "Enroll a device: a walkthrough, step by step"),
        // Sorting and filtering need the hint bar's room; the tabs show the sections.
    ] + DevicesScreen.sortAndFilter + sections.map(withoutHint) + common, mouse: list.mouse)

    /// Home and Help & support: a document that scrolls.
    static let document = Keymap([
        KeyBinding([(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
                   help: "Scroll", hint: "Scroll"),
    ] + moves.dropFirst() + sections + common, mouse: "Click a tab; the wheel scrolls")

    /// Home: the document, and the way to enroll a device.
    static let home = Keymap([
        KeyBinding([(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
                   help: "Scroll", hint: "Scroll"),
    ] + moves.dropFirst() + [
        KeyBinding([.character("e")], .enrollDevice, help: "Enroll a device: a walkthrough, step by step", hint: "Enroll"),
        KeyBinding([.character("w")], .useWorkApps, help: "Use work apps on a personal phone without enrolling it"),
    ] + sections + common, mouse: "Click a tab; the wheel scrolls")

    /// A device's or an app's details.
    static let detail = Keymap([
        KeyBinding([(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
                   help: "Scroll", hint: "Scroll"),
    ] + moves.dropFirst() + [
        KeyBinding([.escape, .backspace, .left, .character("h")], .back, help: "Back to the list", hint: "Back"),
    ] + sections + common, mouse: "Click a tab; the wheel scrolls")

    /// Security info: the user's sign-in methods and what can be done to them.
    static let securityInfo = Keymap([
        KeyBinding([.character("a"), .insert], .addMethod, help: "Add an authenticator app or a hardware token", hint: "Add"),
        KeyBinding([.character("t"), .enter], .activateToken, help: "Activate the selected imported hardware token"),
        KeyBinding([.character("r"), .function(2)], .renameMethod, help: "Rename the selected method", hint: "Rename"),
        KeyBinding([.character("d")], .setDefaultMethod, help: "Make the selected method the default for sign-in", hint: "Default"),
        KeyBinding([.character("x"), .delete], .removeMethod, help: "Remove the selected method (asks first)", hint: "Remove"),
        KeyBinding([.character("p")], .changePassword, help: "Change your password", hint: "Password"),
        KeyBinding([(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
                   help: "Move the selection"),
        // The section's own actions need the hint bar's room; help still lists these.
    ] + moves.dropFirst() + sections.map(withoutHint) + common, mouse: "Click a tab or a row to select it; the wheel scrolls")

    static func withoutHint(_ binding: KeyBinding) -> KeyBinding {
        var binding = binding
        binding.hint = nil
        return binding
    }

    /// Keys over a form with text fields: letters type, so help and quit are on function keys only.
    private static let formCommon = [
        KeyBinding([.function(1)], .help, help: "Show or hide this help", hint: "Help"),
        KeyBinding([.function(10)], .quit, help: "Quit", hint: "Quit"),
    ]

    static let editing = [
        KeyBinding([.left, .right], .editText, help: "Move in the field"),
        KeyBinding([.home, .end, .control("a"), .control("e")], .editText, help: "Start or end of the field"),
        KeyBinding([.backspace, .delete], .editText, help: "Delete a character"),
        KeyBinding([.control("w")], .editText, help: "Delete the word before the cursor"),
        KeyBinding([.control("k")], .editText, help: "Delete to the end of the field"),
        KeyBinding([.control("u")], .editText, help: "Clear the field"),
    ]

    static let chooseMethodKind = Keymap([
        KeyBinding([(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
                   help: "Choose the kind", hint: "Choose"),
        KeyBinding([.enter], .submit, help: "Go on with the chosen kind", hint: "Next"),
        KeyBinding([.escape], .back, help: "Cancel: add nothing", hint: "Cancel"),
    ] + formCommon, mouse: "Click a kind to choose it; click it again to go on")

    static let scanMethod = Keymap([
        KeyBinding([.enter], .submit, help: "Go on to type a code from the app or token", hint: "Next"),
        KeyBinding([.escape], .back, help: "Back to the choice of kind", hint: "Back"),
    ] + formCommon)

    static let verifyMethod = Keymap(fieldMoves + [
        KeyBinding([.enter], .submit, help: "Check the code: the method counts once it is right", hint: "Verify"),
        KeyBinding([.escape], .back, help: "Back to the code to scan", hint: "Back"),
    ] + editing + formCommon, mouse: "Click a field to type in it, or the button")

    static let passwordChange = Keymap(fieldMoves + [
        KeyBinding([.enter], .submit, help: "Next field, or change the password", hint: "Change"),
        KeyBinding([.escape], .back, help: "Cancel: keep the current password", hint: "Cancel"),
    ] + editing + formCommon, mouse: "Click a field to type in it, or the button")

    static let renameMethod = Keymap([
        KeyBinding([.enter], .submit, help: "Save the new name", hint: "Save"),
        KeyBinding([.escape], .back, help: "Cancel: keep the name", hint: "Cancel"),
    ] + editing + formCommon, mouse: "Click Save or Cancel")

    static let helpOverlay = Keymap([
        KeyBinding([.escape, .enter, .character("?"), .function(1), .character("q"), .backspace], .closeHelp,
                   help: "Close this help", hint: "Close help"),
    ])

    static func confirmation(_ confirmation: Confirmation) -> Keymap {
        self.confirmation(confirmLabel: confirmation.confirmLabel, cancelLabel: confirmation.cancelLabel)
    }

    static func confirmation(confirmLabel: String, cancelLabel: String) -> Keymap {
        Keymap([
            KeyBinding([.character("y"), .character("Y")], .confirm, help: confirmLabel, hint: confirmLabel),
            KeyBinding([.character("n"), .character("N"), .escape], .cancel, help: cancelLabel, hint: cancelLabel),
            KeyBinding([.tab, .backTab, .left, .right], .switchChoice, help: "Choose the other button", hint: "Switch"),
            KeyBinding([.enter, .character(" ")], .choose, help: "Press the chosen button", hint: "Choose"),
        ])
    }

    static let tooSmall = Keymap([
        KeyBinding([.character("q"), .function(10)], .quit, help: "Quit", hint: "Quit"),
    ])
}

extension Keymap {
    /// The same keys but those bound to `action`: a step with nowhere to go back to offers no Esc.
    func without(_ action: Action) -> Keymap {
        Keymap(bindings.filter { !$0.keys.contains { $0.action == action } }, mouse: mouse)
    }
}
