import Foundation

extension Widgets {
    /// The bottom bar: each key in `hintKey`, its action in `hint`.
    public static func hintBar(_ hints: [(key: String, label: String)], y: Int, width: Int, buffer: inout CellBuffer) {
        buffer.fill(Rect(x: 0, y: y, width: width, height: 1), role: .hint)
        for (hint, columns) in zip(hints, hintColumns(hints, width: width)) {
            let column = buffer.write(hint.key, x: columns.lowerBound, y: y, role: .hintKey)
            buffer.write(" " + hint.label + "  ", x: column, y: y, role: .hint)
        }
    }

    /// The columns each hint that fits takes on the bar (a click there is
    /// its key); hints past the width are left off, never cut.
    public static func hintColumns(_ hints: [(key: String, label: String)], width: Int) -> [Range<Int>] {
        var column = 1
        var spans: [Range<Int>] = []
        for hint in hints {
            let needed = TextWidth.of(hint.key) + 1 + TextWidth.of(hint.label) + 2
            if column + needed > width { break }
            spans.append(column..<column + needed - 2)
            column += needed
        }
        return spans
    }
}
