import Foundation

/// Finds the screen scripts in a folder.
public enum ScriptCatalog {
    public static func scripts(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".screen") }.sorted().map { folder.appendingPathComponent($0) }
    }
}
