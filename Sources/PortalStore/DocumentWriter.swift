import Foundation

/// Writes the store document a piece at a time, byte for byte what one
/// JSONEncoder pass over the whole document gives: the top-level members and
/// slices of each large collection are encoded on their own, side by side on
/// the machine's cores, re-indented and handed to the sink in order. Only a
/// few pieces' encoder trees live at once, where one pass builds a tree of
/// the whole store (several times its size) and then a copy of its text.
struct DocumentWriter {
    /// Elements per piece of a collection: small enough that a piece's tree
    /// is a few megabytes, large enough that the encoder's setup is nothing.
    static let elementsPerPiece = 500
    /// Pieces encoded at once: one per core, and one more each to keep them busy.
    static let piecesInFlight = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)

    let makeEncoder: @Sendable () -> JSONEncoder

    /// Encodes `document` (whose encoding is one keyed container) into `sink`.
    /// Falls back to one pass when the document encodes in a way the capture
    /// below does not follow.
    func write(_ document: some Encodable, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        let capture = MemberCapture()
        do {
            try document.encode(to: capture)
        } catch is MemberCapture.Unsupported {
            var data = try makeEncoder().encode(document)
            data.append(0x0A)
            try data.withUnsafeBytes(sink)
            return
        }
        let members = capture.members
        // The encoder orders the keys; a skeleton of the same keys says in what order.
        let skeleton = try makeEncoder().encode(Dictionary(uniqueKeysWithValues: members.indices.map { (members[$0].key, $0) }))
        let order = Self.keyLines(skeleton)
        var pieces: [Piece] = [.text(Array("{\n".utf8))]
        for (position, line) in order.enumerated() {
            let value = members[line.index].value
            pieces.append(.text(line.prefix + Array(" : ".utf8)))
            if let array = value as? any EncodableArray, array.count > Self.elementsPerPiece {
                pieces.append(.text(Array("[\n".utf8)))
                var start = 0
                while start < array.count {
                    let end = min(start + Self.elementsPerPiece, array.count)
                    pieces.append(.elements(array.slice(start..<end), last: end == array.count))
                    start = end
                }
                pieces.append(.text(Array("  ]".utf8)))
            } else {
                pieces.append(.value(value))
            }
            pieces.append(.text(Array((position == order.count - 1 ? "\n" : ",\n").utf8)))
        }
        pieces.append(.text(Array("}\n".utf8)))
        try encode(pieces, to: sink)
    }

    private enum Piece: @unchecked Sendable {
        case text([UInt8])
        /// A member's value, written after its key.
        case value(any Encodable)
        /// Some of a collection's elements, one level in.
        case elements(any Encodable, last: Bool)
    }

    private func encode(_ pieces: [Piece], to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        var start = 0
        while start < pieces.count {
            let window = Array(pieces[start..<min(start + Self.piecesInFlight, pieces.count)])
            let results = Results(count: window.count)
            let makeEncoder = makeEncoder
            DispatchQueue.concurrentPerform(iterations: window.count) { index in
                results.set(index, Result { try Self.bytes(of: window[index], makeEncoder) })
            }
            for result in results.all { try result.get().withUnsafeBytes(sink) }
            start += window.count
        }
    }

    private static func bytes(of piece: Piece, _ makeEncoder: () -> JSONEncoder) throws -> [UInt8] {
        switch piece {
        case let .text(bytes):
            return bytes
        case let .value(value):
            // One level in: every line after the first moves two spaces right.
            return indented(try makeEncoder().encode(value), skipFirst: true)
        case let .elements(slice, last):
            // "[\n  a,\n  b\n]": the lines between the brackets, two levels in.
            let data = try makeEncoder().encode(slice)
            var lines = indented(data[(data.startIndex + 2)..<(data.endIndex - 2)], skipFirst: false)
            lines += last ? [0x0A] : Array(",\n".utf8)
            return lines
        }
    }

    /// Adds two spaces at the start of each line that has text; JSON strings
    /// hold no raw newline, so every newline is the encoder's own.
    private static func indented(_ bytes: Data, skipFirst: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4)
        bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            var atLineStart = !skipFirst
            // A line at a time: memchr finds each newline, the line is copied whole.
            while start < buffer.count {
                let found = memchr(base + start, 0x0A, buffer.count - start).map { $0 - UnsafeMutableRawPointer(mutating: base) }
                let end = found.map { $0 + 1 } ?? buffer.count
                if atLineStart && base.load(fromByteOffset: start, as: UInt8.self) != 0x0A {
                    out.append(0x20)
                    out.append(0x20)
                }
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
                atLineStart = true
                start = end
            }
        }
        return out
    }

    /// The skeleton's lines `  "key" : 3`: each key as the encoder wrote it, and its member's index.
    private static func keyLines(_ skeleton: Data) -> [(prefix: [UInt8], index: Int)] {
        let lines = skeleton.split(separator: 0x0A).dropFirst().dropLast()
        return lines.map { line in
            var text = Array(line)
            if text.last == UInt8(ascii: ",") { text.removeLast() }
            let separator = Array(" : ".utf8)
            var cut = text.count - separator.count
            while cut > 0, !text[cut..<(cut + separator.count)].elementsEqual(separator) { cut -= 1 }
            return (Array(text[..<cut]), Int(String(decoding: text[(cut + separator.count)...], as: UTF8.self)) ?? 0)
        }
    }

    private final class Results: @unchecked Sendable {
        private var values: [Result<[UInt8], Error>]
        private let lock = NSLock()

        init(count: Int) { values = Array(repeating: .success([]), count: count) }

        func set(_ index: Int, _ value: Result<[UInt8], Error>) {
            lock.lock()
            values[index] = value
            lock.unlock()
        }

        var all: [Result<[UInt8], Error>] { lock.withLock { values } }
    }
}

/// An array whose elements can be encoded a slice at a time.
protocol EncodableArray {
    var count: Int { get }
    func slice(_ range: Range<Int>) -> any Encodable
}

extension Array: EncodableArray where Element: Encodable {
    func slice(_ range: Range<Int>) -> any Encodable { Array(self[range]) }
}

/// An Encoder that keeps the top-level members of a keyed encoding as values,
/// unencoded, so each can be encoded on its own.
private final class MemberCapture: Encoder {
    struct Unsupported: Error {}

    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    /// In the order encoded; a key encoded again replaces its value, as JSONEncoder does.
    private(set) var members: [(key: String, value: any Encodable)] = []

    func store(_ key: CodingKey, _ value: any Encodable) {
        if let index = members.firstIndex(where: { $0.key == key.stringValue }) {
            members[index].value = value
        } else {
            members.append((key.stringValue, value))
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Container(capture: self))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer { UnsupportedUnkeyed() }

    func singleValueContainer() -> SingleValueEncodingContainer { UnsupportedSingle() }

    private struct Container<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let capture: MemberCapture
        var codingPath: [CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { capture.store(key, Optional<Int>.none) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { capture.store(key, value) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(UnsupportedKeyed())
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer { UnsupportedUnkeyed() }
        mutating func superEncoder() -> Encoder { UnsupportedEncoder() }
        mutating func superEncoder(forKey key: Key) -> Encoder { UnsupportedEncoder() }
    }

    /// Anything but plain members: the writer falls back to one pass.
    private struct UnsupportedKeyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        var codingPath: [CodingKey] { [] }
        mutating func encodeNil(forKey key: Key) throws { throw Unsupported() }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { throw Unsupported() }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(UnsupportedKeyed<NestedKey>())
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer { UnsupportedUnkeyed() }
        mutating func superEncoder() -> Encoder { UnsupportedEncoder() }
        mutating func superEncoder(forKey key: Key) -> Encoder { UnsupportedEncoder() }
    }

    private struct UnsupportedUnkeyed: UnkeyedEncodingContainer {
        var codingPath: [CodingKey] { [] }
        var count: Int { 0 }
        mutating func encodeNil() throws { throw Unsupported() }
        mutating func encode<T: Encodable>(_ value: T) throws { throw Unsupported() }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(UnsupportedKeyed<NestedKey>())
        }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer { UnsupportedUnkeyed() }
        mutating func superEncoder() -> Encoder { UnsupportedEncoder() }
    }

    private struct UnsupportedSingle: SingleValueEncodingContainer {
        var codingPath: [CodingKey] { [] }
        mutating func encodeNil() throws { throw Unsupported() }
        mutating func encode<T: Encodable>(_ value: T) throws { throw Unsupported() }
    }

    private struct UnsupportedEncoder: Encoder {
        var codingPath: [CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { KeyedEncodingContainer(UnsupportedKeyed()) }
        func unkeyedContainer() -> UnkeyedEncodingContainer { UnsupportedUnkeyed() }
        func singleValueContainer() -> SingleValueEncodingContainer { UnsupportedSingle() }
    }
}
