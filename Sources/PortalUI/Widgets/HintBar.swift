import Foundation

extension Widgets {
    /// The bottom bar: each hint's key in the key role, then its label.
    public static func hintBar(_ hints: [(key: String, label: String)], y: Int, width: Int, buffer: inout CellBuffer) {
        buffer.fill(Rect(x: 0, y: y, width: width, height: 1), role: .hint)
        for (hint, columns) in zip(hints, hintColumns(hints, width: width)) {
            guard let columns else { continue }
            let column = buffer.write(hint.key, x: columns.lowerBound, y: y, role: .hintKey)
            buffer.write(" " + hint.label + "  ", x: column, y: y, role: .hint)
        }
    }

    /// The columns each hint takes on the bar (a click there is its key), nil
    /// for a hint left off: hints past the width are left off, never cut, but
    /// Help keeps its place at the end, since it lists every key left off.
    public static func hintColumns(_ hints: [(key: String, label: String)], width: Int) -> [Range<Int>?] {
        let needed = hints.map { TextWidth.of($0.key) + 1 + TextWidth.of($0.label) + 2 }
        var room = width - 1
        var shown = Array(repeating: false, count: hints.count)
        let help = hints.firstIndex { $0.label == "Help" }
        if needed.reduce(0, +) > room, let help, needed[help] <= room {
            shown[help] = true
            room -= needed[help]
        }
        for index in hints.indices where !shown[index] {
            if needed[index] > room { break }
            shown[index] = true
            room -= needed[index]
        }
        var column = 1
        return hints.indices.map { index in
            guard shown[index] else { return nil }
            defer { column += needed[index] }
            return column..<column + needed[index] - 2
        }
    }
}
