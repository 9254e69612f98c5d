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
    /// Per-user MFA (seed 002); absent means disabled.
    public var perUserMfaState: MfaState? = nil
    /// Graph's passwordProfile.forceChangePasswordNextSignIn.
    public var forceChangePasswordNextSignIn: Bool? = nil
    /// The method asked for first at sign-in.
    public var preferredMfaMethodId: String? = nil
    /// Graph's lastPasswordChangeDateTime: absent until the user changes it here.
    public var lastPasswordChangeDateTime: Date? = nil

    public var mfaState: MfaState { perUserMfaState ?? .disabled }

    /// Methods that give one-time codes and are ready: an imported hardware
    /// token counts once its user has activated it with a code.
    public var codeMethods: [MfaMethod] { mfaMethods.filter(\.canSignIn) }

    /// The preferred usable method, else the first usable one.
    public var defaultCodeMethod: MfaMethod? {
        let usable = codeMethods
        return usable.first { $0.id == preferredMfaMethodId } ?? usable.first
    }

    public func method(id: String) -> MfaMethod? { mfaMethods.first { $0.id == id } }
}

/// Per-user MFA states, as Entra's legacy per-user MFA names them.
public enum MfaState: String, GraphEnum {
    /// No second factor is asked.
    case disabled
    /// The user registers a method at next sign-in, then uses it.
    case enabled
    /// A registered method is required at every sign-in.
    case enforced

    public var requiresSecondFactor: Bool { self != .disabled }
}

public struct Group: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var displayName: String

    public init(id: String, displayName: String) {
        self.id = id
        self.displayName = displayName
    }
}
