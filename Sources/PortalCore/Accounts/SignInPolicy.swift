import Foundation

/// The organization's sign-in rules: smart lockout and the password policy.
/// Absent from a store means Entra's defaults.
public struct SignInPolicy: Codable, Sendable, Equatable {
    public static let allowedThresholds = 1...100
    public static let allowedDurations = 1...86_400
    public static let allowedMinimumLengths = 8...256
    public static let allowedClassCounts = 1...4
    /// Entra's limit on a password's length.
    public static let maximumPasswordLength = 256
    /// A lockout never lasts longer than a day, however often it doubled.
    public static let longestLockoutSeconds = 86_400

    /// Failed sign-ins in a row that lock the account (Entra: 10).
    public var lockoutThreshold: Int
    /// How long the first lockout lasts (Entra: 60 s); each further one doubles.
    public var lockoutDurationInSeconds: Int
    public var passwordMinimumLength: Int
    /// Of lower case, upper case, digits and symbols (Entra: 3 of 4).
    public var passwordRequiredCharacterClasses: Int

    public init(lockoutThreshold: Int = 10, lockoutDurationInSeconds: Int = 60,
                passwordMinimumLength: Int = 8, passwordRequiredCharacterClasses: Int = 3) {
        self.lockoutThreshold = lockoutThreshold
        self.lockoutDurationInSeconds = lockoutDurationInSeconds
        self.passwordMinimumLength = passwordMinimumLength
        self.passwordRequiredCharacterClasses = passwordRequiredCharacterClasses
    }

    /// The n-th lockout in a row (1-based) lasts the duration doubled n-1 times.
    public func lockoutSeconds(forLockout count: Int) -> Int {
        var seconds = lockoutDurationInSeconds
        for _ in 1..<max(1, min(count, 32)) where seconds < Self.longestLockoutSeconds { seconds *= 2 }
        return min(seconds, Self.longestLockoutSeconds)
    }

    /// Why a new password is refused, or nil when it is accepted.
    public func problem(withNewPassword password: String, current: String) -> String? {
        if password.count < passwordMinimumLength { return "Use at least \(passwordMinimumLength) characters." }
        if password.count > Self.maximumPasswordLength { return "Use at most \(Self.maximumPasswordLength) characters." }
        if password == current { return "Choose a password different from the current one." }
        var classes = 0
        if password.contains(where: \.isLowercase) { classes += 1 }
        if password.contains(where: \.isUppercase) { classes += 1 }
        if password.contains(where: \.isNumber) { classes += 1 }
        if password.contains(where: { !$0.isLetter && !$0.isNumber }) { classes += 1 }
        if classes < passwordRequiredCharacterClasses {
            return "Use \(passwordRequiredCharacterClasses) of these 4: lower case, upper case, digits, symbols."
        }
        return nil
    }
}
