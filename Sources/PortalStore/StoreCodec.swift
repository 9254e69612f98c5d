import Foundation
import PortalCore

/// Turns a tenant into the store's JSON document and back: pretty-printed,
/// sorted keys, ISO-8601 dates, with `schemaVersion` beside the data.
public enum StoreCodec {
    public static let schemaVersion = 1

    public static func encode(_ tenant: Tenant) throws -> Data {
        var data = Data()
        try encode(tenant) { data.append(contentsOf: $0) }
        return data
    }

    /// The document a piece at a time, as `JSONStore` writes it to its file:
    /// never the whole text, nor the encoder's tree of the whole store, at once.
    static func encode(_ tenant: Tenant, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try DocumentWriter(makeEncoder: makeEncoder).write(Envelope(schemaVersion: schemaVersion, tenant: tenant), to: sink)
    }

    /// One JSONEncoder pass over the whole document: what the pieces must add up to.
    static func encodeInOnePass(_ tenant: Tenant) throws -> Data {
        var data = try makeEncoder().encode(Envelope(schemaVersion: schemaVersion, tenant: tenant))
        data.append(0x0A)
        return data
    }

    @Sendable static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// Decodes and validates a document. Every problem is reported in one
    /// pass: what decodes is validated (references, ranges) even while other
    /// parts have type problems.
    public static func decode(_ data: Data, path: String) throws(StoreError) -> Tenant {
        let result: Result<Tenant, StoreError> = data.withUnsafeBytes { bytes in
            do throws(StoreError) {
                return .success(try decode(bytes: bytes, path: path))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The strict check runs first and says where each top-level member lies;
    /// the collections are then decoded from their own bytes, side by side
    /// (each decoder's map is only as large as its collection).
    static func decode(bytes: UnsafeRawBufferPointer, path: String) throws(StoreError) -> Tenant {
        let check = JSONSyntaxCheck.check(bytes)
        guard check.syntax.isEmpty else { throw .invalid(path: path, problems: check.syntax) }
        guard let members = check.members else {
            throw .invalid(path: path, problems: [StoreProblem(path: "$", message: "expected an object holding schemaVersion, organization, users and the other collections")])
        }
        let document = DocumentBytes(bytes: bytes, members: members)
        // One parse: the document reads its schemaVersion first and is
        // lenient about the rest, so a wrong version is reported as such.
        let version: SchemaVersionValue?
        if let range = document.range(of: "schemaVersion") {
            version = try? makeDecoder().decode(SchemaVersionValue.self, from: document.data(range))
        } else {
            version = nil
        }
        try checkVersion(version, path: path)
        let (tenant, partial, decodeProblems) = LenientDocument(document).assemble()
        let content = check.content
        // Foundation's error for such a number names no field; the check above named it.
        let located = decodeProblems.filter { problem in
            problem.message != StoreProblem.unlocatedNumber || !content.contains { $0.path.hasPrefix(problem.path) }
        }
        let problems = content + located + StoreValidator(partial: partial).problems(in: tenant)
        guard problems.isEmpty else { throw .invalid(path: path, problems: problems) }
        return tenant
    }

    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom(decodeDate)
        return decoder
    }

    private static func checkVersion(_ value: SchemaVersionValue?, path: String) throws(StoreError) {
        let version: Int
        switch value {
        case nil:
            throw .invalid(path: path, problems: [StoreProblem(path: "$.schemaVersion", message: "missing required field \"schemaVersion\" (this portal writes \(schemaVersion))")])
        case let .whole(number):
            version = number
        case let .other(shown):
            throw .invalid(path: path, problems: [StoreProblem(path: "$.schemaVersion", message: "\(shown) is not a schema version; expected a whole number from 1 to \(schemaVersion)")])
        }
        if version > schemaVersion { throw .newerSchema(path: path, found: version, supported: schemaVersion) }
        if version < 1 {
            throw .invalid(path: path, problems: [StoreProblem(path: "$.schemaVersion", message: "unsupported version \(version); expected 1 to \(schemaVersion)")])
        }
    }

    @Sendable private static func decodeDate(_ decoder: Decoder) throws -> Date {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        if let date = StoreDate.parse(text) { return date }
        throw DecodingError.dataCorruptedError(
            in: container, debugDescription: "\"\(text)\" is not an ISO-8601 date between \(StoreDate.years.lowerBound) and \(StoreDate.years.upperBound); write it like 2026-11-22T09:30:00Z")
    }
}

/// `schemaVersion` whatever it holds, so a wrong version is reported as such
/// rather than as "not valid JSON".
private enum SchemaVersionValue: Decodable {
    case whole(Int)
    case other(String)

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .whole(number)
        } else if let number = try? container.decode(Double.self) {
            self = .other(number.isFinite ? "\(number)" : "a number out of range")
        } else if container.decodeNil() {
            self = .other("null")
        } else if (try? container.decode(Bool.self)) != nil {
            self = .other("true or false")
        } else if (try? container.decode(String.self)) != nil {
            self = .other("a string")
        } else {
            self = .other("an object or array")
        }
    }
}

private struct Envelope: Encodable {
    var schemaVersion: Int
    var tenant: Tenant

    private enum CodingKeys: String, CodingKey { case schemaVersion }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try tenant.encode(to: encoder)
    }
}

/// The document's bytes and where each top-level member's value lies.
/// Only read while the caller's buffer is alive (the decode below).
struct DocumentBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    /// The first of a repeated key, as Foundation's decoder keeps.
    private let members: [String: JSONSyntaxCheck.Member]

    init(bytes: UnsafeRawBufferPointer, members: [JSONSyntaxCheck.Member]) {
        self.bytes = bytes
        self.members = Dictionary(members.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func range(of key: String) -> Range<Int>? { members[key]?.value }

    /// An array member's elements, a run at a time; nil when it is not an array.
    func runs(of key: String) -> [Range<Int>]? { members[key]?.runs }

    /// The member's bytes without a copy.
    func data(_ range: Range<Int>) -> Data {
        Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: bytes.baseAddress! + range.lowerBound), count: range.count,
             deallocator: .none)
    }

    /// A run of elements as an array of its own: `[` + the run + `]`.
    func array(_ run: Range<Int>) -> Data {
        var data = Data(capacity: run.count + 2)
        data.append(UInt8(ascii: "["))
        data.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[run]))
        data.append(UInt8(ascii: "]"))
        return data
    }
}
