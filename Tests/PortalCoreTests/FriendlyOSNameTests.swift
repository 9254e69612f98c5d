import Foundation
import PortalCore
import Testing

@Suite("Friendly OS names")
struct FriendlyOSNameTests {
    @Test(arguments: [
        ("10.0.22631", "Windows 11 23H2"), ("10.0.22631.4460", "Windows 11 23H2"), ("10.0.26100", "Windows 11 24H2"),
        ("10.0.22621", "Windows 11 22H2"), ("10.0.22000", "Windows 11 21H2"), ("10.0.19045", "Windows 10 22H2"),
        ("10.0.19044.1288", "Windows 10 21H2"), ("10.0.17763", "Windows 10 1809"),
        // Builds no table knows: the family is certain, the release is not guessed.
        ("10.0.27000", "Windows 11 (10.0.27000)"), ("10.0.19999", "Windows 10 (10.0.19999)"),
        ("6.1.7601", "Windows 6.1.7601"), ("10.0", "Windows 10.0"), ("banana", "Windows banana"), ("", "Windows"),
    ])
    func windows(version: String, expected: String) {
        #expect(FriendlyOSName.name(platform: .windows, version: version) == expected)
    }

    @Test(arguments: [
        ("14.5", "macOS 14.5 Sonoma"), ("15.1", "macOS 15.1 Sequoia"), ("13.6.1", "macOS 13.6.1 Ventura"),
        ("11.0", "macOS 11.0 Big Sur"), ("10.15.7", "macOS 10.15.7 Catalina"), ("26.0", "macOS 26.0 Tahoe"),
        ("27.0", "macOS 27.0"), ("10.9", "macOS 10.9"), ("14.x", "macOS 14.x"), ("", "macOS"),
    ])
    func macOS(version: String, expected: String) {
        #expect(FriendlyOSName.name(platform: .macOS, version: version) == expected)
    }

    @Test func mobilePlatformsShowTheirVersion() {
        #expect(FriendlyOSName.name(platform: .iOS, version: "17.5") == "iOS 17.5")
        #expect(FriendlyOSName.name(platform: .iPadOS, version: "17.5.1") == "iPadOS 17.5.1")
        #expect(FriendlyOSName.name(platform: .android, version: "14") == "Android 14")
        #expect(FriendlyOSName.name(platform: .android, version: " ") == "Android")
        #expect(FriendlyOSName.name(platform: .iOS, version: "beta") == "iOS beta")
    }

    @Test func linuxPrefersThePrettyName() {
        let ubuntu = LinuxDistribution(type: .ubuntu, version: "22.04")
        #expect(FriendlyOSName.name(platform: .linux, version: "22.04", distribution: ubuntu, prettyName: "Ubuntu 22.04.4 LTS") == "Ubuntu 22.04.4 LTS")
        #expect(FriendlyOSName.name(platform: .linux, version: "12", prettyName: "Debian GNU/Linux 12 (bookworm)") == "Debian GNU/Linux 12 (bookworm)")
        #expect(FriendlyOSName.name(platform: .linux, version: "22.04", distribution: ubuntu, prettyName: "  ") == "Ubuntu 22.04 LTS")
    }

    @Test(arguments: [
        (LinuxDistribution.Kind.ubuntu, "22.04", "Ubuntu 22.04 LTS"), (.ubuntu, "24.04.1", "Ubuntu 24.04.1 LTS"),
        (.ubuntu, "23.10", "Ubuntu 23.10"), (.ubuntu, "23.04", "Ubuntu 23.04"), (.ubuntu, "noble", "Ubuntu noble"),
        (.rhel, "8.10", "Red Hat Enterprise Linux 8.10"), (.rhel, "9.4", "Red Hat Enterprise Linux 9.4"),
    ])
    func linuxFromKindAndVersion(kind: LinuxDistribution.Kind, version: String, expected: String) {
        let distribution = LinuxDistribution(type: kind, version: version)
        #expect(FriendlyOSName.name(platform: .linux, version: version, distribution: distribution) == expected)
    }

    @Test func linuxWithoutADistributionShowsTheVersionAsIs() {
        #expect(FriendlyOSName.name(platform: .linux, version: "12") == "Linux 12")
        #expect(FriendlyOSName.name(platform: .linux, version: "") == "Linux")
    }

    @Test func aDeviceIsNamedFromItsOwnFields() {
        var device = ManagedDevice(id: "d", userId: "u", userPrincipalName: "u@x", deviceName: "box", managedDeviceOwnerType: .company,
                                   enrolledDateTime: Date(timeIntervalSince1970: 0), lastSyncDateTime: nil, operatingSystem: .linux,
                                   osVersion: "8.10", isEncrypted: true, model: "", manufacturer: "", serialNumber: "s", passcode: nil,
                                   distribution: LinuxDistribution(type: .rhel, version: "8.10"))
        #expect(FriendlyOSName.of(device) == "Red Hat Enterprise Linux 8.10")
        device.osPrettyName = "Red Hat Enterprise Linux 8.10 (Ootpa)"
        #expect(FriendlyOSName.of(device) == "Red Hat Enterprise Linux 8.10 (Ootpa)")
    }
}

@Suite("Last check-in")
struct CheckInTimeTests {
    static let now = Date(timeIntervalSince1970: 1_795_338_000) // 2026-11-22T09:00:00Z
    static let utc = TimeZone(identifier: "UTC")!

    static let pastCases: [(Double, String)] = [
        (0.0, "just now"), (59, "just now"), (60, "1 min ago"), (330, "5 min ago"), (3599, "59 min ago"),
        (3600, "1 h ago"), (12_000, "3 h ago"), (86_398, "23 h ago"), (86_400, "1 day ago"),
        (180_000, "2 days ago"), (604_799, "6 days ago"), (604_800, "2026-11-15"),
        (3_888_000, "2026-10-08"),
    ]

    @Test(arguments: pastCases)
    func past(secondsAgo: Double, expected: String) {
        #expect(CheckInTime.text(Self.now.addingTimeInterval(-secondsAgo), now: Self.now, timeZone: Self.utc) == expected)
    }

    @Test func neverAndTheFuture() {
        #expect(CheckInTime.text(nil, now: Self.now, timeZone: Self.utc) == "Never")
        // A device clock a little ahead still reads as now; far ahead is shown as the day it claims.
        #expect(CheckInTime.text(Self.now.addingTimeInterval(30), now: Self.now, timeZone: Self.utc) == "just now")
        #expect(CheckInTime.text(Self.now.addingTimeInterval(3 * 86_400), now: Self.now, timeZone: Self.utc) == "2026-11-25")
        #expect(CheckInTime.text(.distantPast, now: Self.now, timeZone: Self.utc).count == 10)
    }

    @Test func theDateIsTheDayInThePortalsTimeZone() {
        let lateEvening = Self.now.addingTimeInterval(-10 * 86_400 - 10 * 3600) // 2026-11-11T23:00Z
        #expect(CheckInTime.text(lateEvening, now: Self.now, timeZone: Self.utc) == "2026-11-11")
        #expect(CheckInTime.text(lateEvening, now: Self.now, timeZone: TimeZone(identifier: "Asia/Tokyo")!) == "2026-11-12")
    }
}
