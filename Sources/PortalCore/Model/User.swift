import Foundation

/// A work account that can sign in to the portal.
public struct User: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var userPrincipalName: String
    public var displayName: String
    /// Ids of the groups the user belongs to; policies and apps target groups.
    public var groups: [String]
    public var mfaMethods: [MfaMethod]
    public var password: PasswordHash

    public init(id: String, userPrincipalName: String, displayName: String, groups: [String],
                mfaMethods: [MfaMethod], password: PasswordHash) {
        self.id = id
        self.userPrincipalName = userPrincipalName
        self.displayName = displayName
        self.groups = groups
        self.mfaMethods = mfaMethods
        self.password = password
    }

    /// Graph's `givenName`: what the person is called, which is not always the
    /// first word of the display name ("山田 花子" is 花子). Optional in the store.
    public var givenName: String? = nil
}

/// A second-factor method registered for a user (Entra's authentication methods).
public struct MfaMethod: Codable, Sendable, Equatable, Identifiable {
    public enum Kind: String, GraphEnum {
        case softwareOath, hardwareOath, microsoftAuthenticator, phone
    }

    public var id: String
    public var methodType: Kind
    public var displayName: String

    public init(id: String, methodType: Kind, displayName: String) {
        self.id = id
        self.methodType = methodType
        self.displayName = displayName
    }
}

public struct Group: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var displayName: String

    public init(id: String, displayName: String) {
        self.id = id
        self.displayName = displayName
    }
}
