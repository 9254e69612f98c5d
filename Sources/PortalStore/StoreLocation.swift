import Foundation

/// Where the store lives when no path is given.
public enum StoreLocation {
    /// `--store` wins, then `PORTAL_STORE`, then `$XDG_DATA_HOME/company-portal/portal.json`,
    /// then `~/.local/share/company-portal/portal.json`.
    /// Whether the store was named (by `--store` or `PORTAL_STORE`) rather
    /// than defaulted: only the default store is created on first run, so a
    /// mistyped path to a real store never opens fake data.
    public static func isNamed(explicit: String?, environment: [String: String]) -> Bool {
        !(explicit ?? "").isEmpty || !(environment["PORTAL_STORE"] ?? "").isEmpty
    }

    public static func resolve(explicit: String?, environment: [String: String]) -> URL {
        if let explicit, !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        if let fromEnvironment = environment["PORTAL_STORE"], !fromEnvironment.isEmpty {
            return URL(fileURLWithPath: fromEnvironment)
        }
        let dataHome: URL
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = URL(fileURLWithPath: xdg)
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            dataHome = URL(fileURLWithPath: home).appendingPathComponent(".local/share")
        }
        return dataHome.appendingPathComponent("company-portal/portal.json")
    }
}
