import Foundation

/// The keys of the Notifications section and of one open notification.
enum NotificationKeymaps {
    static let list = Keymap([
        KeyBinding([(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
                   help: "Move the selection", hint: "Move"),
        KeyBinding([(.pageUp, .pageUp), (.pageDown, .pageDown), (.character(" "), .pageDown)], help: "Move a page"),
        KeyBinding([(.home, .first), (.end, .last), (.character("g"), .first), (.character("G"), .last)],
                   help: "Go to the first or last notification"),
        KeyBinding([.enter, .right, .character("l")], .open, help: "Read the selected notification (marks it read)", hint: "Read"),
        KeyBinding([.character("r")], .markRead, help: "Mark the selected notification read", hint: "Mark read"),
        KeyBinding([.character("a")], .markAllRead, help: "Mark every notification read", hint: "All read"),
    ] + Keymaps.sections.map(withoutGoToHint) + Keymaps.common,
    mouse: "Click a tab or a row; click the selected row to read it; the wheel scrolls")

    /// One notification; the enrollment message offers the walkthrough.
    static func detail(offersEnrollment: Bool) -> Keymap {
        let enroll = offersEnrollment
            ? [KeyBinding([.character("e")], .enrollDevice, help: "Enroll this device: a walkthrough, step by step", hint: "Enroll this device")]
            : []
        return Keymap(enroll + [
            KeyBinding([(.up, .moveUp), (.down, .moveDown), (.character("k"), .moveUp), (.character("j"), .moveDown)],
                       help: "Scroll", hint: "Scroll"),
            KeyBinding([(.pageUp, .pageUp), (.pageDown, .pageDown), (.character(" "), .pageDown)], help: "Move a page"),
            KeyBinding([(.home, .first), (.end, .last), (.character("g"), .first), (.character("G"), .last)],
                       help: "Go to the first or last line"),
            KeyBinding([.escape, .backspace, .left, .character("h")], .back, help: "Back to the notifications", hint: "Back"),
        ] + Keymaps.sections.map(withoutGoToHint) + Keymaps.common,
        mouse: offersEnrollment ? "Click Enroll this device or a tab; the wheel scrolls" : "Click a tab; the wheel scrolls")
    }

    /// The section's own keys need the hint bar's room; help still lists 1-6.
    private static func withoutGoToHint(_ binding: KeyBinding) -> KeyBinding {
        guard binding.hint == "Go to" else { return binding }
        var binding = binding
        binding.hint = nil
        return binding
    }
}
