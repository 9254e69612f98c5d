import Foundation
import PortalCore

/// A stored PBKDF2 hash (a user's password, the kiosk's exit PIN): a known
/// algorithm, iterations in range, a salt and hash of sane length.
extension StoreValidator {
    func checkPasswordHash(_ password: PasswordHash, path: String, fail: (String, String) -> Void) {
        if password.algorithm != "PBKDF2-HMAC-SHA256" {
            fail("\(path).algorithm", "unknown value \"\(password.algorithm)\"; expected PBKDF2-HMAC-SHA256")
        }
        range("\(path).iterations", password.iterations, PasswordHash.allowedIterations, fail: fail)
        // Secrets are never echoed: only their shape is reported.
        for (field, text) in [("salt", password.salt), ("hash", password.hash)] {
            if let bytes = Data(base64Encoded: text) {
                if !PasswordHash.allowedByteCounts.contains(bytes.count) {
                    fail("\(path).\(field)", "holds \(bytes.count) bytes; expected \(PasswordHash.allowedByteCounts.lowerBound) to \(PasswordHash.allowedByteCounts.upperBound)")
                }
            } else {
                fail("\(path).\(field)", "is not Base64")
            }
        }
    }
}

extension StoreValidator {
    /// What is wrong with a hash given outside a store (`portal kiosk --exit-pin-hash`), as "path: problem" lines.
    public func problems(in hash: PasswordHash, path: String) -> [String] {
        var found: [String] = []
        checkPasswordHash(hash, path: path) { found.append("\($0): \($1)") }
        return found
    }
}
