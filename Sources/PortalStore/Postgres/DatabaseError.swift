import Foundation

/// What went wrong talking to PostgreSQL, in words a user can act on. Never
/// holds a password: messages come from the server or libpq, which do not
/// repeat it, and the address is shown redacted.
public enum DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection could be made (server down, wrong host, authentication).
    case unreachable(address: String, reason: String)
    /// The connection broke during a request; it may have been committed or not
    /// only when `mayHaveCommitted`.
    case connectionLost(address: String, reason: String)
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
            "the connection to \(address) was lost: \(reason)"
        case let .statement(state, message):
            "the database refused a request (\(state)): \(message)"
        case let .schema(address, reason):
            "\(address): \(reason)"
        case let .invalidData(address, reason):
            "\(address) holds data that is not a valid store: \(reason)"
        }
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
        case .unreachable, .connectionLost: true
        case let .statement(state, _): state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03"
        default: false
        }
    }
}
