import Foundation

/// What went wrong talking to PostgreSQL, in words a user can act on. Never
/// holds a password: messages come from the server or libpq, which do not
/// repeat it, and the address is shown redacted.
public enum DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection could be made (server down, wrong host, authentication).
    case unreachable(address: String, reason: String)
    /// The connection broke during a request: nothing of it was committed.
    case connectionLost(address: String, reason: String)
    /// The connection broke while a change was being committed: whether it
    /// was, only a fresh read can tell.
    case commitUnknown(address: String, reason: String)
    /// The server refused a statement.
    case statement(sqlState: String, message: String)
    /// The database holds a schema newer than this portal knows, or none.
    case schema(address: String, reason: String)
    /// Rows that do not make a valid store.
    case invalidData(address: String, reason: String)

    public var description: String {
        switch self {
        case let .unreachable(address, reason):
            "cannot connect to \(address): \(Self.sentence(reason)) Check that the server runs and the URL, ~/.pgpass or PGPASSWORD are right."
        case let .connectionLost(address, reason):
            "the database at \(address) did not answer (\(Self.clause(reason))); nothing was saved. Try again in a moment."
        case let .statement(state, message):
            "the database refused a request (\(state)): \(message)"
        case let .commitUnknown(address, reason):
            "the database at \(address) stopped answering while the change was being saved (\(Self.clause(reason))); it may or may not have been saved. Look again in a moment."
        case let .schema(address, reason):
            "\(address): \(reason)"
        case let .invalidData(address, reason):
            "\(address) holds data that is not a valid store: \(reason)"
        }
    }

    /// A reason inside a sentence: without its final period.
    private static func clause(_ reason: String) -> String {
        reason.hasSuffix(".") ? String(reason.dropLast()) : reason
    }

    /// A reason as a sentence: its own final punctuation, or a period.
    private static func sentence(_ reason: String) -> String {
        reason.last.map { ".?!".contains($0) } == true ? reason : reason + "."
    }

    /// Worth running the transaction again: another transaction won a race.
    var isRetryable: Bool {
        if case let .statement(state, _) = self { return state == "40001" || state == "40P01" }
        return false
    }

    /// The server is gone or the network broke: reconnecting may help.
    public var isConnectionProblem: Bool {
        switch self {
        case .unreachable, .connectionLost, .commitUnknown: true
        case let .statement(state, _): state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03"
        default: false
        }
    }
}
