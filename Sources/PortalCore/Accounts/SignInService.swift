import Foundation

/// Signing in, step by step, against a directory: the password (with smart
/// lockout), then a code when the user's MFA state asks for one, then
/// registering a method or changing the password when that must come first.
public struct SignInService: Sendable {
    public enum Step: Equatable, Sendable {
        case code, registerMethod, changePassword, done
    }

    public enum Outcome: Equatable, Sendable {
        case failed(Authenticator.Failure)
        /// The user passed a step; `Step` says what comes next.
        case passed(User, next: Step)
    }

    private let directory: any PortalDirectory

    public init(directory: any PortalDirectory) { self.directory = directory }

    /// Checks the password. A locked name is refused without hashing; an
    /// unknown name pays the cost of a real one and is counted like one.
    public func signIn(principalName: String, password: String, now: Date) throws -> Outcome {
        let name: String
        switch Authenticator.filled(userPrincipalName: principalName, password: password) {
        case let .success(filled): name = filled
        case let .failure(missing): return .failed(missing)
        }
        let facts = try directory.signInFacts(principalName: name)
        if let until = facts.lockout?.lockedUntil(now: now) { return .failed(.locked(until: until)) }
        switch Authenticator().authenticate(userPrincipalName: name, password: password, facts: facts) {
        case let .success(user):
            return try passed(user, next: Self.step(after: .password, for: user), now: now)
        case let .failure(failure):
            guard failure == .invalidCredentials else { return .failed(failure) }
            if case let .signInFailed(until?) = try directory.perform(.signInFailed(principalName: name), now: now) {
                return .failed(.locked(until: until))
            }
            return .failed(.invalidCredentials)
        }
    }

    /// Checks a code from one of the user's methods; a wrong one counts toward lockout.
    public func verify(code: String, userId: String, methodId: String, now: Date) throws -> Outcome {
        let result: AccountChangeResult
        do {
            result = try directory.perform(.useCode(userId: userId, methodId: methodId, code: code), now: now)
        } catch let error as AccountChangeError {
            if case let .locked(until) = error { return .failed(.locked(until: until)) }
            throw error
        }
        guard case let .code(outcome, user, lockedUntil) = result else { return .failed(.invalidCredentials) }
        if let lockedUntil { return .failed(.locked(until: lockedUntil)) }
        guard case .accepted = outcome else { return .failed(.code(outcome)) }
        return try passed(user, next: Self.step(after: .code, for: user), now: now)
    }

    /// After a step the user completed, the next one; `done` clears the
    /// failures counted against the account.
    public func passed(_ user: User, next: Step, now: Date) throws -> Outcome {
        guard next == .done else { return .passed(user, next: next) }
        _ = try directory.perform(.signedIn(principalName: user.userPrincipalName), now: now)
        return .passed(user, next: .done)
    }

    public enum Completed: Sendable { case password, code, registration, passwordChange }

    public static func step(after completed: Completed, for user: User) -> Step {
        if completed == .password, user.mfaState.requiresSecondFactor {
            return user.codeMethods.isEmpty ? .registerMethod : .code
        }
        if completed != .passwordChange, user.forceChangePasswordNextSignIn == true { return .changePassword }
        return .done
    }
}
