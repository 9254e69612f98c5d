import Foundation

/// When a device last checked in, as the device list shows it: "just now",
/// "5 min ago", "3 h ago", "2 days ago", and past a week the date. Short
/// enough for a narrow column; the time comes from the injected clock.
public enum CheckInTime {
    /// Beyond this the day it happened says more than a count of days.
    public static let daysShownAsCount = 7

    public static func text(_ date: Date?, now: Date, timeZone: TimeZone) -> String {
        guard let date else { return "Never" }
        let seconds = now.timeIntervalSince(date)
        guard seconds.isFinite else { return day(date, timeZone: timeZone) }
        // A clock a little ahead of ours is "just now"; a date well in the future is shown as it is.
        if seconds < 60 { return seconds > -60 ? "just now" : day(date, timeZone: timeZone) }
        let minutes = Int(min(seconds, 1e12) / 60)
        if minutes < 60 { return "\(minutes) min ago" }
        let hours = minutes / 60
        if hours < 24 { return "\(hours) h ago" }
        let days = hours / 24
        if days < daysShownAsCount { return Plural.count(days, "day") + " ago" }
        return day(date, timeZone: timeZone)
    }

    /// "2026-11-02" in the portal's time zone.
    public static func day(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
