import Foundation

/// The organization that runs the portal: its branding, support contacts,
/// privacy statement, terms and conditions and notifications.
public struct Organization: Codable, Sendable, Equatable {
    /// Length limits the Intune admin center enforces on branding fields.
    public enum Limits {
        public static let displayName = 40
        public static let contactName = 40
        public static let phone = 20
        public static let email = 40
        public static let websiteName = 40
        public static let websiteUrl = 150
        public static let additionalInformation = 120
        public static let notificationTitle = 50
        public static let notificationBody = 500
    }

    public var id: String
    public var displayName: String
    /// The theme color, `#rrggbb`; it feeds the accent role of every theme.
    public var themeColor: String
    public var support: SupportContact
    public var privacyStatementUrl: String
    public var termsAndConditions: TermsAndConditions
    public var notifications: [OrganizationNotification]
    /// Days a device may go without reporting before it is noncompliant.
    public var complianceValidityPeriodDays: Int
    /// Lockout and password rules; absent means Entra's defaults.
    public var signInPolicy: SignInPolicy? = nil

    public var signIn: SignInPolicy { signInPolicy ?? SignInPolicy() }
    /// The device limit and platform rules for enrollment; absent means Intune's defaults.
    public var enrollmentRestrictions: EnrollmentRestrictions? = nil
    /// The PIN an operator types to leave `portal kiosk`, hashed like a password; absent means none is set.
    public var kioskExitPinHash: PasswordHash? = nil

    public init(id: String, displayName: String, themeColor: String, support: SupportContact,
                privacyStatementUrl: String, termsAndConditions: TermsAndConditions,
                notifications: [OrganizationNotification], complianceValidityPeriodDays: Int = 30) {
        self.id = id
        self.displayName = displayName
        self.themeColor = themeColor
        self.support = support
        self.privacyStatementUrl = privacyStatementUrl
        self.termsAndConditions = termsAndConditions
        self.notifications = notifications
        self.complianceValidityPeriodDays = complianceValidityPeriodDays
    }
}

public struct SupportContact: Codable, Sendable, Equatable {
    public var contactName: String
    public var phoneNumber: String
    public var emailAddress: String
    public var websiteName: String
    public var websiteUrl: String
    public var additionalInformation: String

    public init(contactName: String, phoneNumber: String, emailAddress: String,
                websiteName: String, websiteUrl: String, additionalInformation: String) {
        self.contactName = contactName
        self.phoneNumber = phoneNumber
        self.emailAddress = emailAddress
        self.websiteName = websiteName
        self.websiteUrl = websiteUrl
        self.additionalInformation = additionalInformation
    }
}

public struct TermsAndConditions: Codable, Sendable, Equatable {
    public var title: String
    public var summary: String
    public var bodyText: String
    public var version: Int

    public init(title: String, summary: String, bodyText: String, version: Int) {
        self.title = title
        self.summary = summary
        self.bodyText = bodyText
        self.version = version
    }
}

public struct OrganizationNotification: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    public var body: String
    public var createdDateTime: Date
    /// Ids of the groups the notification is for; nil (or absent) means every user.
    public var audienceGroupIds: [String]?
    /// When the notification stops being shown; nil means it never expires.
    public var expirationDateTime: Date?

    public init(id: String, title: String, body: String, createdDateTime: Date,
                audienceGroupIds: [String]? = nil, expirationDateTime: Date? = nil) {
        self.id = id
        self.title = title
        self.body = body
        self.createdDateTime = createdDateTime
        self.audienceGroupIds = audienceGroupIds
        self.expirationDateTime = expirationDateTime
    }

    /// Whether the user is in the audience and the notification has not expired.
    public func isShown(to user: User, now: Date) -> Bool {
        if let expiry = expirationDateTime, now >= expiry { return false }
        guard let groups = audienceGroupIds else { return true }
        return !Set(groups).isDisjoint(with: user.groups)
    }
}

extension Organization {
    /// The notifications for this user now, newest first.
    public func notifications(for user: User, now: Date) -> [OrganizationNotification] {
        notifications.filter { $0.isShown(to: user, now: now) }.sorted { $0.createdDateTime > $1.createdDateTime }
    }
}
