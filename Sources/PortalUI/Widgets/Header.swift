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

    /// Over the header's right end while the store's server is away: what
    /// the user types stays, and changes say whether they were saved.
    public static func reconnecting(width: Int, buffer: inout CellBuffer) {
        let shown = TextWidth.truncate(" ! Reconnecting… ", to: max(0, width - 1))
        let x = max(0, width - TextWidth.of(shown))
        // What it covers of the header's right part ends in "…", not mid-word.
        if x >= 1, buffer[x - 1, 0].character != " " || buffer[x - 1, 0].isContinuation {
            // A wide character cut in two gives way whole.
            let start = buffer[x - 1, 0].isContinuation ? x - 2 : x - 1
            buffer.write(start == x - 1 ? "…" : "… ", x: max(0, start), y: 0, role: .header)
        }
        buffer.write(shown, x: x, y: 0, role: .warning)
    }
}
