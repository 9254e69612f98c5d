import Foundation

/// What became of a typed one-time code.
public enum CodeOutcome: Equatable, Sendable {
    /// The code matched `step`; the caller records it as the method's last used
    /// step and keeps `drift` as the method's drift.
    case accepted(step: Int64, drift: Int)
    /// The code matched, but its step was already used: a replay.
    case alreadyUsed
    case wrong
    /// Not a code at all (letters, too few digits); nothing was compared, and
    /// a caller counting failed sign-ins need not count it.
    case malformed(String)

    /// What to tell the person who typed it.
    public var message: String {
        switch self {
        case .accepted: "Code accepted."
        case .alreadyUsed: "This code was already used; wait for the next one."
        case .wrong: "That code is not the one showing now: check you used the right method and type the current code."
        case let .malformed(message): message
        }
    }
}

extension OneTimeCode {
    /// How far back a hardware token's first code is accepted: Entra takes
    /// codes from about the last 900 s when a token is activated (seed 002),
    /// because its clock may have run apart from ours since it was made.
    public static let hardwareFirstUseSeconds = 900

    /// The acceptance rule, as a pure function: the store keeps only its
    /// inputs (last used step, drift, whether a hardware token was ever used).
    ///
    /// An authenticator app, or a hardware token after its first use, is
    /// accepted at the current step plus `drift`, one step either side. A
    /// hardware token's first code is accepted from `hardwareFirstUseSeconds`
    /// back to one step ahead, and the drift it shows (matched step - current
    /// step) is returned for the caller to keep; otherwise `drift` is returned
    /// unchanged, so an app's window never wanders. A step at or before
    /// `lastUsedStep` is never accepted again.
    public func check(_ typed: String, secret: [UInt8], now: Date, lastUsedStep: Int64?,
                      drift: Int, firstUseOfHardwareToken: Bool) -> CodeOutcome {
        let digitsTyped = Array(typed.filter { $0 != " " }.utf8)
        guard digitsTyped.count == digits, digitsTyped.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return .malformed("Enter the \(digits)-digit code")
        }
        let current = step(at: now)
        let candidates: ClosedRange<Int64>
        if firstUseOfHardwareToken {
            let back = Int64(Self.hardwareFirstUseSeconds / max(period, 1))
            candidates = (current &- back)...(current &+ 1)
        } else {
            let centre = current &+ Int64(clamping: drift)
            candidates = (centre &- 1)...(centre &+ 1)
        }
        // Every candidate is computed and compared in full, so the time taken
        // says nothing about which step (if any) matched.
        var fresh: [Int64] = [], used = false
        for candidate in candidates {
            let matches = Self.equalInConstantTime(Array(code(secret: secret, step: candidate).utf8), digitsTyped)
            guard matches else { continue }
            if let lastUsedStep, candidate <= lastUsedStep { used = true } else { fresh.append(candidate) }
        }
        // Two steps can share a code by chance; the one nearest the expected step wins.
        let expected = firstUseOfHardwareToken ? current : current &+ Int64(clamping: drift)
        if let matched = fresh.min(by: { ($0 &- expected).magnitude < ($1 &- expected).magnitude }) {
            let learned = firstUseOfHardwareToken ? Int(clamping: matched &- current) : drift
            return .accepted(step: matched, drift: learned)
        }
        return used ? .alreadyUsed : .wrong
    }

    static func equalInConstantTime(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(left, right) { difference |= a ^ b }
        return difference == 0
    }
}
