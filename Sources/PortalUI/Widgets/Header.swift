import Foundation

extension Widgets {
    /// The top bar: the organization on the left, who is signed in on the
    /// right. Each is cut to the space it has, so a long name never covers
    /// the other.
    public static func header(left: String, right: String?, width: Int, buffer: inout CellBuffer) {
        buffer.fill(Rect(x: 0, y: 0, width: width, height: 1), role: .header)
        let shownLeft = TextWidth.truncate(left, to: width)
        buffer.write(shownLeft, x: 0, y: 0, role: .header)
        guard let right else { return }
        let room = width - TextWidth.of(shownLeft) - 3
        guard room >= 2 else { return }
        let shownRight = TextWidth.truncate(right, to: room)
        buffer.write(shownRight, x: width - TextWidth.of(shownRight) - 1, y: 0, role: .header)
    }
}
