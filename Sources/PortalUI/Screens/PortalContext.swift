import Foundation
import PortalCore
import PortalStore

/// The world the screens read: the organization's data and how to show time.
public struct PortalContext: Sendable {
    public var tenant: Tenant
    public var isDemo: Bool
    /// The demo accounts present in the store, with their people's names:
    /// found once, since looking each up scans every user and the sign-in
    /// form is drawn on every key.
    public var demoAccounts: [(userPrincipalName: String, password: String, displayName: String)]
    public var timeZone: TimeZone
    public var mouseEnabled: Bool
    /// False when the terminal's locale is not UTF-8 and text is drawn in ASCII.
    public var localeIsUTF8 = true
    /// The organization is still being read: the sign-in form is already
    /// usable, and signing in waits for the store.
    public var isLoading = false

    /// The context before the store has been read: an organization with no
    /// name and no users, shown as "loading" until `PortalRuntime.loadTenant`
    /// replaces it.
    public static func awaitingStore(timeZone: TimeZone, mouseEnabled: Bool = true) -> PortalContext {
        var context = PortalContext(tenant: EmptyOrganization.make(), timeZone: timeZone, mouseEnabled: mouseEnabled)
        context.isLoading = true
        return context
    }

    public init(tenant: Tenant, timeZone: TimeZone, mouseEnabled: Bool = true) {
        self.tenant = tenant
        self.isDemo = DemoOrganization.isDemo(tenant)
        demoAccounts = isDemo ? Self.demoAccounts(in: tenant) : []
        self.timeZone = timeZone
        self.mouseEnabled = mouseEnabled
    }

    private static func demoAccounts(in tenant: Tenant) -> [(userPrincipalName: String, password: String, displayName: String)] {
        var names: [String: String] = [:]
        for user in tenant.users where names[user.userPrincipalName.lowercased()] == nil {
            names[user.userPrincipalName.lowercased()] = user.displayName
        }
        return DemoOrganization.accounts.compactMap { account in
            names[account.userPrincipalName.lowercased()].map { (account.userPrincipalName, account.password, $0) }
        }
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

    /// "3 hours ago", "in 1 day 18 hours": the largest unit and, below a week,
    /// the next one, so a deadline never reads most of a day early (`precise`
    /// false keeps only the largest, for narrow columns). The words are joined
    /// by no-break spaces: wrapping splits only at spaces, so the phrase stays
    /// on one line.
    public static func relative(_ date: Date, now: Date, precise: Bool = true) -> String {
        let seconds = date.timeIntervalSince(now)
        let magnitude = abs(seconds)
        guard magnitude.isFinite, magnitude >= 60 else { return "just now" }
        // Int(_:) traps beyond its range; a store can hold any date.
        let totalMinutes = Int(min(magnitude, 1e15) / 60)
        let days = totalMinutes / 1_440, hours = totalMinutes % 1_440 / 60, minutes = totalMinutes % 60
        var parts: [String]
        if days >= 7 {
            parts = [Plural.count(Int((min(magnitude, 1e15) / 86_400).rounded()), "day")]
        } else if days >= 1 {
            parts = [Plural.count(days, "day")] + (precise && hours > 0 ? [Plural.count(hours, "hour")] : [])
        } else if hours >= 1 {
            parts = [Plural.count(hours, "hour")] + (precise && minutes > 0 ? [Plural.count(minutes, "minute")] : [])
        } else {
            parts = [Plural.count(minutes, "minute")]
        }
        let phrase = parts.joined(separator: " ")
        let text = seconds < 0 ? "\(phrase) ago" : "in \(phrase)"
        return text.replacingOccurrences(of: " ", with: noBreakSpace)
    }

    /// Joins words that must not be split across lines.
    public static let noBreakSpace = "\u{00A0}"
}
