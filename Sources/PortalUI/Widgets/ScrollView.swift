import Foundation

extension Widgets {
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
}
