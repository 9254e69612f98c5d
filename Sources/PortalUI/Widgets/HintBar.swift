import Foundation

extension Widgets {
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
}
