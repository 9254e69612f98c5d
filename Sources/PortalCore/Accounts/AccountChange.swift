import Foundation

/// One change to a work account, applied atomically by the store: the file
/// store under its lock, a database in one transaction. Codes are checked
/// inside the change, against what is stored at that moment, so two portals
/// can never both accept the same code.
public enum AccountChange: Equatable, Sendable {
    case signInFailed(principalName: String)
    /// Password and code (if asked) were right: failures are forgotten.
    case signedIn(principalName: String)
    case useCode(userId: String, methodId: String, code: String)
    /// Adds a method once a code from it is right: the user has it.
    case addMethod(userId: String, method: MfaMethod, code: String)
    /// Activates an imported hardware token with a code from it.
    case activateToken(userId: String, methodId: String, code: String)
    case renameMethod(userId: String, methodId: String, name: String)
    case setPreferredMethod(userId: String, methodId: String)
    case removeMethod(userId: String, methodId: String)
    /// A new hash, made (slowly) before the change; clears "must change".
    case setPassword(userId: String, password: PasswordHash)
}

/// What a change wrote, for the screen to show.
public enum AccountChangeResult: Equatable, Sendable {
    case signInFailed(lockedUntil: Date?)
    /// The user as stored after the change.
    case user(User)
    /// A code was checked: accepted (the user as stored after) or refused
    /// (a refusal counts toward lockout at sign-in).
    case code(CodeOutcome, user: User, lockedUntil: Date?)
}

public enum AccountChangeError: Error, Equatable, Sendable {
    case userNotFound
    case methodNotFound
    case locked(until: Date)
    case refused(String)

    public var message: String {
        switch self {
        case .userNotFound: "Your account is no longer in the organization. Ask your IT department."
        case .methodNotFound: "That method was removed meanwhile, perhaps from another terminal."
        case let .locked(until): "Your account is locked until \(until)."
        case let .refused(reason): reason
        }
    }
}

extension Tenant {
    /// Applies one change; throws without having changed anything.
    public mutating func apply(_ change: AccountChange, now: Date) throws(AccountChangeError) -> AccountChangeResult {
        switch change {
        case let .signInFailed(principalName):
            return .signInFailed(lockedUntil: recordFailedSignIn(principalName, now: now))
        case let .signedIn(principalName):
            clearFailedSignIns(principalName)
            guard let user = user(principalName: principalName) else { throw .userNotFound }
            return .user(user)
        case let .useCode(userId, methodId, code):
            let index = try userIndex(userId)
            let name = users[index].userPrincipalName
            if let until = lockout(for: name)?.lockedUntil(now: now) { throw .locked(until: until) }
            let outcome = try check(code, userIndex: index, methodId: methodId, now: now, widening: false)
            var lockedUntil: Date?
            if case .accepted = outcome {} else { lockedUntil = recordFailedSignIn(name, now: now) }
            return .code(outcome, user: users[index], lockedUntil: lockedUntil)
        case let .addMethod(userId, method, code):
            let index = try userIndex(userId)
            if users[index].method(id: method.id) != nil { throw .refused("That method is already registered.") }
            guard users[index].mfaMethods.count < User.methodLimit else {
                throw .refused("You have \(User.methodLimit) methods, the most there can be. Remove one first.")
            }
            users[index].mfaMethods.append(method)
            let outcome = try check(code, userIndex: index, methodId: method.id, now: now, widening: false)
            guard case .accepted = outcome else {
                users[index].mfaMethods.removeLast()
                return .code(outcome, user: users[index], lockedUntil: nil)
            }
            if users[index].preferredMfaMethodId == nil { users[index].preferredMfaMethodId = method.id }
            if users[index].perUserMfaState == .enabled { users[index].perUserMfaState = .enforced }
            return .code(outcome, user: users[index], lockedUntil: nil)
        case let .activateToken(userId, methodId, code):
            let index = try userIndex(userId)
            let outcome = try check(code, userIndex: index, methodId: methodId, now: now, widening: true)
            if case .accepted = outcome {
                let methodIndex = try self.methodIndex(methodId, userIndex: index)
                users[index].mfaMethods[methodIndex].status = .activated
                if users[index].preferredMfaMethodId == nil { users[index].preferredMfaMethodId = methodId }
            }
            return .code(outcome, user: users[index], lockedUntil: nil)
        case let .renameMethod(userId, methodId, name):
            let index = try userIndex(userId)
            let methodIndex = try self.methodIndex(methodId, userIndex: index)
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if let problem = MfaMethod.problem(withName: trimmed) { throw .refused(problem) }
            if users[index].mfaMethods.contains(where: { $0.id != methodId && $0.displayName.lowercased() == trimmed.lowercased() }) {
                throw .refused("You already have a method named \(trimmed); choose another name.")
            }
            users[index].mfaMethods[methodIndex].displayName = trimmed
            return .user(users[index])
        case let .setPreferredMethod(userId, methodId):
            let index = try userIndex(userId)
            let methodIndex = try self.methodIndex(methodId, userIndex: index)
            let method = users[index].mfaMethods[methodIndex]
            guard method.canSignIn else {
                throw .refused(method.givesCodes ? "Activate \(method.displayName) first, with a code from it."
                               : "\(method.displayName) gives no codes the portal can check; make an authenticator app or a token the default.")
            }
            users[index].preferredMfaMethodId = methodId
            return .user(users[index])
        case let .removeMethod(userId, methodId):
            let index = try userIndex(userId)
            let methodIndex = try self.methodIndex(methodId, userIndex: index)
            if let refusal = users[index].removalRefusal(methodId: methodId) { throw .refused(refusal) }
            users[index].mfaMethods.remove(at: methodIndex)
            if users[index].preferredMfaMethodId == methodId { users[index].preferredMfaMethodId = users[index].codeMethods.first?.id }
            return .user(users[index])
        case let .setPassword(userId, password):
            let index = try userIndex(userId)
            users[index].password = password
            users[index].forceChangePasswordNextSignIn = nil
            users[index].lastPasswordChangeDateTime = now
            return .user(users[index])
        }
    }

    private func userIndex(_ id: String) throws(AccountChangeError) -> Int {
        guard let index = users.firstIndex(where: { $0.id == id }) else { throw .userNotFound }
        return index
    }

    private func methodIndex(_ id: String, userIndex: Int) throws(AccountChangeError) -> Int {
        guard let index = users[userIndex].mfaMethods.firstIndex(where: { $0.id == id }) else { throw .methodNotFound }
        return index
    }

    /// Checks a code against the method as stored now and, when it is
    /// accepted, records its step (never accepted again) and the drift.
    private mutating func check(_ code: String, userIndex: Int, methodId: String, now: Date,
                                widening: Bool) throws(AccountChangeError) -> CodeOutcome {
        let methodIndex = try self.methodIndex(methodId, userIndex: userIndex)
        let method = users[userIndex].mfaMethods[methodIndex]
        guard let secret = method.secret else { throw .refused("\(method.displayName) does not give codes the portal can check.") }
        let firstUse = widening && method.methodType == .hardwareOath && !method.isActivated
        let outcome = method.oneTimeCode.check(code, secret: secret, now: now, lastUsedStep: method.lastUsedStep,
                                               drift: method.driftSteps ?? 0, firstUseOfHardwareToken: firstUse)
        if case let .accepted(step, drift) = outcome {
            users[userIndex].mfaMethods[methodIndex].lastUsedStep = step
            users[userIndex].mfaMethods[methodIndex].lastUsedDateTime = now
            users[userIndex].mfaMethods[methodIndex].driftSteps = drift == 0 ? nil : drift
        }
        return outcome
    }
}

extension User {
    /// Entra allows a handful of each kind; the portal keeps the list short enough to read.
    public static let methodLimit = 10

    /// Why the method may not be removed, if it may not: screens ask this
    /// before they ask the person, and the change asks it again under the lock.
    public func removalRefusal(methodId: String) -> String? {
        guard let method = method(id: methodId) else { return nil }
        if mfaState.requiresSecondFactor, method.canSignIn, codeMethods.count == 1 {
            return "This is your only sign-in method and your organization requires one. Add another method first."
        }
        return nil
    }
}

extension MfaMethod {
    public static func problem(withName name: String) -> String? {
        if name.isEmpty { return "Give the method a name, such as \"Work phone\"." }
        if name.count > nameLimit { return "Use at most \(nameLimit) characters for the name." }
        if name.unicodeScalars.contains(where: InertText.isUnsafe) { return "Use letters, digits and punctuation only." }
        return nil
    }
}
