import Foundation

/// Selection and scroll position of a list, kept valid as the list and the
/// window change size.
public struct ListState: Equatable, Sendable {
    public var selected: Int = 0
    public var offset: Int = 0

    public init(selected: Int = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    public enum Move: Sendable {
        case up, down, pageUp, pageDown, first, last

        /// Where the move leads from `position`, before clamping; a page
        /// keeps one line of the previous page in view.
        func target(from position: Int, visible: Int, last: Int) -> Int {
            let page = max(1, visible - 1)
            switch self {
            case .up: return position - 1
            case .down: return position + 1
            case .pageUp: return position - page
            case .pageDown: return position + page
            case .first: return 0
            case .last: return last
            }
        }
    }

    public mutating func apply(_ move: Move, count: Int, visible: Int) {
        guard count > 0 else { selected = 0; offset = 0; return }
        selected = move.target(from: selected, visible: visible, last: count - 1)
        clamp(count: count, visible: visible)
    }

    /// Keeps the selection inside the list and on screen.
    public mutating func clamp(count: Int, visible: Int) {
        selected = min(max(0, selected), max(0, count - 1))
        let rows = max(1, visible)
        if selected < offset { offset = selected }
        if selected >= offset + rows { offset = selected - rows + 1 }
        offset = min(max(0, offset), max(0, count - rows))
    }
}

/// Scroll position of a read-only document.
public struct ScrollState: Equatable, Sendable {
    public var offset: Int = 0

    public init(offset: Int = 0) { self.offset = offset }

    public mutating func apply(_ move: ListState.Move, lines: Int, visible: Int) {
        offset = move.target(from: offset, visible: visible, last: lines)
        clamp(lines: lines, visible: visible)
    }

    public mutating func clamp(lines: Int, visible: Int) {
        offset = min(max(0, offset), max(0, lines - visible))
    }
}
