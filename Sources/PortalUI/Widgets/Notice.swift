import Foundation

extension Widgets {
    /// The answer to the last action, at the bottom of the content: a glyph
    /// and the sentence (wrapped, never cut; three lines at most), in the
    /// error or success role. The last column stays the scroll bar's.
    static func notice(_ text: String, isError: Bool, in content: Rect, buffer: inout CellBuffer) {
        let width = content.width
        let lines = TextWidth.wrap((isError ? "✗ " : "✓ ") + text, width: width - 3).prefix(3)
        let top = content.maxY - lines.count
        for (index, line) in lines.enumerated() {
            buffer.fill(Rect(x: content.x, y: top + index, width: width - 1, height: 1), role: .text)
            buffer.write(line, x: content.x + 1, y: top + index, role: isError ? .error : .success)
        }
    }
}
