import Foundation
import PortalCore
import Testing
@testable import PortalStore

/// Seeded random and mutated store documents through the loader: never a
/// crash or a hang, every error names the file and a JSON path, no error line
/// carries a raw control character, and whatever loads is valid and survives
/// a round trip and a compliance evaluation. PORTAL_FUZZ_CASES sets the count
/// of mutated documents (default 2,000, a few seconds; the dedicated run uses
/// 100,000 or more; a third as many again are made from nothing) and
/// PORTAL_FUZZ_SEED the seed.
@Suite("Store loader fuzzing")
struct StoreFuzzTests {
    /// A few of each kind, with references that resolve: small, so cases are quick.
    static let base: Data = {
        var tenant = demoFixture()
        // Alex has a Linux device and a phone: both kinds of passcode facts.
        let users = tenant.users.filter { $0.id == "usr-alex" }
        let userIds = Set(users.map(\.id))
        tenant.users = users
        tenant.managedDevices = tenant.managedDevices.filter { userIds.contains($0.userId) }
        tenant.mobileApps = Array(tenant.mobileApps.prefix(3))
        let platforms = Set(tenant.managedDevices.map(\.operatingSystem.policyPlatform))
        tenant.compliancePolicies = tenant.compliancePolicies.filter { platforms.contains($0.platform.policyPlatform) }
        let appIds = Set(tenant.mobileApps.map(\.id))
        tenant.mobileAppAssignments = tenant.mobileAppAssignments.filter { appIds.contains($0.appId) }
        let deviceIds = Set(tenant.managedDevices.map(\.id))
        tenant.appInstallStates = tenant.appInstallStates.filter { appIds.contains($0.appId) && deviceIds.contains($0.deviceId) }
        return try! StoreCodec.encode(tenant)
    }()

    static var baseObject: Any { try! JSONSerialization.jsonObject(with: base) }

    static let tokens: [String] = [
        "{", "}", "[", "]", "\"", ":", ",", "\\", "\\u", "\\ud800", "0", "-", "e", ".", "1e400", "-0", "1.5",
        "99999999999999999999", "null", "true", "\u{1B}]0;x\u{07}", "\u{9B}", "\u{202E}", "\u{0}", "\n", "\"schemaVersion\": 2,",
        "\"id\": \"dup\",", "2026-02-30T10:00:00Z", "\u{FEFF}", "𝄞", "e\u{301}",
    ]

    static var values: [Any] { [
        NSNull(), true, false, 0, -1, 1.5, Int.max, Int.min, 4_294_967_296, 100_000, 10_000_000, 10_000_001, "", "x",
        String(repeating: "w", count: 5_000), "\u{1B}[2J\u{1B}]0;owned\u{07}", "2026-02-30T10:00:00Z", "2026-11-22T09:30:00Z",
        "compliant", "inGracePeriod", "usr-adele", "grp-all", "#0078d4", [Any](), [String: Any](), [1, 2], ["id": "x"],
        "PBKDF2-HMAC-SHA256", "AAAA", "9999-12-31T23:59:59Z",
    ] }

    static func mutate(_ data: Data, _ random: inout SeededGenerator) -> Data {
        var bytes = [UInt8](data)
        if Int.random(in: 0..<4, using: &random) == 0 {
            return structured(&random)
        }
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            guard !bytes.isEmpty else { bytes = [UInt8](data); continue }
            let at = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes.insert(contentsOf: Array(tokens.randomElement(using: &random)!.utf8), at: at)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &random)))
            case 3:
                let end = min(bytes.count, at + Int.random(in: 1...256, using: &random))
                let piece = Array(bytes[at..<end])
                bytes.insert(contentsOf: piece, at: Int.random(in: 0...bytes.count, using: &random))
            case 4: bytes.removeSubrange(at...)
            default:
                // A digit run swapped for another number, to reach ranges.
                if let digit = bytes[at...].firstIndex(where: { (0x30...0x39).contains($0) }) {
                    var end = digit
                    while end < bytes.count, (0x30...0x39).contains(bytes[end]) { end += 1 }
                    let numbers = ["0", "-1", "4294967296", "9223372036854775807", "10000001", "99999", "1.5", "1e3", "121", "17"]
                    bytes.replaceSubrange(digit..<end, with: Array(numbers.randomElement(using: &random)!.utf8))
                }
            }
        }
        return Data(bytes)
    }

    /// Replaces one value somewhere in the valid document, so cases get past
    /// the syntax check into decoding and validation.
    static func structured(_ random: inout SeededGenerator) -> Data {
        func replace(_ node: Any, depth: Int) -> Any {
            if depth > 0, Int.random(in: 0..<3, using: &random) == 0 { return values.randomElement(using: &random)! }
            if var object = node as? [String: Any], let key = object.keys.sorted().randomElement(using: &random) {
                if Int.random(in: 0..<12, using: &random) == 0 {
                    object.removeValue(forKey: key)
                } else {
                    object[key] = replace(object[key]!, depth: depth + 1)
                }
                return object
            }
            if var array = node as? [Any], !array.isEmpty {
                let index = Int.random(in: 0..<array.count, using: &random)
                array[index] = replace(array[index], depth: depth + 1)
                return array
            }
            return values.randomElement(using: &random)!
        }
        let changed = replace(baseObject, depth: 0)
        return (try? JSONSerialization.data(withJSONObject: changed, options: [.fragmentsAllowed])) ?? base
    }

    /// Whether the document loaded.
    @discardableResult
    static func check(_ data: Data, case number: Int) -> Bool {
        do {
            let tenant = try StoreCodec.decode(data, path: "fuzz.json")
            #expect(StoreValidator().problems(in: tenant).isEmpty, "case \(number)")
            let again = try StoreCodec.decode(try StoreCodec.encode(tenant), path: "fuzz.json")
            if again != tenant {
                let before = String(decoding: try StoreCodec.encode(tenant), as: UTF8.self).split(separator: "\n")
                let after = String(decoding: try StoreCodec.encode(again), as: UTF8.self).split(separator: "\n")
                let first = zip(before, after).first { $0 != $1 }.map { "\($0.0) became \($0.1)" } ?? "same text, different values"
                Issue.record("case \(number): the round trip changed the store: \(first)")
            }
            for user in tenant.users {
                for device in tenant.devices(of: user) { _ = tenant.evaluate(device, for: user, now: fixtureNow) }
            }
            return true
        } catch let error as StoreError {
            let lines = error.problemLines
            #expect(!lines.isEmpty, "case \(number)")
            for line in lines {
                let located = line.hasPrefix("fuzz.json: $") || (line.hasPrefix("fuzz.json: ") && { if case .newerSchema = error { true } else { false } }())
                #expect(located, "case \(number): \(line)")
                #expect(!line.unicodeScalars.contains { InertText.isUnsafe($0) }, "case \(number): \(line)")
            }
        } catch {
            Issue.record("case \(number): \(error)")
        }
        return false
    }

    @Test func mutatedStoresNeverCrashAndAlwaysSayWhere() {
        let environment = ProcessInfo.processInfo.environment
        let cases = RunSize.cases("PORTAL_FUZZ_CASES", default: 2_000)
        let seed = environment["PORTAL_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_122
        var random = SeededGenerator(seed: seed)
        var loaded = 0
        for number in 0..<cases {
            if Self.check(Self.mutate(Self.base, &random), case: number) { loaded += 1 }
        }
        print("store fuzzing: \(cases) cases from seed \(seed), \(loaded) loaded, \(cases - loaded) refused with located problems")
    }

    /// Documents made from nothing: random bytes and random token soup.
    @Test func randomDocumentsNeverCrash() {
        let cases = RunSize.cases("PORTAL_FUZZ_CASES", default: 2_000) / 3
        var random = SeededGenerator(seed: 7)
        for number in 0..<cases {
            var bytes: [UInt8] = []
            if number % 2 == 0 {
                bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            } else {
                for _ in 0..<Int.random(in: 1...40, using: &random) { bytes += Array(Self.tokens.randomElement(using: &random)!.utf8) }
            }
            Self.check(Data(bytes), case: number)
        }
    }
}
