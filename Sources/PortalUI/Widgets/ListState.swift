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
    }

    public mutating func apply(_ move: Move, count: Int, visible: Int) {
        guard count > 0 else { selected = 0; offset = 0; return }
        let page = max(1, visible - 1)
        switch move {
        case .up: selected -= 1
        case .down: selected += 1
        case .pageUp: selected -= page
        case .pageDown: selected += page
        case .first: selected = 0
        case .last: selected = count - 1
        }
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
        let page = max(1, visible - 1)
        switch move {
        case .up: offset -= 1
        case .down: offset += 1
        case .pageUp: offset -= page
        case .pageDown: offset += page
        case .first: offset = 0
        case .last: offset = lines
        }
        offset = min(max(0, offset), max(0, lines - visible))
    }
}
