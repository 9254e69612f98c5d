import Foundation

/// The operating system as people know it ("Windows 11 23H2", "Ubuntu 22.04
/// LTS", "macOS 14.5 Sonoma") rather than as devices report it
/// ("10.0.22631"). Every screen and command names a device's OS through
/// this one function. A version no table knows is shown as reported, never
/// guessed into a release.
public enum FriendlyOSName {
    public static func of(_ device: ManagedDevice) -> String {
        name(platform: device.operatingSystem, version: device.osVersion,
             distribution: device.distribution, prettyName: device.osPrettyName)
    }

    /// The name with the version as reported when the name does not hold it:
    /// "Windows 11 23H2 (10.0.22631)", "macOS 15.1 Sequoia".
    public static func withVersion(_ device: ManagedDevice) -> String {
        let name = of(device), version = device.osVersion.trimmingCharacters(in: .whitespaces)
        return version.isEmpty || name.contains(version) ? name : "\(name) (\(version))"
    }

    public static func name(platform: DevicePlatform, version rawVersion: String,
                            distribution: LinuxDistribution? = nil, prettyName: String? = nil) -> String {
        let version = rawVersion.trimmingCharacters(in: .whitespaces)
        switch platform {
        case .windows: return windows(version)
        case .macOS: return macOS(version)
        case .linux: return linux(version, distribution: distribution, prettyName: prettyName)
        case .iOS, .iPadOS, .android: return joined(platform.displayName, version)
        }
    }

    // MARK: - Windows

    /// Feature updates by build number (the third part of 10.0.BUILD).
    static let windows11Releases: [Int: String] = [22000: "21H2", 22621: "22H2", 22631: "23H2", 26100: "24H2", 26200: "25H2"]
    static let windows10Releases: [Int: String] = [
        10240: "1507", 10586: "1511", 14393: "1607", 15063: "1703", 16299: "1709", 17134: "1803",
        17763: "1809", 18362: "1903", 18363: "1909", 19041: "2004", 19042: "20H2", 19043: "21H1",
        19044: "21H2", 19045: "22H2",
    ]
    /// Windows 11 is Windows NT 10.0 from build 22000 on.
    static let firstWindows11Build = 22000

    static func windows(_ version: String) -> String {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "10", parts[1] == "0", let build = Int(parts[2]) else {
            return joined("Windows", version)
        }
        if build >= firstWindows11Build {
            return windows11Releases[build].map { "Windows 11 \($0)" } ?? "Windows 11 (\(version))"
        }
        return windows10Releases[build].map { "Windows 10 \($0)" } ?? "Windows 10 (\(version))"
    }

    // MARK: - macOS

    static let macOSNames: [String: String] = [
        "10.13": "High Sierra", "10.14": "Mojave", "10.15": "Catalina",
        "11": "Big Sur", "12": "Monterey", "13": "Ventura", "14": "Sonoma", "15": "Sequoia", "26": "Tahoe",
    ]

    static func macOS(_ version: String) -> String {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let major = parts.first, Int(major) != nil, parts.allSatisfy({ Int($0) != nil }) else { return joined("macOS", version) }
        // Before macOS 11 the release was named by its minor version.
        let key = major == "10" && parts.count > 1 ? "10.\(parts[1])" : major
        return macOSNames[key].map { "macOS \(version) \($0)" } ?? "macOS \(version)"
    }

    // MARK: - Linux

    static func linux(_ version: String, distribution: LinuxDistribution?, prettyName: String?) -> String {
        if let pretty = prettyName?.trimmingCharacters(in: .whitespaces), !pretty.isEmpty { return pretty }
        guard let distribution else { return joined("Linux", version) }
        let release = distribution.version.isEmpty ? version : distribution.version
        switch distribution.type {
        case .ubuntu: return joined("Ubuntu", release) + (isUbuntuLTS(release) ? " LTS" : "")
        case .rhel: return joined("Red Hat Enterprise Linux", release)
        case .other: return joined("Linux", release)
        }
    }

    /// Ubuntu's long-term releases are the April ones of even years (22.04, 24.04.1).
    static func isUbuntuLTS(_ version: String) -> Bool {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].count == 2, let year = Int(parts[0]), parts[1] == "04" else { return false }
        return year % 2 == 0
    }

    private static func joined(_ name: String, _ version: String) -> String { version.isEmpty ? name : "\(name) \(version)" }
}
