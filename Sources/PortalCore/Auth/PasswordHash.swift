import Crypto
import _CryptoExtras
import Foundation

/// A password kept only as a salted PBKDF2-HMAC-SHA256 hash, with the
/// iteration count stored beside it so it can be raised later.
public struct PasswordHash: Codable, Sendable, Equatable {
    /// OWASP's current floor for PBKDF2-HMAC-SHA256.
    public static let recommendedIterations = 600_000
    /// What an organization's store may use: below the floor a stolen store is
    /// cheap to crack; above the ceiling one sign-in takes seconds of CPU.
    public static let allowedIterations = 100_000...10_000_000
    /// What the key derivation will run at all, whatever it is handed: test
    /// fixtures may go below the store's floor, nothing may go above its ceiling.
    static let derivableIterations = 1...allowedIterations.upperBound
    /// Salts and derived keys: 8 to 64 bytes (a store holding more is refused
    /// by the validator; the derivation never allocates from store data).
    public static let allowedByteCounts = 8...64

    public var algorithm: String
    public var iterations: Int
    /// Base64 of the salt and of the derived key.
    public var salt: String
    public var hash: String

    public init(algorithm: String = "PBKDF2-HMAC-SHA256", iterations: Int, salt: String, hash: String) {
        self.algorithm = algorithm
        self.iterations = iterations
        self.salt = salt
        self.hash = hash
    }

    /// Hashes a new password with a fresh 16-byte salt.
    public static func make(password: String, iterations: Int = recommendedIterations,
                            random: RandomSource) -> PasswordHash {
        let salt = random.bytes(count: 16)
        let key = derive(password: password, salt: salt, iterations: iterations)
        return PasswordHash(iterations: iterations, salt: Data(salt).base64EncodedString(), hash: Data(key).base64EncodedString())
    }

    /// Whether `password` is the one hashed, compared in constant time. A hash
    /// the derivation cannot run (unknown algorithm, iterations out of range,
    /// bad Base64) never matches.
    public func verify(_ password: String) -> Bool {
        guard algorithm == "PBKDF2-HMAC-SHA256", Self.derivableIterations.contains(iterations),
              let saltBytes = Data(base64Encoded: salt), let expected = Data(base64Encoded: hash),
              Self.allowedByteCounts.contains(expected.count) else { return false }
        let actual = Self.derive(password: password, salt: [UInt8](saltBytes), iterations: iterations, length: expected.count)
        guard actual.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(actual, expected) { difference |= left ^ right }
        return difference == 0
    }

    /// The iterations a sign-in with this hash costs: what `verify` runs.
    var cost: Int { Self.derivableIterations.contains(iterations) ? iterations : 0 }

    /// Empty for an iteration count or length out of range: the rounds go to
    /// a C loop as a 32-bit count, so an unchecked value would trap or run for hours.
    static func derive(password: String, salt: [UInt8], iterations: Int, length: Int = 32) -> [UInt8] {
        guard derivableIterations.contains(iterations), (1...allowedByteCounts.upperBound).contains(length) else { return [] }
        let key = try? KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha256,
            outputByteCount: length, unsafeUncheckedRounds: iterations)
        return key?.withUnsafeBytes { Array($0) } ?? []
    }
}
