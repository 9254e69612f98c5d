import Foundation
import PortalCore
import PortalStore

/// One account of the demo organization, as its sign-in screen lists it.
public struct DemoAccount: Sendable, Equatable {
    public var userPrincipalName: String
    public var password: String
    public var displayName: String
    /// The method whose current code is shown beside the account, so anyone
    /// at a kiosk can sign in.
    public var codeMethod: MfaMethod?
    public var note: String?
}

/// The world the screens read: where the organization's data is, what the
/// sign-in screen shows of it, and how to show time.
public struct PortalContext: Sendable {
    /// Where screens read and change the organization, one question at a time.
    public var directory: any PortalDirectory
    public var organization: Organization
    public var hasAccounts: Bool
    public var isDemo: Bool
    /// The demo accounts present in the store, with their people's names:
    /// found once, since the sign-in form is drawn on every key.
    public var demoAccounts: [DemoAccount]
    public var timeZone: TimeZone
    public var mouseEnabled: Bool
    /// Secrets of new sign-in methods come from here; tests inject a seeded one.
    public var random: any RandomSource
    /// False when the terminal's locale is not UTF-8 and text is drawn in ASCII.
    public var localeIsUTF8 = true
    /// The organization is still being read: the sign-in form is already
    /// usable, and signing in waits for the store.
    public var isLoading = false
    /// Inspects the Linux machine the portal runs on; nil where there is
    /// none to offer (scripts, tests), so the walkthrough leaves it out.
    public var inspectHost: (@Sendable () -> HostFacts)?
    /// The portal's version and store, for About and the diagnostic report.
    public var about = PortalAbout()
    /// False in a kiosk: a visitor writes no file on the machine (a diagnostic report).
    public var savesFiles = true
    /// Whether the visitor may quit; a kiosk's may not, so no screen offers it.
    public var offersQuit = true

    /// The context before the store has been read: an organization with no
    /// name and no users, shown as "loading" until `PortalRuntime.loadDirectory`
    /// replaces it.
    public static func awaitingStore(timeZone: TimeZone, mouseEnabled: Bool = true,
                                     random: any RandomSource = SystemRandomSource()) -> PortalContext {
        var context = PortalContext(tenant: EmptyOrganization.make(), timeZone: timeZone, mouseEnabled: mouseEnabled, random: random)
        context.isLoading = true
        return context
    }

    /// A context over a tenant held in memory (scripts, tests, the bench).
    public init(tenant: Tenant, timeZone: TimeZone, mouseEnabled: Bool = true, random: any RandomSource = SystemRandomSource()) {
        self.init(directory: InMemoryDirectory(tenant), organization: tenant.organization, hasAccounts: !tenant.users.isEmpty,
                  demoUsers: tenant.users(principalNames: DemoOrganization.accounts.map(\.userPrincipalName)),
                  timeZone: timeZone, mouseEnabled: mouseEnabled, random: random)
    }

    /// Reads what the sign-in screen shows from the directory.
    public init(directory: any PortalDirectory, timeZone: TimeZone, mouseEnabled: Bool = true,
                random: any RandomSource = SystemRandomSource()) throws {
        self.init(directory: directory, organization: try directory.organization(), hasAccounts: try directory.accountCount() > 0,
                  demoUsers: try directory.users(principalNames: DemoOrganization.accounts.map(\.userPrincipalName)),
                  timeZone: timeZone, mouseEnabled: mouseEnabled, random: random)
    }

    private init(directory: any PortalDirectory, organization: Organization, hasAccounts: Bool, demoUsers: [User],
                 timeZone: TimeZone, mouseEnabled: Bool, random: any RandomSource) {
        self.directory = directory
        self.organization = organization
        self.hasAccounts = hasAccounts
        isDemo = organization.id == DemoOrganization.organizationId
        demoAccounts = isDemo ? Self.demoAccounts(demoUsers) : []
        self.timeZone = timeZone
        self.mouseEnabled = mouseEnabled
        self.random = random
    }

    /// The demo accounts in the order the organization lists them.
    /// The demo accounts as the directory holds them now.
    static func demoAccounts(in directory: any PortalDirectory) throws -> [DemoAccount] {
        demoAccounts(try directory.users(principalNames: DemoOrganization.accounts.map(\.userPrincipalName)))
    }

    static func demoAccounts(_ users: [User]) -> [DemoAccount] {
        let byName = Dictionary(users.map { ($0.userPrincipalName.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        return DemoOrganization.accounts.compactMap { account in
            byName[account.userPrincipalName.lowercased()].map { user in
                // A demo password the user changed no longer signs in: never show it.
                DemoAccount(userPrincipalName: account.userPrincipalName,
                            password: user.lastPasswordChangeDateTime == nil ? account.password : "(changed)",
                            displayName: user.displayName,
                            codeMethod: user.mfaState.requiresSecondFactor ? user.defaultCodeMethod : nil,
                            note: DemoOrganization.note(for: user))
            }
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

    /// "09:31:20 UTC", for what is minutes away.
    public func time(_ date: Date) -> String {
        let full = dateTime(date)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let second = calendar.component(.second, from: date)
        return String(full.dropFirst(11).prefix(5)) + String(format: ":%02d", second) + String(full.dropFirst(16))
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
