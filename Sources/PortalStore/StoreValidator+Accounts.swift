import Foundation
import PortalCore

/// Sign-in methods, lockout records and the organization's sign-in rules:
/// every number has a range, every secret a shape, and secrets are never
/// echoed in a message.
extension StoreValidator {
    func checkAccount(_ user: User, path: String, fail: (String, String) -> Void) {
        if user.mfaMethods.count > User.methodLimit {
            fail("\(path).mfaMethods", "holds \(user.mfaMethods.count) methods; at most \(User.methodLimit) allowed")
        }
        if let preferred = user.preferredMfaMethodId, user.method(id: preferred) == nil {
            fail("\(path).preferredMfaMethodId", "no method of this user has id \"\(preferred)\"")
        }
        for (index, method) in user.mfaMethods.enumerated() {
            let at = "\(path).mfaMethods[\(index)]"
            if let problem = MfaMethod.problem(withName: method.displayName) { fail("\(at).displayName", problem) }
            if let secret = method.secretKey {
                if Base32.decode(secret) == nil || !MfaMethod.secretLengths.contains(secret.count) || secret != secret.uppercased() {
                    fail("\(at).secretKey", "is not a Base32 secret of \(MfaMethod.secretLengths.lowerBound) to \(MfaMethod.secretLengths.upperBound) characters A-Z and 2-7")
                }
            } else if method.methodType == .softwareOath || method.methodType == .hardwareOath {
                fail("\(at).secretKey", "required for \(method.methodType.rawValue) methods")
            }
            if let digits = method.digits, !OneTimeCode.allowedDigits.contains(digits) {
                fail("\(at).digits", "\(digits) is not 6 or 8")
            }
            if let period = method.timeIntervalInSeconds, !OneTimeCode.allowedPeriods.contains(period) {
                fail("\(at).timeIntervalInSeconds", "\(period) is not 30 or 60")
            }
            if let step = method.lastUsedStep, !(0...Self.lastSteps.upperBound).contains(step) {
                fail("\(at).lastUsedStep", "\(step) is outside 0 to \(Self.grouped(Int(Self.lastSteps.upperBound)))")
            }
            if let drift = method.driftSteps { range("\(at).driftSteps", drift, MfaMethod.allowedDrift, fail: fail) }
            for (field, text) in [("serialNumber", method.serialNumber), ("manufacturer", method.manufacturer), ("model", method.model)] {
                if let text, text.count > Self.tokenFieldLimit {
                    fail("\(at).\(field)", "\(text.count) characters; at most \(Self.tokenFieldLimit) allowed")
                }
            }
        }
    }

    func checkLockouts(_ lockouts: [SignInLockout], fail: (String, String) -> Void) {
        if lockouts.count > SignInLockout.capacity {
            fail("$.signInLockouts", "holds \(lockouts.count) records; at most \(SignInLockout.capacity) allowed")
        }
        var seen = Set<String>()
        for (index, lockout) in lockouts.enumerated() {
            let path = "$.signInLockouts[\(index)]"
            if lockout.account.count != 64 || !lockout.account.allSatisfy(\.isHexDigit) {
                fail("\(path).account", "is not a SHA-256 hash in hex (64 characters)")
            } else if !seen.insert(lockout.account).inserted {
                fail("\(path).account", "duplicate record for the same account")
            }
            range("\(path).failedAttempts", lockout.failedAttempts, SignInLockout.allowedAttempts, fail: fail)
            range("\(path).lockoutCount", lockout.lockoutCount, SignInLockout.allowedLockouts, fail: fail)
        }
    }

    func checkSignInPolicy(_ policy: SignInPolicy, fail: (String, String) -> Void) {
        let path = "$.organization.signInPolicy"
        range("\(path).lockoutThreshold", policy.lockoutThreshold, SignInPolicy.allowedThresholds, fail: fail)
        range("\(path).lockoutDurationInSeconds", policy.lockoutDurationInSeconds, SignInPolicy.allowedDurations, fail: fail)
        range("\(path).passwordMinimumLength", policy.passwordMinimumLength, SignInPolicy.allowedMinimumLengths, fail: fail)
        range("\(path).passwordRequiredCharacterClasses", policy.passwordRequiredCharacterClasses,
              SignInPolicy.allowedClassCounts, fail: fail)
    }

    /// Steps of 30 s from 1970 to the validator's last year, with room to spare.
    static let lastSteps: ClosedRange<Int64> = 0...(1 << 40)
    /// Entra's limit on a token's serial number, manufacturer and model.
    static let tokenFieldLimit = 40
}
