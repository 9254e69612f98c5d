import Crypto
import Foundation

/// The HMAC an OATH method uses, spelled as `otpauth://` URIs and oathtool spell it.
public enum OathAlgorithm: String, GraphEnum {
    case sha1, sha256, sha512

    /// As an `otpauth://` URI writes it (`algorithm=SHA1`).
    public var uriName: String { rawValue.uppercased() }
}

/// How a time-based one-time code (RFC 6238) is made: the HMAC, how many
/// digits and how long each code lasts. The secret is kept apart, so these
/// parameters can be shown and stored beside it without revealing it.
public struct OneTimeCode: Codable, Sendable, Equatable {
    public static let allowedDigits = [6, 8]
    public static let allowedPeriods = [30, 60]

    public var algorithm: OathAlgorithm
    public var digits: Int
    /// Seconds each code lasts.
    public var period: Int

    public init(algorithm: OathAlgorithm = .sha1, digits: Int = 6, period: Int = 30) {
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
    }

    /// What a code is made for: whole periods since the UNIX epoch. A period
    /// the store got wrong (0 or negative) counts as 30 s rather than trapping.
    public func step(at date: Date) -> Int64 {
        let seconds = Self.wholeSeconds(date)
        let length = Int64(safePeriod)
        // Floor division, so times before 1970 fall in the step they belong to.
        return seconds >= 0 ? seconds / length : -((-seconds + length - 1) / length)
    }

    /// The code for a step, zero-padded to `digits` (RFC 4226 section 5.3).
    public func code(secret: [UInt8], step: Int64) -> String {
        let message = withUnsafeBytes(of: UInt64(bitPattern: step).bigEndian) { Array($0) }
        let mac: [UInt8] = switch algorithm {
        case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        case .sha256: Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        case .sha512: Array(HMAC<SHA512>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        }
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        // 31 bits hold at most 10 digits; more would only add leading zeros.
        let width = min(max(digits, 1), 10)
        var modulus: UInt64 = 1
        for _ in 0..<width { modulus *= 10 }
        let value = String(UInt64(binary) % modulus)
        return String(repeating: "0", count: width - value.count) + value
    }

    /// The code showing at a moment.
    public func code(secret: [UInt8], at date: Date) -> String {
        code(secret: secret, step: step(at: date))
    }

    /// Seconds until the code showing at `date` changes: 1 through `period`.
    public func secondsLeft(at date: Date) -> Int {
        let length = Int64(safePeriod)
        let into = ((Self.wholeSeconds(date) % length) + length) % length
        return Int(length - into)
    }

    private var safePeriod: Int { period > 0 ? period : 30 }

    /// Whole seconds since 1970, clamped so no date (distantFuture, a store's
    /// nonsense) can trap the conversion.
    private static func wholeSeconds(_ date: Date) -> Int64 {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite else { return 0 }
        return Int64(max(min(seconds, 9e15), -9e15))
    }
}
