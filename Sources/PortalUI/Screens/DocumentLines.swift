import Foundation
import PortalCore

/// A document's lines laid out once for one width and one minute, kept in
/// the state so keys, scrolling and idle ticks reuse them instead of
/// evaluating and wrapping the whole document again.
public struct DocumentLines: Equatable, Sendable {
    public enum Document: Equatable, Sendable {
        case home
        case detail(PortalState.Detail)
    }

    /// What the lines were built for: another key means they are stale.
    public struct Key: Equatable, Sendable {
        public var document: Document
        public var width: Int
        /// Minutes since the reference date, or nil for a document that shows
        /// no time: relative times ("in 3 hours") change only at a minute.
        public var minute: Int?
    }

    public let key: Key
    /// Indented as drawn.
    public let lines: [StyledLine]

    /// The lines are a function of the key and the state's user, so the key
    /// alone decides equality, and comparing states stays cheap.
    public static func == (left: DocumentLines, right: DocumentLines) -> Bool { left.key == right.key }

    static func minute(of now: Date) -> Int { Int((now.timeIntervalSinceReferenceDate / 60).rounded(.down)) }
}
