import Foundation
import PortalCore
import Testing

/// `portal totp` as a user runs it, against oathtool, the reference OATH
/// implementation. oathtool missing is a failure, not a skip: CI installs it.
@Suite("portal totp")
struct TotpCommandTests {
    static var oathtool: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("oathtool") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test func rfc6238AppendixBThroughTheCommand() throws {
        let sha1 = Base32.encode(Array("12345678901234567890".utf8))
        let result = try portal("totp", "--secret", sha1, "--time", "1111111109", "--digits", "8")
        #expect(result.status == 0)
        #expect(result.output == "07081804\n")
        let iso = try portal("totp", "--secret", sha1.lowercased(), "--time", "2005-03-18T01:58:29Z", "--digits", "8")
        #expect(iso.output == "07081804\n")
        let sha512 = Base32.encode(Array("1234567890123456789012345678901234567890123456789012345678901234".utf8))
        let other = try portal("totp", "--secret", sha512, "--time", "20000000000", "--digits", "8", "--algorithm", "sha512")
        #expect(other.output == "47863826\n")
    }

    @Test func agreesWithOathtoolOnSeededRandomSecretsAndTimes() throws {
        guard let oathtool = Self.oathtool else {
            Issue.record("oathtool is not installed (Debian: apt-get install oathtool); this test needs it to compare codes")
            return
        }
        var generator = SeededGenerator(seed: 20_261_122)
        for index in 0..<200 {
            let bytes = (0..<Int.random(in: 1...80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let secret = Base32.encode(bytes)
            let time = Int64.random(in: 0...5_000_000_000, using: &generator)
            let algorithm = OathAlgorithm.allCases.randomElement(using: &generator)!
            let digits = OneTimeCode.allowedDigits.randomElement(using: &generator)!
            let period = OneTimeCode.allowedPeriods.randomElement(using: &generator)!
            // Half the time the secret is typed as a person would: lower case, in groups.
            let typed = Bool.random(using: &generator) ? Base32.grouped(secret).lowercased() : secret
            let ours = try portal("totp", "--secret", typed, "--time", String(time), "--digits", String(digits),
                                  "--period", String(period), "--algorithm", algorithm.rawValue)
            let theirs = try run(oathtool, ["--totp=\(algorithm.rawValue)", "-b", secret, "--now=@\(time)",
                                            "-d", String(digits), "-s", "\(period)s"])
            let context = "case \(index): \(bytes.count) bytes, \(algorithm), \(digits) digits, \(period) s, time \(time)"
            #expect(theirs.status == 0, "\(context): oathtool failed: \(theirs.error)")
            #expect(ours.status == 0, "\(context): \(ours.error)")
            #expect(ours.output == theirs.output, "\(context)")
            #expect(ours.output.count == digits + 1, "\(context)")
        }
    }

    @Test func withoutTimeItPrintsTheCodeShowingNow() throws {
        let secret = "JBSWY3DPEHPK3PXP"
        let generator = OneTimeCode()
        // The step may turn between reading the clock and running the command.
        let before = generator.code(secret: Base32.decode(secret)!, at: Date())
        let result = try portal("totp", "--secret", secret)
        let after = generator.code(secret: Base32.decode(secret)!, at: Date())
        #expect(result.status == 0)
        #expect([before + "\n", after + "\n"].contains(result.output))
    }

    @Test func badOptionsExitTwoWithOneLineNamingTheOption() throws {
        let secret = "JBSWY3DPEHPK3PXP"
        let cases: [([String], String)] = [
            ([], "give the secret with --secret BASE32"),
            (["--secret", "JBSWY3DPEHPK3PX1"], "--secret: '1' (character 16) is not a Base32 character: use A-Z and 2-7"),
            (["--secret", ""], "--secret: the secret is empty"),
            (["--secret", String(repeating: "A", count: 136)], "--secret: the secret has 136 characters; at most 128 are allowed"),
            (["--secret", secret, "--digits", "7"], "--digits must be 6 or 8"),
            (["--secret", secret, "--digits", "six"], "--digits must be 6 or 8"),
            (["--secret", secret, "--period", "45"], "--period must be 30 or 60"),
            (["--secret", secret, "--algorithm", "md5"], "--algorithm must be sha1, sha256 or sha512"),
            (["--secret", secret, "--time", "yesterday"], "--time must be UNIX seconds"),
            (["--secret", secret, "--time", "-1"], "--time must be UNIX seconds"),
            (["--secret", secret, "--time", "99999999999999"], "--time must be UNIX seconds"),
            (["--secret", secret, "--time", "2026-11-22T07:30:00"], "--time must be UNIX seconds"),
        ]
        for (arguments, message) in cases {
            let result = try run(PortalBinary.url, ["totp"] + arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.output.isEmpty, "\(arguments)")
            #expect(result.error.hasPrefix("portal totp: " + message), "\(arguments): \(result.error)")
            #expect(result.error.filter { $0 == "\n" }.count == 1, "\(arguments): \(result.error)")
            // The secret is never echoed back.
            #expect(!result.error.contains(secret), "\(arguments)")
        }
        #expect(try portal("totp", "--secret", secret, "--bogus").status == 2)
    }
}
