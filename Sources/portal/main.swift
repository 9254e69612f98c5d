import Foundation
import PortalCore
let start = Date()
let h = PasswordHash.make(password: "x", iterations: 600_000, random: SeededRandomSource(seed: 1))
print(Date().timeIntervalSince(start), h.verify("x"), Date().timeIntervalSince(start))
