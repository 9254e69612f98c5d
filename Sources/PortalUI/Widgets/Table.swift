import Foundation

/// A column of a table: a title, the least width it is useful at, how much
/// of the spare width it takes, and how early it goes when the width is short.
public struct TableColumn: Sendable {
    public var title: String
    public var minimum: Int
    /// Nil lets the column grow without bound.
    public var maximum: Int?
    /// Share of the spare width, relative to the other columns' weights.
    public var weight: Int
    /// 0 is kept longest; the highest number is dropped first.
    public var priority: Int

    public init(_ title: String, minimum: Int, maximum: Int? = nil, weight: Int = 1, priority: Int = 0) {
        let least = max(1, minimum)
        self.title = title
        self.minimum = least
        self.maximum = maximum.map { max(least, $0) }
        self.weight = max(0, weight)
        self.priority = priority
    }

    /// A column of one fixed width.
    public init(_ title: String, width: Int, priority: Int = 0) {
        self.init(title, minimum: width, maximum: width, weight: 0, priority: priority)
    }
}

/// A scrolling table with a header row and one selected row. The selected
/// row carries a "›" marker as well as the selection role.
public enum Table {
    /// Each column's width in `available` columns (one-column gaps between
    /// them included), or nil for a column dropped because the width is short.
    /// Columns drop lowest priority first; what is left over after every
    /// minimum is shared by weight up to each column's maximum.
    public static func widths(of columns: [TableColumn], available: Int) -> [Int?] {
        guard !columns.isEmpty else { return [] }
        var kept = Array(columns.indices)
        func needed() -> Int { kept.reduce(0) { $0 + columns[$1].minimum } + kept.count - 1 }
        while kept.count > 1, needed() > available {
            // The last of the lowest-priority columns goes first.
            let drop = kept.lastIndex { columns[$0].priority == kept.map { columns[$0].priority }.max() }!
            kept.remove(at: drop)
        }
        var widths = [Int?](repeating: nil, count: columns.count)
        for index in kept { widths[index] = columns[index].minimum }
        var spare = available - needed()
        if spare < 0, let only = kept.first {
            widths[only] = max(0, available)
            return widths
        }
        while spare > 0 {
            let growing = kept.filter { columns[$0].weight > 0 && (columns[$0].maximum ?? .max) > widths[$0]! }
            guard !growing.isEmpty else { break }
            let weights = growing.reduce(0) { $0 + columns[$1].weight }
            var given = 0
            for index in growing {
                let room = (columns[index].maximum ?? .max) - widths[index]!
                let share = min(room, spare * columns[index].weight / weights)
                widths[index]! += share
                given += share
            }
            if given == 0 {
                // Shares rounded to nothing: hand out the rest a column at a time.
                for index in growing where spare - given > 0 {
                    widths[index]! += 1
                    given += 1
                }
            }
            spare -= given
        }
        return widths
    }

    /// Rows visible under the header in `rect`.
    public static func visibleRows(in rect: Rect) -> Int { max(1, rect.height - 1) }

    /// Only the visible rows are asked for, so a list of any length costs
    /// the same to draw. `row` gives one span per column, dropped ones included.
    public static func draw(columns: [TableColumn], count: Int, row: (Int) -> [Span], state: ListState, in rect: Rect,
                            buffer: inout CellBuffer, emptyMessage: String) {
        // Two columns for the marker, and a gap column before the scrollbar.
        let widths = widths(of: columns, available: rect.width - 4)
        let shown = columns.indices.compactMap { index in widths[index].map { (index, $0) } }
        var column = rect.x + 2
        for (index, width) in shown {
            buffer.write(TextWidth.truncate(columns[index].title, to: width), x: column, y: rect.y, role: .dim)
            column += width + 1
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
            let cells = row(index)
            var x = rect.x + 2
            for (cellIndex, width) in shown where cellIndex < cells.count {
                let span = cells[cellIndex]
                let text = TextWidth.truncate(span.text, to: width)
                // Status roles keep their meaning on the selected row through glyph and word.
                buffer.write(text, x: x, y: y, role: selected ? .selection : span.role,
                             clip: Rect(x: x, y: y, width: width, height: 1))
                x += width + 1
            }
        }
        Widgets.scrollIndicator(total: count, offset: state.offset, visible: visible, x: rect.maxX - 1, y: rect.y + 1, buffer: &buffer)
    }
}
