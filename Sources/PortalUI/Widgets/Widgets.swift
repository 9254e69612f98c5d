import Foundation

/// Drawing helpers shared by every screen.
public enum Widgets {
    /// A box with a single-line border and an optional title in the top edge.
    public static func box(_ rect: Rect, title: String? = nil, role: Role = .border, fill: Role = .overlay, in buffer: inout CellBuffer) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        buffer.fill(rect, role: fill)
        let horizontal = String(repeating: "─", count: rect.width - 2)
        buffer.write("┌" + horizontal + "┐", x: rect.x, y: rect.y, role: role)
        buffer.write("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, role: role)
        for row in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.write("│", x: rect.x, y: row, role: role)
            buffer.write("│", x: rect.maxX - 1, y: row, role: role)
        }
        if let title, rect.width > 6 {
            buffer.write(" " + TextWidth.truncate(title, to: rect.width - 6) + " ", x: rect.x + 2, y: rect.y, role: .title)
        }
    }

    /// A document of lines scrolled to `offset`, with a scroll position
    /// indicator in the last column when it does not fit.
    public static func scrollView(_ lines: [StyledLine], offset: Int, in rect: Rect, buffer: inout CellBuffer) {
        let overflow = lines.count > rect.height
        let width = overflow ? rect.width - 1 : rect.width
        for row in 0..<rect.height {
            let index = offset + row
            guard index < lines.count else { break }
            buffer.draw(lines[index], x: rect.x, y: rect.y + row, width: width)
        }
        if overflow { scrollIndicator(total: lines.count, offset: offset, visible: rect.height, x: rect.maxX - 1, y: rect.y, buffer: &buffer) }
    }

    static func scrollIndicator(total: Int, offset: Int, visible: Int, x: Int, y: Int, buffer: inout CellBuffer) {
        guard visible > 0, total > visible else { return }
        let thumb = max(1, visible * visible / total)
        let start = (visible - thumb) * offset / max(1, total - visible)
        for row in 0..<visible {
            let inThumb = row >= start && row < start + thumb
            buffer.write(inThumb ? "█" : "│", x: x, y: y + row, role: inThumb ? .accent : .border)
        }
    }

    /// The bottom bar: each key in `hintKey`, its action in `hint`.
    public static func hintBar(_ hints: [(key: String, label: String)], y: Int, width: Int, buffer: inout CellBuffer) {
        buffer.fill(Rect(x: 0, y: y, width: width, height: 1), role: .hint)
        var column = 1
        for hint in hints {
            let needed = TextWidth.of(hint.key) + 1 + TextWidth.of(hint.label) + 2
            if column + needed > width { break }
            column = buffer.write(hint.key, x: column, y: y, role: .hintKey)
            column = buffer.write(" " + hint.label + "  ", x: column, y: y, role: .hint)
        }
    }

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

    /// A button; focus shows as brackets and the focused role, never color alone.
    public static func button(_ label: String, focused: Bool, x: Int, y: Int, buffer: inout CellBuffer) -> Rect {
        let text = focused ? "[ \(label) ]" : "  \(label)  "
        buffer.write(text, x: x, y: y, role: focused ? .buttonFocused : .button)
        return Rect(x: x, y: y, width: TextWidth.of(text), height: 1)
    }
}
