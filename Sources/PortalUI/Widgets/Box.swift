import Foundation

extension Widgets {
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
}
