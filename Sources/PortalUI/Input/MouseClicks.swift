import Foundation

/// Turns what a terminal reports of the mouse into clicks. A terminal sends a
/// press and a release for one click; counting both made one click act twice
/// (a click on "Sign in" submitted the form a second time, already cleared).
public struct MouseClicks: Sendable {
    public enum Report: Equatable, Sendable {
        case press(x: Int, y: Int)
        case release(x: Int, y: Int)
        /// A whole click, for terminals (or curses settings) that report one.
        case click(x: Int, y: Int)
        case wheelUp(x: Int, y: Int)
        case wheelDown(x: Int, y: Int)
    }

    private var pressedAt: Point?

    public init() {}

    /// The event a report completes, if any. A release counts only after a
    /// press on the same row, so dragging away cancels, as with a button.
    public mutating func event(for report: Report) -> MouseEvent? {
        switch report {
        case let .press(x, y):
            pressedAt = Point(x: x, y: y)
            return nil
        case let .release(x, y):
            defer { pressedAt = nil }
            guard let pressed = pressedAt, pressed.y == y else { return nil }
            return MouseEvent(kind: .click, x: x, y: y)
        case let .click(x, y):
            pressedAt = nil
            return MouseEvent(kind: .click, x: x, y: y)
        case let .wheelUp(x, y):
            return MouseEvent(kind: .scrollUp, x: x, y: y)
        case let .wheelDown(x, y):
            return MouseEvent(kind: .scrollDown, x: x, y: y)
        }
    }
}
