import Foundation
import PortalCore

/// Why a store could not be used. Every case names the file; none of them
/// leads to the file being modified. Paths, reasons and problems may hold
/// store text or file names with control characters: every line is escaped
/// (`InertText`), so a store cannot retitle the terminal or forge a line.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case invalid(path: String, problems: [StoreProblem])
    case newerSchema(path: String, found: Int, supported: Int)
    case alreadyExists(path: String)
    case writeFailed(path: String, reason: String)
    /// The lock beside the store could not be taken, so nothing was written.
    case lockFailed(path: String, lockPath: String, reason: String)

    public var description: String {
        let path = InertText.escaped(self.path)
        switch self {
        case .notFound:
            return "\(path): no store here. Create an empty organization with: portal store init \(path) (or the demo one with --demo)"
        case let .unreadable(_, reason):
            return "\(path): cannot be read: \(Self.clause(reason)). Check the path and its permissions; the file was not changed."
        case let .invalid(_, problems):
            return (["\(path): the store is not valid (\(problems.count) problem\(problems.count == 1 ? "" : "s")); it was not changed. Fix it, or check it with: portal store validate \(path)"]
                + problemLines).joined(separator: "\n")
        case let .newerSchema(_, found, supported):
            return "\(path): $.schemaVersion: written by a newer portal (schema \(found); this portal reads up to \(supported)). Upgrade portal; the file was not changed."
        case .alreadyExists:
            return "\(path): a file is already there. Choose another path, or pass --force to replace it."
        case let .writeFailed(_, reason):
            return "\(path): could not be written: \(Self.clause(reason)). The previous file, if any, is unchanged."
        case let .lockFailed(_, lockPath, reason):
            return "\(path): could not take the lock \(InertText.escaped(lockPath)): \(Self.clause(reason)). Nothing was written; remove or fix that path and try again."
        }
    }

    /// One line for a screen: what happened and what to do, the file named
    /// last so a narrow window cuts the path, not the advice.
    public var summary: String {
        let path = InertText.escaped(self.path)
        switch self {
        case .notFound:
            return "The store file is gone. Create it again with: portal store init \(path)"
        case let .unreadable(_, reason):
            return "The store cannot be read: \(InertText.escaped(StoreProblem.sentence(reason))). Check \(path)"
        case let .invalid(_, problems):
            return "The store is not valid now (\(Plural.count(problems.count, "problem"))); nothing was written. Check it with: portal store validate \(path)"
        case let .newerSchema(_, found, _):
            return "A newer portal wrote the store (schema \(found)); nothing was written. Upgrade portal."
        case .alreadyExists:
            return "A file is already at \(path)."
        case let .writeFailed(_, reason):
            return "The store could not be written: \(InertText.escaped(StoreProblem.sentence(reason))); nothing changed. \(path)"
        case let .lockFailed(_, lockPath, reason):
            let name = InertText.escaped((lockPath as NSString).lastPathComponent)
            return "Could not take the store's lock \(name): \(InertText.escaped(StoreProblem.sentence(reason))). Nothing was written; remove or fix it beside \(path)"
        }
    }

    public var path: String {
        switch self {
        case let .notFound(path), let .unreadable(path, _), let .invalid(path, _), let .newerSchema(path, _, _),
             let .alreadyExists(path), let .writeFailed(path, _), let .lockFailed(path, _, _):
            path
        }
    }

    /// One line per problem, each naming the file and the JSON path.
    public var problemLines: [String] {
        switch self {
        case let .invalid(path, problems):
            problems.map { InertText.escaped("\(path): \($0.path): \(StoreProblem.sentence($0.message))") }
        default: [description]
        }
    }

    /// One line per problem of any store's error (a file's or a database's).
    public static func problemLines(of error: Error) -> [String] {
        (error as? StoreError)?.problemLines ?? [String(describing: error)]
    }

    /// A reason from the system or from a check, escaped and without its
    /// final period, to sit inside a sentence.
    private static func clause(_ reason: String) -> String {
        InertText.escaped(StoreProblem.sentence(reason))
    }
}
