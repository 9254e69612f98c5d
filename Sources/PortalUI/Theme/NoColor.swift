import Foundation

/// The NO_COLOR convention (no-color.org).
public enum NoColor {
    /// Only a non-empty value turns colors off: `NO_COLOR=` keeps them.
    public static func isRequested(in environment: [String: String]) -> Bool {
        guard let value = environment["NO_COLOR"] else { return false }
        return !value.isEmpty
    }
}
