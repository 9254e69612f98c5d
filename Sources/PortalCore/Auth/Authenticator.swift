import Foundation

/// Checks a user principal name and password against the tenant's users.
public struct Authenticator: Sendable {
    public enum Failure: Error, Equatable, Sendable {
        case emptyUserName
        case emptyPassword
        /// Unknown user or wrong password: the message does not say which,
        /// so the sign-in screen cannot be used to discover accounts.
        case invalidCredentials

        public var message: String {
            switch self {
            case .emptyUserName: "Enter your work account, for example name@contoso.com."
            case .emptyPassword: "Enter your password."
            case .invalidCredentials: "Your account or password is incorrect. Check them and try again."
            }
        }
    }

    public init() {}

    public func authenticate(userPrincipalName: String, password: String, in tenant: Tenant) -> Result<User, Failure> {
        let name = userPrincipalName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return .failure(.emptyUserName) }
        guard !password.isEmpty else { return .failure(.emptyPassword) }
        guard let user = tenant.user(principalName: name) else {
            // Spend the same time as a real check, so timing does not reveal
            // which accounts exist.
            let iterations = tenant.users.first?.password.iterations ?? PasswordHash.recommendedIterations
            _ = PasswordHash.derive(password: password, salt: Array(name.utf8), iterations: iterations)
            return .failure(.invalidCredentials)
        }
        return user.password.verify(password) ? .success(user) : .failure(.invalidCredentials)
    }
}
