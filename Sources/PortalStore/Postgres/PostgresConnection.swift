import CLibpq
import Foundation

/// One libpq connection. Used by one thread at a time (the store's lock sees
/// to it); statements are sent with text parameters, never spliced into SQL.
final class PostgresConnection: @unchecked Sendable {
    let address: DatabaseAddress
    private var handle: OpaquePointer?

    /// Rows of text as the server sent them; nil for SQL NULL.
    struct Rows {
        var values: [[String?]]
        var affected: Int

        func text(_ row: Int, _ column: Int) -> String? {
            row < values.count && column < values[row].count ? values[row][column] : nil
        }
    }

    init(_ address: DatabaseAddress) throws(DatabaseError) {
        self.address = address
        // The URL's own settings win: libpq reads later keywords over earlier ones.
        // A cut network is noticed within seconds (keepalives, an unacknowledged
        // send), not after the system's TCP timeout of many minutes.
        let keywords = ["connect_timeout", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
                        "fallback_application_name", "client_encoding", "dbname"]
        let values = ["5", "5", "2", "3", "10000", "portal", "UTF8", address.connectionString]
        let connection = Self.withCStrings(keywords) { keys in
            Self.withCStrings(values) { vals in PQconnectdbParams(keys, vals, 1) }
        }
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let reason = address.scrubbed(connection.map(Self.message(of:)) ?? "out of memory")
            PQfinish(connection)
            throw .unreachable(address: address.description, reason: reason)
        }
        handle = connection
        silenceNotices()
    }

    deinit { PQfinish(handle) }

    /// Server notices ("already exists, skipping") would otherwise be
    /// printed to stderr, over the terminal's screen.
    private func silenceNotices() {
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    var isConnected: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The socket to wait on for notifications; -1 when there is none.
    var socket: Int32 { PQsocket(handle) }

    /// Connects again after the server went away; false while it is still gone.
    func reconnect() -> Bool {
        PQreset(handle)
        guard isConnected else { return false }
        silenceNotices()
        return true
    }

    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = []) throws(DatabaseError) -> Rows {
        // Never reconnected here: a statement of a transaction must not run
        // on a fresh connection outside it. The store reconnects between requests.
        guard isConnected else {
            throw .connectionLost(address: address.description, reason: address.scrubbed(Self.message(of: handle)))
        }
        let result = Self.withOptionalCStrings(parameters) { pointers in
            PQexecParams(handle, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
            return Rows(values: Self.values(of: result), affected: Int(String(cString: PQcmdTuples(result))) ?? 0)
        default:
            if !isConnected {
                throw .connectionLost(address: address.description, reason: address.scrubbed(Self.message(of: handle)))
            }
            let state = Self.field(result, "C") ?? "XX000"
            let message = Self.field(result, "M") ?? Self.message(of: handle)
            throw .statement(sqlState: state, message: message)
        }
    }

    /// Runs a script of several statements without parameters (a migration).
    func executeScript(_ sql: String) throws(DatabaseError) {
        guard isConnected else { throw .connectionLost(address: address.description, reason: address.scrubbed(Self.message(of: handle))) }
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK else {
            if !isConnected { throw .connectionLost(address: address.description, reason: address.scrubbed(Self.message(of: handle))) }
            throw .statement(sqlState: Self.field(result, "C") ?? "XX000", message: Self.field(result, "M") ?? address.scrubbed(Self.message(of: handle)))
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back
    /// when it throws. A connection lost while committing is reported as such:
    /// whether the change was kept only a fresh read can tell.
    func transaction<R>(_ begin: String = "BEGIN", _ body: () throws -> R) throws -> R {
        try execute(begin)
        let result: R
        do {
            result = try body()
        } catch {
            if (error as? DatabaseError)?.isConnectionProblem != true { _ = try? execute("ROLLBACK") }
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            if case let .connectionLost(address, reason) = error { throw DatabaseError.commitUnknown(address: address, reason: reason) }
            throw error
        }
        return result
    }

    /// Runs `body` holding a session advisory lock on `key`: taken before any
    /// transaction, so a transaction begun under it sees what the last holder committed.
    func holding<R>(_ key: String, _ body: () throws -> R) throws -> R {
        try execute("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key])
        defer { _ = try? execute("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]) }
        return try body()
    }

    /// Starts listening on a channel (NOTIFY from other portals).
    func listen(_ channel: String) throws(DatabaseError) {
        try execute("LISTEN \(Self.quoted(channel))")
    }

    /// The server process serving this connection: notifications name it as their sender.
    var backendPID: Int32 { PQbackendPID(handle) }

    /// Notifications that arrived (payload and the sending server process), without waiting.
    func notifications() throws(DatabaseError) -> [(payload: String, sender: Int32)] {
        guard PQconsumeInput(handle) == 1 else {
            throw .connectionLost(address: address.description, reason: address.scrubbed(Self.message(of: handle)))
        }
        var arrived: [(payload: String, sender: Int32)] = []
        while let notice = PQnotifies(handle) {
            arrived.append((String(cString: notice.pointee.extra), notice.pointee.be_pid))
            PQfreemem(notice)
        }
        return arrived
    }

    /// An identifier in double quotes, as Graph's mixed-case names need.
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func values(of result: OpaquePointer?) -> [[String?]] {
        let rows = Int(PQntuples(result)), columns = Int(PQnfields(result))
        var values: [[String?]] = []
        values.reserveCapacity(rows)
        for row in 0..<rows {
            var line: [String?] = []
            line.reserveCapacity(columns)
            for column in 0..<columns {
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                    line.append(nil)
                } else {
                    line.append(String(cString: PQgetvalue(result, Int32(row), Int32(column))))
                }
            }
            values.append(line)
        }
        return values
    }

    private static func field(_ result: OpaquePointer?, _ code: Character) -> String? {
        guard let ascii = code.asciiValue, let value = PQresultErrorField(result, Int32(ascii)) else { return nil }
        return String(cString: value)
    }

    /// libpq's last message on one line, without its trailing newline.
    private static func message(of connection: OpaquePointer?) -> String {
        guard let text = PQerrorMessage(connection) else { return "no reason given" }
        let message = String(cString: text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return message.isEmpty ? "no reason given" : message
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return body(copies.map { UnsafePointer($0) } + [nil])
    }

    private static func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies = strings.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        return body(copies.map { UnsafePointer($0) })
    }
}
