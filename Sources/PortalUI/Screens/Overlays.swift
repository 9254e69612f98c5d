import Foundation

/// The help overlay, the quit confirmation and the too-small notice.
enum Overlays {
    static let helpEntries: [(keys: String, action: String)] = [
        ("↑ ↓  j k", "Move the selection or scroll"),
        ("PgUp PgDn Space", "Move a page"),
        ("Home End  g G", "Go to the first or last line"),
        ("Tab  Shift+Tab", "Next or previous section (or field)"),
        ("1 2 3 4", "Home, Devices, Apps, Help & support"),
        ("Enter  → l", "Open details; sign in on the form"),
        ("Esc  Backspace  ← h", "Back from details"),
        ("?  F1", "Show or hide this help"),
        ("o", "Sign out"),
        ("q  F10", "Quit (asks first if typing would be lost)"),
        ("Ctrl+C", "Quit at once"),
        ("Ctrl+U", "Clear the field you are typing in"),
        ("Mouse", "Click selects, click again opens, wheel scrolls"),
    ]

    static func help(mouseEnabled: Bool, buffer: inout CellBuffer) {
        let entries = helpEntries.filter { mouseEnabled || $0.keys != "Mouse" }
        let rect = buffer.bounds.centered(width: 74, height: entries.count + 4)
        Widgets.box(rect, title: "Keys", in: &buffer)
        for (index, entry) in entries.enumerated() where index < rect.height - 3 {
            let y = rect.y + 1 + index
            buffer.write(entry.keys, x: rect.x + 2, y: y, role: .hintKey)
            buffer.write(entry.action, x: rect.x + 24, y: y, role: .overlay, clip: rect.inset(by: 1))
        }
        buffer.write("Press Esc, ? or Enter to close.", x: rect.x + 2, y: rect.maxY - 2, role: .dim)
        buffer.cursor = nil
    }

    static func confirmQuit(reason: String, buffer: inout CellBuffer) {
        let lines = TextWidth.wrap(reason, width: 52)
        let rect = buffer.bounds.centered(width: 56, height: lines.count + 5)
        Widgets.box(rect, title: "Quit portal?", in: &buffer)
        for (index, line) in lines.enumerated() {
            buffer.write(line, x: rect.x + 2, y: rect.y + 2 + index, role: .warning)
        }
        buffer.write("y  Quit      n  Stay", x: rect.x + 2, y: rect.maxY - 2, role: .hintKey)
        buffer.cursor = nil
    }

    static func tooSmall(buffer: inout CellBuffer) {
        let size = buffer.size
        let lines = [
            "Terminal too small",
            "\(size.width)x\(size.height); portal needs at least \(Size.minimum.width)x\(Size.minimum.height).",
            "Enlarge the window or reduce the font size.",
            "q quits.",
        ]
        let top = max(0, (size.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let wrapped = TextWidth.truncate(line, to: size.width)
            buffer.write(wrapped, x: max(0, (size.width - TextWidth.of(wrapped)) / 2), y: top + index,
                         role: index == 0 ? .error : .text)
        }
        buffer.cursor = nil
    }
}
