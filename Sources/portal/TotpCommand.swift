import ArgumentParser
import Foundation
import PortalCore

/// `portal totp`: the one-time code a secret shows at a moment, as an
/// authenticator app or `oathtool --totp` would show it.
struct TotpCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "totp",
                             abstract: "Print the one-time code (RFC 6238) a Base32 secret shows now or at --time.")
    }

    // Options are read as text and checked here, so each mistake gets one line
    // that names the option and what to write instead.
    @Option(help: ArgumentHelp("The Base32 secret (A-Z and 2-7; lower case and spaces accepted).", valueName: "base32"))
    var secret: String?

    // Unconditional, so "--time -1" reaches the check below instead of
    // reading as an unknown option.
    @Option(parsing: .unconditional, help: ArgumentHelp("When: UNIX seconds or ISO-8601 such as 2026-11-22T07:30:00Z (default: now).", valueName: "unix|iso-8601"))
    var time: String?

    @Option(help: ArgumentHelp("Digits in the code: 6 or 8.", valueName: "6|8"))
    var digits: String = "6"

    @Option(help: ArgumentHelp("Seconds each code lasts: 30 or 60.", valueName: "30|60"))
    var period: String = "30"

    @Option(help: ArgumentHelp("The HMAC: sha1, sha256 or sha512.", valueName: "sha1|sha256|sha512"))
    var algorithm: String = "sha1"

    func run() throws {
        switch parse() {
        case let .success((parameters, key, date)):
            print(parameters.code(secret: key, at: date))
        case let .failure(problem):
            printError("portal totp: \(problem.message)")
            throw ExitCode(2)
        }
    }

    struct Problem: Error { var message: String }

    func parse() -> Result<(OneTimeCode, [UInt8], Date), Problem> {
        guard let secret else { return .failure(Problem(message: "give the secret with --secret BASE32")) }
        let key: [UInt8]
        switch Base32.check(secret) {
        case let .success(bytes): key = bytes
        case let .failure(problem): return .failure(Problem(message: "--secret: \(problem)"))
        }
        guard let digitCount = Int(digits), OneTimeCode.allowedDigits.contains(digitCount) else {
            return .failure(Problem(message: "--digits must be 6 or 8"))
        }
        guard let seconds = Int(period), OneTimeCode.allowedPeriods.contains(seconds) else {
            return .failure(Problem(message: "--period must be 30 or 60 (seconds)"))
        }
        guard let hmac = OathAlgorithm(rawValue: algorithm.lowercased()) else {
            return .failure(Problem(message: "--algorithm must be sha1, sha256 or sha512"))
        }
        var date = SystemClock().now()
        if let time {
            guard let parsed = Self.moment(time) else {
                return .failure(Problem(message: "--time must be UNIX seconds (0 to 253402300799) or ISO-8601 such as 2026-11-22T07:30:00Z"))
            }
            date = parsed
        }
        return .success((OneTimeCode(algorithm: hmac, digits: digitCount, period: seconds), key, date))
    }

    /// UNIX seconds, or an ISO-8601 date and time with a zone (Z or an offset),
    /// fractions of a second allowed; years 1970 to 9999, as codes are defined.
    static func moment(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Int64(trimmed) {
            return (0...253_402_300_799).contains(seconds) ? Date(timeIntervalSince1970: TimeInterval(seconds)) : nil
        }
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = plain.date(from: trimmed) ?? fractional.date(from: trimmed),
              date.timeIntervalSince1970 >= 0 else { return nil }
        return date
    }
}
