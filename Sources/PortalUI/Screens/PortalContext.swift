import Foundation
import PortalCore
import PortalStore

/// The world the screens read: the organization's data and how to show time.
public struct PortalContext: Sendable {
    public var tenant: Tenant
    public var isDemo: Bool
    public var timeZone: TimeZone
    public var mouseEnabled: Bool
    /// False when the terminal's locale is not UTF-8 and text is drawn in ASCII.
    public var localeIsUTF8 = true

    public init(tenant: Tenant, timeZone: TimeZone, mouseEnabled: Bool = true) {
        self.tenant = tenant
        self.isDemo = DemoOrganization.isDemo(tenant)
        self.timeZone = timeZone
        self.mouseEnabled = mouseEnabled
    }

    /// "2026-11-22 09:30 UTC"
    public func dateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let zone = timeZone.abbreviation(for: date) ?? timeZone.identifier
        return String(format: "%04d-%02d-%02d %02d:%02d ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0) + (zone == "GMT" ? "UTC" : zone)
    }

    /// "2026-11-22"
    public func date(_ date: Date) -> String { String(dateTime(date).prefix(10)) }

    public func hour(of date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.component(.hour, from: date)
    }

    /// "3 hours ago", "in 2 days"
    public static func relative(_ date: Date, now: Date) -> String {
        let seconds = date.timeIntervalSince(now)
        let magnitude = abs(seconds)
        let (value, unit): (Int, String) =
            magnitude < 60 ? (0, "")
            : magnitude < 3_600 ? (Int(magnitude / 60), "minute")
            : magnitude < 86_400 ? (Int(magnitude / 3_600), "hour")
            : (Int(magnitude / 86_400), "day")
        if value == 0 { return "just now" }
        let phrase = "\(value) \(unit)\(value == 1 ? "" : "s")"
        return seconds < 0 ? "\(phrase) ago" : "in \(phrase)"
    }
}
