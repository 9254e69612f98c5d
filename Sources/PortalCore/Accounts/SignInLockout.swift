import Crypto
import Foundation

/// Failed sign-ins of one account name, known or not: unknown names are
/// counted and locked exactly like real accounts, so lockout never tells
/// which accounts exist. The name is kept only as a hash.
public struct SignInLockout: Codable, Sendable, Equatable {
    /// At most this many records are kept; the oldest unlocked ones go first,
    /// so guessing random names cannot grow the store without bound.
    public static let capacity = 10_000
    public static let allowedAttempts = 0...SignInPolicy.allowedThresholds.upperBound
    public static let allowedLockouts = 0...64

    /// HMAC-SHA256 of the trimmed, lower-cased principal name, keyed with the
    /// organization's id, in hex: a name someone typed (a password, sometimes)
    /// cannot be looked up in a table of plain hashes.
    public var account: String
    /// Failures since the last lockout or success.
    public var failedAttempts: Int
    /// Lockouts in a row; each lasts twice the one before.
    public var lockoutCount: Int
    public var lockedUntilDateTime: Date?
    public var lastFailedDateTime: Date

    public init(account: String, failedAttempts: Int = 0, lockoutCount: Int = 0,
                lockedUntilDateTime: Date? = nil, lastFailedDateTime: Date) {
        self.account = account
        self.failedAttempts = failedAttempts
        self.lockoutCount = lockoutCount
        self.lockedUntilDateTime = lockedUntilDateTime
        self.lastFailedDateTime = lastFailedDateTime
    }

    public static func key(for principalName: String, organization: String) -> String {
        let name = principalName.trimmingCharacters(in: .whitespaces).lowercased()
        let key = SymmetricKey(data: Array("portal-lockout:\(organization)".utf8))
        return HMAC<SHA256>.authenticationCode(for: Array(name.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }

    /// Until when the account is locked, if it is now.
    public func lockedUntil(now: Date) -> Date? {
        guard let until = lockedUntilDateTime, until > now else { return nil }
        return until
    }

    /// Counts a failure; returns the end of the lockout it started, if it did.
    public mutating func recordFailure(policy: SignInPolicy, now: Date) -> Date? {
        lastFailedDateTime = now
        failedAttempts += 1
        guard failedAttempts >= policy.lockoutThreshold else { return nil }
        failedAttempts = 0
        lockoutCount = min(lockoutCount + 1, Self.allowedLockouts.upperBound)
        let until = now.addingTimeInterval(TimeInterval(policy.lockoutSeconds(forLockout: lockoutCount)))
        lockedUntilDateTime = until
        return until
    }
}

extension Tenant {
    public func lockout(for principalName: String) -> SignInLockout? {
        let key = SignInLockout.key(for: principalName, organization: organization.id)
        return signInLockouts.first { $0.account == key }
    }

    /// Counts a failed sign-in of the name; returns the end of a lockout it started.
    mutating func recordFailedSignIn(_ principalName: String, now: Date) -> Date? {
        let key = SignInLockout.key(for: principalName, organization: organization.id)
        let policy = organization.signIn
        if let index = signInLockouts.firstIndex(where: { $0.account == key }) {
            return signInLockouts[index].recordFailure(policy: policy, now: now)
        }
        var record = SignInLockout(account: key, lastFailedDateTime: now)
        let until = record.recordFailure(policy: policy, now: now)
        if signInLockouts.count >= SignInLockout.capacity {
            let oldest = signInLockouts.indices.filter { signInLockouts[$0].lockedUntil(now: now) == nil }
                .min { signInLockouts[$0].lastFailedDateTime < signInLockouts[$1].lastFailedDateTime }
            signInLockouts.remove(at: oldest ?? 0)
        }
        signInLockouts.append(record)
        return until
    }

    /// A full sign-in clears the account's failures and lockout history.
    mutating func clearFailedSignIns(_ principalName: String) {
        let key = SignInLockout.key(for: principalName, organization: organization.id)
        signInLockouts.removeAll { $0.account == key }
    }
}
