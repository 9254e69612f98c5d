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
        /// The `slot` of the time the lines were laid out for, or nil for a
        /// document that shows no time.
        public var minute: Int?
        /// Changes of what the document shows between minutes (an app's install progress).
        public var revision = 0
    }

    public let key: Key
    /// Indented as drawn.
    public let lines: [StyledLine]

    /// The lines are a function of the key and the state's user, so the key
    /// alone decides equality, and comparing states stays cheap.
    public static func == (left: DocumentLines, right: DocumentLines) -> Bool { left.key == right.key }

    /// Times in the store fall on whole minutes, so what the documents show
    /// (relative times, grace periods, the greeting) changes only on a minute
    /// or just after it: "in 1 day 18 hours" at 09:00:00 reads "in 1 day 17
    /// hours" from 09:00:00.001. Each minute is therefore two slots: its first
    /// instant, then the rest of it. A time with seconds in the store shows its
    /// change up to a minute late.
    static func minute(of now: Date) -> Int {
        let seconds = now.timeIntervalSinceReferenceDate
        let minute = (seconds / 60).rounded(.down)
        return Int(minute) * 2 + (seconds == minute * 60 ? 0 : 1)
    }
}
