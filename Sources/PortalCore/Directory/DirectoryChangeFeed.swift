import Foundation

/// A directory that hears of changes other portals (or an administrator)
/// make, as they are made: PostgreSQL's LISTEN/NOTIFY. The JSON file has
/// none; a portal on it sees such changes at its next read.
public protocol DirectoryChangeFeed: Sendable {
    /// Starts watching on a thread of its own until the process ends;
    /// `event` is called from that thread.
    func watchChanges(_ event: @escaping @Sendable (DirectoryEvent) -> Void)
}

public enum DirectoryEvent: Equatable, Sendable {
    /// This user's data changed; `everyone` for the organization's own
    /// (its notifications, the policies).
    case changed(userId: String)
    /// The catalog changed (apps, their assignments or categories).
    case catalogChanged
    /// The store cannot be reached (true), or can again (false).
    case unreachable(Bool)

    public static let everyone = "*"
}
