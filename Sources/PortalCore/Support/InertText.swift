import Foundation

/// Text from a store or a user made harmless for a terminal. A store can hold
/// any character, and a control character (ESC, C1, bidi overrides) written
/// raw would let it retitle the terminal, move the cursor or reorder a line.
public enum InertText {
    /// Whether a scalar must never reach a terminal raw: C0 and C1 controls,
    /// DEL, the bidi embeddings, overrides and isolates, the Arabic letter
    /// mark, line and paragraph separators, and the interlinear annotation marks.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069, 0xFFF9...0xFFFB:
            return true
        default:
            return false
        }
    }

    /// For messages (command output, errors, logs): every unsafe scalar is
    /// written as a visible escape such as `\u{1B}`, so a reader sees what the
    /// text holds and one message stays one line. Backslashes are doubled, so
    /// an escape cannot be forged.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar == "\\" {
                result += "\\\\"
            } else if isUnsafe(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether the text holds nothing that `escaped` would change.
    public static func isInert(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0 == "\\" || isUnsafe($0) }
    }
}
