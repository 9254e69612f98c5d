import Foundation

extension Widgets {
    /// A one-line text field: the value (or dots for a secret) on an
    /// underlined field, with the cursor placed when focused.
    public static func field(label: String, value: String, secret: Bool, focused: Bool, cursor: Int,
                             x: Int, y: Int, labelWidth: Int, fieldWidth: Int, buffer: inout CellBuffer) {
        buffer.write((focused ? "› " : "  ") + label, x: x - 2, y: y, role: focused ? .title : .text)
        // Brackets keep the field visible without color or underline.
        buffer.write("[", x: x + labelWidth - 1, y: y, role: .border)
        buffer.write("]", x: x + labelWidth + fieldWidth, y: y, role: .border)
        let start = x + labelWidth
        buffer.fill(Rect(x: start, y: y, width: fieldWidth, height: 1), character: " ", role: focused ? .fieldFocused : .field)
        let shown = secret ? String(repeating: "•", count: value.count) : value
        let cursorColumn = TextWidth.of(String(shown.prefix(cursor)))
        // Keep the cursor in view: show the tail when the value is longer than the field.
        let skip = max(0, cursorColumn - (fieldWidth - 1))
        var visible = shown
        var skipped = 0
        while skipped < skip, let first = visible.first {
            skipped += TextWidth.of(first)
            visible.removeFirst()
        }
        buffer.write(visible, x: start, y: y, role: focused ? .fieldFocused : .field,
                     clip: Rect(x: start, y: y, width: fieldWidth, height: 1))
        if focused { buffer.cursor = Point(x: start + cursorColumn - skipped, y: y) }
    }
}
