import Foundation

extension String {
    /// The string with its first character upper-cased ("letters" -> "Letters").
    public var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
