import Foundation
import Testing
@testable import PortalCore

@Suite("One-time codes")
struct OneTimeCodeTests {
    // RFC 6238 Appendix B: each algorithm has its own seed, the ASCII digits
    // "1234567890" repeated to the hash's length.
    static let seeds: [OathAlgorithm: [UInt8]] = [
        .sha1: Array("12345678901234567890".utf8),
        .sha256: Array("12345678901234567890123456789012".utf8),
        .sha512: Array("1234567890123456789012345678901234567890123456789012345678901234".utf8),
    ]

    static let vectors: [(time: TimeInterval, sha1: String, sha256: String, sha512: String)] = [
        (59, "94287082", "46119246", "90693936"),
        (1_111_111_109, "07081804", "68084774", "25091201"),
        (1_111_111_111, "14050471", "67062674", "99943326"),
        (1_234_567_890, "89005924", "91819424", "93441116"),
        (2_000_000_000, "69279037", "90698825", "38618901"),
        (20_000_000_000, "65353130", "77737706", "47863826"),
    ]

    @Test func rfc6238AppendixB() {
        for vector in Self.vectors {
            let date = Date(timeIntervalSince1970: vector.time)
            for (algorithm, expected) in [(OathAlgorithm.sha1, vector.sha1), (.sha256, vector.sha256), (.sha512, vector.sha512)] {
                let generator = OneTimeCode(algorithm: algorithm, digits: 8, period: 30)
                #expect(generator.code(secret: Self.seeds[algorithm]!, at: date) == expected, "\(algorithm) at \(vector.time)")
            }
        }
    }

    @Test func sixDigitsAreTheLastSixAndZeroPadded() {
        let generator = OneTimeCode(algorithm: .sha1, digits: 6, period: 30)
        // 07081804 at 1111111109: six digits keep the leading zero of 081804.
        #expect(generator.code(secret: Self.seeds[.sha1]!, at: Date(timeIntervalSince1970: 1_111_111_109)) == "081804")
    }

    @Test func stepsAndSecondsLeft() {
        let thirty = OneTimeCode(period: 30), sixty = OneTimeCode(period: 60)
        #expect(thirty.step(at: Date(timeIntervalSince1970: 59)) == 1)
        #expect(thirty.step(at: Date(timeIntervalSince1970: 60)) == 2)
        #expect(sixty.step(at: Date(timeIntervalSince1970: 59.9)) == 0)
        #expect(thirty.step(at: Date(timeIntervalSince1970: -1)) == -1)
        #expect(thirty.secondsLeft(at: Date(timeIntervalSince1970: 59)) == 1)
        #expect(thirty.secondsLeft(at: Date(timeIntervalSince1970: 60)) == 30)
        #expect(sixty.secondsLeft(at: Date(timeIntervalSince1970: 61.5)) == 59)
        // Nonsense from a store never traps.
        #expect(OneTimeCode(period: 0).step(at: .distantFuture) > 0)
        #expect(OneTimeCode(digits: 6, period: -5).code(secret: [], at: .distantPast).count == 6)
    }

    @Test func algorithmsDecodeAsGraphEnums() throws {
        let decoded = try JSONDecoder().decode(OneTimeCode.self, from: Data(#"{"algorithm":"sha256","digits":8,"period":60}"#.utf8))
        #expect(decoded == OneTimeCode(algorithm: .sha256, digits: 8, period: 60))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(OneTimeCode.self, from: Data(#"{"algorithm":"md5","digits":6,"period":30}"#.utf8))
        }
        #expect(OathAlgorithm.sha512.uriName == "SHA512")
    }

    // MARK: Base32

    @Test func base32RFC4648Vectors() {
        let vectors = [("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI")]
        for (plain, encoded) in vectors {
            #expect(Base32.encode(Array(plain.utf8)) == encoded)
            #expect(Base32.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base32.encode([]) == "")
        #expect(Base32.decode("MY======") == Array("f".utf8))
        #expect(Base32.decode("mzxw 6ytb oi") == Array("foobar".utf8))
        #expect(Base32.decode("  MZXW6YTBOI====  ") == Array("foobar".utf8))
        #expect(Base32.normalized("mzxw 6ytb oi==") == "MZXW6YTBOI")
    }

    @Test func base32RoundTripsEveryLength() {
        var generator = SeededGenerator(seed: 6238)
        for length in 1...80 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Base32.encode(bytes)
            #expect(Base32.decode(text) == bytes, "\(length) bytes")
            #expect(Base32.decode(text.lowercased()) == bytes)
            #expect(Base32.decode(Base32.grouped(text)) == bytes)
        }
    }

    @Test func base32Rejections() {
        #expect(Base32.check("") == .failure(.empty))
        #expect(Base32.check("  ==") == .failure(.empty))
        #expect(Base32.check("MZ1W") == .failure(.notBase32("1", position: 3)))
        #expect(Base32.check("MZXW6!") == .failure(.notBase32("!", position: 6)))
        #expect(Base32.check("MZ=XW6") == .failure(.notBase32("=", position: 3)))
        #expect(Base32.check("MZXé") == .failure(.notBase32("é", position: 4)))
        #expect(Base32.check("MZ\tXW") == .failure(.notBase32("\t", position: 3)))
        #expect(Base32.check("MZXW6Y") == .failure(.incomplete(count: 6)))
        #expect(Base32.check("M") == .failure(.incomplete(count: 1)))
        #expect(Base32.decode(String(repeating: "A", count: 128)) != nil)
        #expect(Base32.check(String(repeating: "A", count: 136)) == .failure(.tooLong(count: 136)))
        for bad in ["0", "8", "9", "MZXW6-YTB"] { #expect(Base32.decode(bad) == nil, "\(bad)") }
        #expect(Base32.Problem.notBase32("1", position: 3).description == "'1' (character 3) is not a Base32 character: use A-Z and 2-7")
        #expect(Base32.Problem.tooLong(count: 136).description.contains("at most 128"))
    }

    @Test func base32Groups() {
        #expect(Base32.grouped("JBSWY3DPEHPK3PXP") == "JBSW Y3DP EHPK 3PXP")
        #expect(Base32.grouped("jbsw y3dp eh==") == "JBSW Y3DP EH")
        #expect(Base32.grouped("") == "")
    }

    // MARK: Acceptance

    static let secret = Base32.decode("JBSWY3DPEHPK3PXP")!
    static let now = Date(timeIntervalSince1970: 1_800_000_015)
    static let app = OneTimeCode()

    func codeAt(_ offset: Int64, _ generator: OneTimeCode = app) -> String {
        generator.code(secret: Self.secret, step: generator.step(at: Self.now) + offset)
    }

    func check(_ typed: String, _ generator: OneTimeCode = app, now: Date = now, lastUsed: Int64? = nil,
               drift: Int = 0, firstUse: Bool = false) -> CodeOutcome {
        generator.check(typed, secret: Self.secret, now: now, lastUsedStep: lastUsed, drift: drift, firstUseOfHardwareToken: firstUse)
    }

    @Test func appWindowIsOneStepEitherSide() {
        let current = Self.app.step(at: Self.now)
        // The five codes differ, so each outcome below is about its own step.
        #expect(Set((-2...2).map { codeAt($0) }).count == 5)
        #expect(check(codeAt(-2)) == .wrong)
        #expect(check(codeAt(-1)) == .accepted(step: current - 1, drift: 0))
        #expect(check(codeAt(0)) == .accepted(step: current, drift: 0))
        #expect(check(codeAt(1)) == .accepted(step: current + 1, drift: 0))
        #expect(check(codeAt(2)) == .wrong)
    }

    @Test func aStepIsNeverAcceptedTwice() {
        let current = Self.app.step(at: Self.now)
        guard case let .accepted(step, _) = check(codeAt(0)) else { Issue.record("not accepted"); return }
        #expect(check(codeAt(0), lastUsed: step) == .alreadyUsed)
        // An older code that still falls in the window is a replay too.
        #expect(check(codeAt(-1), lastUsed: step) == .alreadyUsed)
        #expect(check(codeAt(1), lastUsed: step) == .accepted(step: current + 1, drift: 0))
        // Thirty seconds later the used code is still refused, and a wrong one is wrong.
        let later = Self.now.addingTimeInterval(30)
        #expect(check(codeAt(0), now: later, lastUsed: step) == .alreadyUsed)
        #expect(check(codeAt(5), now: later, lastUsed: step) == .wrong)
        #expect(CodeOutcome.alreadyUsed.message == "This code was already used; wait for the next one.")
    }

    @Test func hardwareFirstUseAcceptsTheLast900SecondsAndLearnsDrift() {
        let current = Self.app.step(at: Self.now)
        #expect(check(codeAt(-30), firstUse: true) == .accepted(step: current - 30, drift: -30))
        #expect(check(codeAt(-31), firstUse: true) == .wrong)
        #expect(check(codeAt(1), firstUse: true) == .accepted(step: current + 1, drift: 1))
        #expect(check(codeAt(2), firstUse: true) == .wrong)
        // Without the first-use window the same old code is refused.
        #expect(check(codeAt(-30)) == .wrong)

        let sixty = OneTimeCode(period: 60)
        let currentSixty = sixty.step(at: Self.now)
        #expect(check(codeAt(-15, sixty), sixty, firstUse: true) == .accepted(step: currentSixty - 15, drift: -15))
        #expect(check(codeAt(-16, sixty), sixty, firstUse: true) == .wrong)
    }

    @Test func learnedDriftCentresLaterWindows() {
        // The token runs 10 steps (5 minutes) behind; it was activated a day ago.
        guard case let .accepted(activated, drift) = check(codeAt(-10), firstUse: true) else { Issue.record("not accepted"); return }
        #expect(drift == -10)
        let day = Self.now.addingTimeInterval(86_400)
        let current = Self.app.step(at: day)
        let tokenShows = { (offset: Int64) in Self.app.code(secret: Self.secret, step: current + offset) }
        #expect(check(tokenShows(-10), now: day, lastUsed: activated, drift: drift) == .accepted(step: current - 10, drift: -10))
        #expect(check(tokenShows(-11), now: day, lastUsed: activated, drift: drift) == .accepted(step: current - 11, drift: -10))
        #expect(check(tokenShows(-9), now: day, lastUsed: activated, drift: drift) == .accepted(step: current - 9, drift: -10))
        #expect(check(tokenShows(-12), now: day, lastUsed: activated, drift: drift) == .wrong)
        // Without the drift the token's code would be far outside the window.
        #expect(check(tokenShows(-10), now: day, lastUsed: activated, drift: 0) == .wrong)
        #expect(check(tokenShows(0), now: day, lastUsed: activated, drift: drift) == .wrong)
    }

    @Test func malformedInputIsNeverCompared() {
        let current = Self.app.step(at: Self.now)
        for typed in ["", "12345", "1234567", "12a456", "１２３４５６", "-12345", "12345\n"] {
            #expect(check(typed) == .malformed("Enter the 6-digit code"), "\(typed)")
        }
        let spaced = String(codeAt(0).prefix(3)) + " " + String(codeAt(0).suffix(3))
        #expect(check(" " + spaced + " ") == .accepted(step: current, drift: 0))
        let eight = OneTimeCode(digits: 8)
        #expect(check(codeAt(0), eight) == .malformed("Enter the 8-digit code"))
        #expect(check(codeAt(0, eight), eight) == .accepted(step: current, drift: 0))
        #expect(CodeOutcome.malformed("Enter the 6-digit code").message == "Enter the 6-digit code")
    }

    @Test func otherAlgorithmsAreCheckedWithTheirOwnHMAC() {
        let sha256 = OneTimeCode(algorithm: .sha256, digits: 8, period: 60)
        let current = sha256.step(at: Self.now)
        #expect(check(codeAt(0, sha256), sha256) == .accepted(step: current, drift: 0))
        #expect(codeAt(0, sha256) != codeAt(0, OneTimeCode(algorithm: .sha1, digits: 8, period: 60)))
    }
}
