import Foundation
import PortalCore

/// A PostgreSQL store named by a URL (`postgresql://USER@HOST:PORT/DB`).
/// libpq reads the URL itself, with the password from the URL, PGPASSFILE,
/// ~/.pgpass or PGPASSWORD; the portal only ever shows the URL without it.
public struct DatabaseAddress: Sendable, Equatable, CustomStringConvertible {
    /// What libpq is given; may hold a password, so never shown.
    let connectionString: String
    /// The URL as it may be shown: no password, no query parameters.
    public let description: String

    /// nil when the text does not name a database (a file path, say).
    public init?(_ text: String) {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://") else { return nil }
        connectionString = text
        description = Self.redacted(text)
    }

    public static func isDatabaseURL(_ text: String) -> Bool { DatabaseAddress(text) != nil }

    /// libpq's message with anything of the URL's secrets taken out: it
    /// repeats a URL or a token it cannot parse, password and all.
    func scrubbed(_ message: String) -> String {
        var text = message.replacingOccurrences(of: connectionString, with: description)
        for secret in secrets where !secret.isEmpty { text = text.replacingOccurrences(of: secret, with: "****") }
        return text
    }

    /// The password as written in the URL's user part and in a password=
    /// parameter, and as decoded.
    private var secrets: [String] {
        guard let schemeEnd = connectionString.range(of: "://") else { return [] }
        var found: [String] = []
        let rest = connectionString[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
            found.append(String(authority[authority.index(after: colon)..<at]))
        }
        if let query = connectionString.firstIndex(of: "?") {
            for pair in connectionString[connectionString.index(after: query)...].split(whereSeparator: { $0 == "&" || $0 == "#" }) {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == "password" { found.append(String(parts[1])) }
            }
        }
        // Longest first, so a secret holding another is taken out whole.
        return (found + found.compactMap { $0.removingPercentEncoding }).sorted { $0.count > $1.count }
    }

    /// scheme://user@host:port/db, without a password or the query.
    static func redacted(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return "a PostgreSQL URL" }
        let scheme = text[..<schemeEnd.lowerBound]
        var rest = text[schemeEnd.upperBound...]
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<query] }
        // The user part ends at the last '@' before the path.
        let pathStart = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<pathStart]
        let path = rest[pathStart...]
        if let at = authority.lastIndex(of: "@") {
            var user = authority[..<at]
            if let colon = user.firstIndex(of: ":") { user = user[..<colon] }
            authority = Substring(String(user) + "@" + authority[authority.index(after: at)...])
        }
        return InertText.escaped("\(scheme)://\(authority)\(path)")
    }
}
