import Foundation

/// The themes compiled into the binary from `Themes/*.json`, and loading of
/// a theme by name or path.
public enum ThemeCatalog {
    public static let builtInNames = ["default", "dark", "light", "high-contrast", "monochrome"]

    static func builtInData(_ name: String) -> Data? {
        let bytes: [UInt8]? = switch name {
        case "default": PackageResources.default_json
        case "dark": PackageResources.dark_json
        case "light": PackageResources.light_json
        case "high-contrast": PackageResources.high_contrast_json
        case "monochrome": PackageResources.monochrome_json
        default: nil
        }
        return bytes.map { Data($0) }
    }

    /// A built-in name, or a path to a theme file (anything with a slash or ending in .json).
    public static func load(_ nameOrPath: String) throws(Theme.LoadError) -> Theme {
        if let data = builtInData(nameOrPath) {
            return try Theme.parse(data, source: "Themes/\(nameOrPath).json")
        }
        guard nameOrPath.contains("/") || nameOrPath.hasSuffix(".json") else {
            throw .unknownTheme(name: nameOrPath, available: builtInNames)
        }
        guard let data = FileManager.default.contents(atPath: nameOrPath) else {
            throw .unreadable(path: nameOrPath, reason: FileManager.default.fileExists(atPath: nameOrPath) ? "permission denied" : "no such file")
        }
        return try Theme.parse(data, source: nameOrPath)
    }
}
