import Foundation

/// The help overlay, confirmations and the too-small notice.
enum Overlays {
    /// Help for the screen underneath: its bindings, then the keys that work
    /// everywhere, so it lists exactly what works where it was opened.
    static func help(_ keymap: Keymap, global: Keymap = Keymaps.global, mouseEnabled: Bool, buffer: inout CellBuffer) {
        var entries = keymap.helpEntries + global.helpEntries
        if mouseEnabled, let mouse = keymap.mouse { entries.append(("Mouse", mouse)) }
        let width = min(76, buffer.size.width)
        let keyWidth = min(24, entries.map { TextWidth.of($0.keys) }.max() ?? 0)
        let textWidth = max(1, width - keyWidth - 6)
        // Long descriptions wrap rather than lose their end.
        let rows = entries.flatMap { entry in
            TextWidth.wrap(entry.action, width: textWidth).enumerated().map { index, line in
                (keys: index == 0 ? TextWidth.truncate(entry.keys, to: keyWidth) : "", action: line)
            }
        }
        let rect = buffer.bounds.centered(width: width, height: rows.count + 4)
        Widgets.box(rect, title: "Keys", in: &buffer)
        let inner = rect.inset(by: 1)
        for (index, row) in rows.enumerated() where index < rect.height - 4 {
            let y = rect.y + 1 + index
            buffer.write(row.keys, x: rect.x + 2, y: y, role: .hintKey, clip: inner)
            buffer.write(row.action, x: rect.x + 4 + keyWidth, y: y, role: .overlay, clip: inner)
        }
        let closing = Keymaps.helpOverlay.bindings[0].keys.prefix(4).map(\.key.symbol).joined(separator: ", ")
        buffer.write("Press \(closing) to close.", x: rect.x + 2, y: rect.maxY - 2, role: .dim, clip: inner)
        buffer.cursor = nil
    }

    /// Where a confirmation's parts are; view and mouse share it.
    struct ConfirmationLayout {
        let box: Rect
        let lines: [String]
        let cancelButton: Rect
        let confirmButton: Rect

        init(_ confirmation: Confirmation, in bounds: Rect) {
            self.init(message: confirmation.message, cancelLabel: confirmation.cancelLabel,
                      confirmLabel: confirmation.confirmLabel, in: bounds)
        }

        /// A question a screen asks itself (removing a sign-in method), laid out as the program's own.
        init(message: String, cancelLabel: String, confirmLabel: String, in bounds: Rect) {
            let width = min(56, bounds.width)
            lines = TextWidth.wrap(message, width: width - 4)
            box = bounds.centered(width: width, height: lines.count + 5)
            let row = box.maxY - 2
            // The cancelling button comes first: it is the default.
            cancelButton = Rect(x: box.x + 2, y: row, width: TextWidth.of(cancelLabel) + 4, height: 1)
            confirmButton = Rect(x: cancelButton.maxX + 2, y: row, width: TextWidth.of(confirmLabel) + 4, height: 1)
        }
    }

    static func confirm(_ confirmation: Confirmation, buffer: inout CellBuffer) {
        confirm(title: confirmation.title, message: confirmation.message, cancelLabel: confirmation.cancelLabel,
                confirmLabel: confirmation.confirmLabel, confirmChosen: confirmation.confirmChosen, buffer: &buffer)
    }

    static func confirm(title: String, message: String, cancelLabel: String, confirmLabel: String, confirmChosen: Bool,
                        buffer: inout CellBuffer) {
        let layout = ConfirmationLayout(message: message, cancelLabel: cancelLabel, confirmLabel: confirmLabel, in: buffer.bounds)
        Widgets.box(layout.box, title: title, in: &buffer)
        for (index, line) in layout.lines.enumerated() {
            // The dialog's own role, so the text sits on the box's background in every theme.
            buffer.write(line, x: layout.box.x + 2, y: layout.box.y + 2 + index, role: .overlay)
        }
        _ = Widgets.button(cancelLabel, focused: !confirmChosen, x: layout.cancelButton.x, y: layout.cancelButton.y, buffer: &buffer)
        _ = Widgets.button(confirmLabel, focused: confirmChosen, x: layout.confirmButton.x, y: layout.confirmButton.y, buffer: &buffer)
        buffer.cursor = nil
    }

    /// Below the minimum size nothing else fits: say so, wrapped so the size
    /// asked for is never cut off, and keep a pending question answerable.
    static func tooSmall(asking confirmation: Confirmation?, offersQuit: Bool = true, buffer: inout CellBuffer) {
        let size = buffer.size
        var paragraphs: [(String, Role)] = [
            ("Terminal too small", .error),
            ("\(size.width)x\(size.height); portal needs at least \(Size.minimum.width)x\(Size.minimum.height).", .text),
            ("Enlarge the window or reduce the font size.", .text),
        ]
        if let confirmation {
            paragraphs.append(("\(confirmation.title) \(confirmation.message)", .warning))
            paragraphs.append(("y \(confirmation.confirmLabel) · n \(confirmation.cancelLabel)", .hintKey))
        } else if offersQuit {
            paragraphs.append(("q quits.", .text))
        }
        let lines = paragraphs.flatMap { text, role in TextWidth.wrap(text, width: size.width).map { ($0, role) } }
        let top = max(0, (size.height - lines.count) / 2)
        for (index, (line, role)) in lines.enumerated() {
            buffer.write(line, x: max(0, (size.width - TextWidth.of(line)) / 2), y: top + index, role: role)
        }
        buffer.cursor = nil
    }
}
