import Foundation

/// A column of a table: a title and a share of the width.
public struct TableColumn: Sendable {
    public var title: String
    /// Fixed width when set; otherwise the column shares what is left by weight.
    public var width: Int?
    public var weight: Int

    public init(_ title: String, width: Int? = nil, weight: Int = 1) {
        self.title = title
        self.width = width
        self.weight = weight
    }
}

/// A scrolling table with a header row and one selected row. The selected
/// row carries a "›" marker as well as the selection role.
public enum Table {
    public static func widths(of columns: [TableColumn], total: Int) -> [Int] {
        let gaps = columns.count - 1
        let fixed = columns.compactMap(\.width).reduce(0, +)
        let flexible = max(0, total - 2 - gaps - fixed)
        let weights = columns.filter { $0.width == nil }.map(\.weight).reduce(0, +)
        var remaining = flexible
        var result: [Int] = []
        var flexibleSeen = 0
        let flexibleCount = columns.filter { $0.width == nil }.count
        for column in columns {
            if let width = column.width {
                result.append(width)
            } else {
                flexibleSeen += 1
                let share = flexibleSeen == flexibleCount ? remaining : flexible * column.weight / max(1, weights)
                result.append(share)
                remaining -= share
            }
        }
        return result
    }

    /// Rows visible under the header in `rect`.
    public static func visibleRows(in rect: Rect) -> Int { max(1, rect.height - 1) }

    /// Only the visible rows are asked for, so a list of any length costs
    /// the same to draw.
    public static func draw(columns: [TableColumn], count: Int, row: (Int) -> [Span], state: ListState, in rect: Rect,
                            buffer: inout CellBuffer, emptyMessage: String) {
        let widths = widths(of: columns, total: rect.width - 1)
        var column = rect.x + 2
        for (index, spec) in columns.enumerated() {
            buffer.write(TextWidth.truncate(spec.title, to: widths[index]), x: column, y: rect.y, role: .dim)
            column += widths[index] + 1
        }
        guard count > 0 else {
            buffer.write(emptyMessage, x: rect.x + 2, y: rect.y + 2, role: .dim)
            return
        }
        let visible = visibleRows(in: rect)
        for line in 0..<visible {
            let index = state.offset + line
            guard index < count else { break }
            let y = rect.y + 1 + line
            let selected = index == state.selected
            if selected {
                buffer.fill(Rect(x: rect.x, y: y, width: rect.width - 1, height: 1), role: .selection)
                buffer.write("›", x: rect.x, y: y, role: .selection)
            }
            var x = rect.x + 2
            for (cellIndex, span) in row(index).enumerated() where cellIndex < widths.count {
                let text = TextWidth.truncate(span.text, to: widths[cellIndex])
                // Status roles keep their meaning on the selected row through glyph and word.
                buffer.write(text, x: x, y: y, role: selected ? .selection : span.role,
                             clip: Rect(x: x, y: y, width: widths[cellIndex], height: 1))
                x += widths[cellIndex] + 1
            }
        }
        Widgets.scrollIndicator(total: count, offset: state.offset, visible: visible, x: rect.maxX - 1, y: rect.y + 1, buffer: &buffer)
    }
}
