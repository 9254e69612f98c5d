import Foundation

extension User {
    /// The name a greeting uses: the given name when the store has one, else
    /// the whole display name. Guessing from the display name's first word
    /// picks the family name wherever it comes first, as in Japanese or Hungarian.
    public var greetingName: String {
        let given = (givenName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return given.isEmpty ? displayName : given
    }
}
