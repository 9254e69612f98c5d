import Foundation

/// Why a store could not be used. Every case names the file; none of them
/// leads to the file being modified.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case invalid(path: String, problems: [StoreProblem])
    case newerSchema(path: String, found: Int, supported: Int)
    case alreadyExists(path: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .notFound(path):
            "\(path): no store here. Create one with: portal store init --demo \(path)"
        case let .unreadable(path, reason):
            "\(path): cannot be read: \(reason). Check the path and its permissions; the file was not changed."
        case let .invalid(path, problems):
            (["\(path): the store is not valid (\(problems.count) problem\(problems.count == 1 ? "" : "s")); it was not changed. Fix it, or check it with: portal store validate \(path)"]
                + problemLines).joined(separator: "\n")
        case let .newerSchema(path, found, supported):
            "\(path): $.schemaVersion: written by a newer portal (schema \(found); this portal reads up to \(supported)). Upgrade portal; the file was not changed."
        case let .alreadyExists(path):
            "\(path): a file is already there. Choose another path, or pass --force to replace it."
        case let .writeFailed(path, reason):
            "\(path): could not be written: \(reason). The previous file, if any, is unchanged."
        }
    }

    /// One line per problem, each naming the file and the JSON path.
    public var problemLines: [String] {
        switch self {
        case let .invalid(path, problems): problems.map { "\(path): \($0)" }
        default: [description]
        }
    }
}
