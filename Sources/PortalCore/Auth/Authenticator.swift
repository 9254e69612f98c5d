import Foundation

/// Checks a user principal name and password against what the directory
/// knows of the name.
public struct Authenticator: Sendable {
    public enum Failure: Error, Equatable, Sendable {
        case emptyUserName
        case emptyPassword
        /// Unknown user or wrong password: the message does not say which,
        /// so the sign-in screen cannot be used to discover accounts.
        case invalidCredentials
        /// Too many failures in a row, for a known name or not.
        case locked(until: Date)
        /// A code was refused (wrong, reused, mistyped).
        case code(CodeOutcome)
        /// The store could not be read or written; the text says why.
        case unavailable(String)

        public var message: String {
            switch self {
            case .emptyUserName: "Enter your work account, for example name@contoso.com."
            case .emptyPassword: "Enter your password."
            case .invalidCredentials: "Your account or password is incorrect. Check them and try again."
            case .locked: "Your account is locked after too many failed sign-ins."
            case let .code(outcome): outcome.message
            case let .unavailable(reason): reason
            }
        }
    }

    public init() {}

    /// The password step alone, against a tenant in memory.
    public func authenticate(userPrincipalName: String, password: String, in tenant: Tenant) -> Result<User, Failure> {
        Self.filled(userPrincipalName: userPrincipalName, password: password).flatMap { name in
            authenticate(userPrincipalName: name, password: password, facts: tenant.signInFacts(principalName: name))
        }
    }

    /// The name as it is looked up (spaces around it dropped), or what the form lacks.
    public static func filled(userPrincipalName: String, password: String) -> Result<String, Failure> {
        let name = userPrincipalName.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { return .failure(.emptyUserName) }
        if password.isEmpty { return .failure(.emptyPassword) }
        return .success(name)
    }

    public func authenticate(userPrincipalName name: String, password: String, facts: SignInFacts) -> Result<User, Failure> {
        guard let user = facts.user else {
            _ = PasswordHash.derive(password: password, salt: Array(name.utf8), iterations: facts.decoyIterations)
            return .failure(.invalidCredentials)
        }
        return user.password.verify(password) ? .success(user) : .failure(.invalidCredentials)
    }

    /// An unknown account costs what the most expensive real account costs:
    /// if it cost less (or what the first account costs), timing would tell
    /// which accounts exist once users have different iteration counts.
    public static func decoyIterations(in tenant: Tenant) -> Int {
        tenant.users.map(\.password.cost).max() ?? PasswordHash.recommendedIterations
    }
}
