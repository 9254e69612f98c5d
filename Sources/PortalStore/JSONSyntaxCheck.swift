import Foundation

/// A strict pass over the raw document before any decoding: Foundation
/// accepts trailing commas, keeps one value of a repeated key without a word,
/// and says "not valid JSON" without saying where. This says where (line,
/// column, and the JSON path for repeated keys) and reports every repeated key.
///
/// It reads the caller's bytes in place (no copy) and compares keys as bytes
/// when it can: building a String per key cost more than the rest of the check.
struct JSONSyntaxCheck {
    /// Deeper than any store needs; bounds the work and the decoder's recursion.
    static let maximumDepth = 64

    /// What the check found; `members` lets the codec decode each top-level
    /// collection from its own bytes.
    struct Outcome {
        var syntax: [StoreProblem] = []
        var content: [StoreProblem] = []
        /// The root object's members in file order, each with the byte range
        /// of its value; nil when the root is not an object or the syntax is bad.
        var members: [Member]?
    }

    struct Member {
        var key: String
        var value: Range<Int>
        /// For an array, its elements a run of `elementsPerRun` at a time:
        /// the bytes from the first element's start to the last one's end.
        var runs: [Range<Int>]?
    }

    /// Elements per run of a top-level collection, decoded on their own.
    static let elementsPerRun = 1_000

    private let bytes: UnsafeRawBufferPointer
    private var offset = 0
    private var problems: [StoreProblem] = []
    private var members: [Member]?
    /// The runs of the array just read as a member's value.
    private var runs: [Range<Int>]?
    /// Where the value being read sits. Kept as byte ranges and written out
    /// only for a problem: building a path for every value cost more than the check.
    private var location: [PathPart] = []

    private enum PathPart {
        case key(Range<Int>)
        case index(Int)
    }

    private var path: String {
        location.reduce("$") { path, part in
            switch part {
            case let .key(range): return path + Self.member(text(of: range))
            case let .index(index): return "\(path)[\(index)]"
            }
        }
    }

    private struct SyntaxError: Error {
        var offset: Int
        var message: String
    }

    private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Problems found, each with a JSON path; empty when the document is
    /// well-formed JSON with unique keys and whole numbers. A syntax error
    /// ends the check; repeated keys and numbers no field can hold do not.
    static func problems(in data: Data) -> (syntax: [StoreProblem], content: [StoreProblem]) {
        let found = data.withUnsafeBytes { check($0) }
        return (found.syntax, found.content)
    }

    static func check(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        if bytes.isEmpty { return Outcome(syntax: [StoreProblem(path: "$", message: "not valid JSON: the file is empty")]) }
        var check = JSONSyntaxCheck(bytes)
        if let bad = check.firstInvalidUTF8() {
            return Outcome(syntax: [StoreProblem(path: "$", message: "not UTF-8 text: \(check.position(bad)) holds a byte that is not UTF-8; save the file as UTF-8")])
        }
        do throws(SyntaxError) {
            check.skipByteOrderMark()
            check.skipWhitespace()
            try check.value(depth: 0)
            check.skipWhitespace()
            if check.offset < bytes.count { throw SyntaxError(offset: check.offset, message: "unexpected text after the document") }
        } catch {
            return Outcome(syntax: [StoreProblem(path: "$", message: "not valid JSON: \(check.position(error.offset)): \(error.message)")])
        }
        return Outcome(content: check.problems, members: check.members)
    }

    /// "line 3, column 7", counting characters, not bytes.
    private func position(_ at: Int) -> String {
        var line = 1, column = 1
        for byte in bytes[..<min(at, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return "line \(line), column \(column)"
    }

    private func firstInvalidUTF8() -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            // Eight ASCII bytes at a time: almost all of a store.
            if index + 8 <= count, bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = bytes[index]
            let length: Int
            var lowest: UInt32
            switch lead {
            case 0x00...0x7F: index += 1; continue
            case 0xC2...0xDF: length = 2; lowest = 0x80
            case 0xE0...0xEF: length = 3; lowest = 0x800
            case 0xF0...0xF4: length = 4; lowest = 0x10000
            default: return index
            }
            guard index + length <= count else { return index }
            var scalar = UInt32(lead) & (0xFF >> (length + 1))
            for next in bytes[(index + 1)..<(index + length)] {
                guard next & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            if scalar < lowest || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
        return nil
    }

    private mutating func skipByteOrderMark() {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    private func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func value(depth: Int) throws(SyntaxError) {
        guard depth < Self.maximumDepth else {
            throw SyntaxError(offset: offset, message: "nested deeper than \(Self.maximumDepth) levels")
        }
        guard let byte = peek() else { throw SyntaxError(offset: offset, message: "the document ends where a value should be") }
        switch byte {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: throw SyntaxError(offset: offset, message: "expected a value (an object, array, string, number, true, false or null)")
        }
    }

    private mutating func object(depth: Int) throws(SyntaxError) {
        offset += 1
        skipWhitespace()
        var keys = KeySet()
        if depth == 0 { members = [] }
        if peek() == UInt8(ascii: "}") { offset += 1; return }
        while true {
            guard peek() == UInt8(ascii: "\"") else { throw SyntaxError(offset: offset, message: "expected a quoted key") }
            let key = try string()
            location.append(.key(key.content))
            defer { location.removeLast() }
            if !keys.insert(key, in: self) {
                problems.append(StoreProblem(path: path, message: "this key appears more than once in the same object; keep one"))
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw SyntaxError(offset: offset, message: "expected : after a key") }
            offset += 1
            skipWhitespace()
            let start = offset
            runs = nil
            try value(depth: depth + 1)
            if depth == 0 {
                let member = Member(key: text(of: key.content), value: start..<offset, runs: runs)
                members?.append(member)
            }
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                offset += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "}") { throw SyntaxError(offset: offset, message: "a comma before } (remove it)") }
            case UInt8(ascii: "}"):
                offset += 1
                return
            default:
                throw SyntaxError(offset: offset, message: "expected , or } in an object")
            }
        }
    }

    private mutating func array(depth: Int) throws(SyntaxError) {
        offset += 1
        skipWhitespace()
        // A member's value: its elements are noted a run at a time.
        var found: [Range<Int>]? = depth == 1 && members != nil ? [] : nil
        if peek() == UInt8(ascii: "]") {
            offset += 1
            runs = found
            return
        }
        var index = 0
        var runStart = offset
        while true {
            if index % Self.elementsPerRun == 0 { runStart = offset }
            location.append(.index(index))
            try value(depth: depth + 1)
            location.removeLast()
            index += 1
            if index % Self.elementsPerRun == 0 { found?.append(runStart..<offset) }
            let elementEnd = offset
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                offset += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "]") { throw SyntaxError(offset: offset, message: "a comma before ] (remove it)") }
            case UInt8(ascii: "]"):
                offset += 1
                if index % Self.elementsPerRun != 0 { found?.append(runStart..<elementEnd) }
                runs = found
                return
            default:
                throw SyntaxError(offset: offset, message: "expected , or ] in an array")
            }
        }
    }

    /// A string's content between its quotes; `plain` when it is ASCII with
    /// no escape, so its bytes are its text.
    private struct StringSpan {
        var content: Range<Int>
        var plain: Bool
    }

    /// Checks a string without building it.
    private mutating func string() throws(SyntaxError) -> StringSpan {
        let start = offset
        offset += 1
        var plain = true
        while true {
            guard offset < bytes.count else { throw SyntaxError(offset: start, message: "a string that never ends") }
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                return StringSpan(content: (start + 1)..<(offset - 1), plain: plain)
            }
            if byte < 0x20 { throw SyntaxError(offset: offset, message: "a control character inside a string (write it as an escape such as \\n)") }
            if byte == UInt8(ascii: "\\") {
                plain = false
                guard offset + 1 < bytes.count else { throw SyntaxError(offset: offset, message: "a string that never ends") }
                let escape = bytes[offset + 1]
                offset += 2
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    guard offset + 4 <= bytes.count, bytes[offset..<(offset + 4)].allSatisfy(Self.isHexDigit)
                    else { throw SyntaxError(offset: offset - 2, message: "\\u must be followed by four hex digits") }
                    offset += 4
                    continue
                default:
                    throw SyntaxError(offset: offset - 2, message: "an unknown escape \\\(Character(Unicode.Scalar(escape))) in a string")
                }
            }
            if byte >= 0x80 { plain = false }
            offset += 1
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }

    /// The decoded text of a checked string's content, as a JSON reader sees it.
    private func text(of range: Range<Int>) -> String {
        var scalars = String.UnicodeScalarView()
        var index = range.lowerBound
        var pendingHigh: UInt32?
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                let escape = bytes[index + 1]
                index += 2
                switch escape {
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    let code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16) ?? 0xFFFD
                    index += 4
                    if (0xD800...0xDBFF).contains(code) {
                        pendingHigh = code
                        continue
                    }
                    if (0xDC00...0xDFFF).contains(code), let high = pendingHigh {
                        scalars.append(Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00))!)
                    } else {
                        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    }
                default: scalars.append(Unicode.Scalar(escape))
                }
                pendingHigh = nil
                continue
            }
            pendingHigh = nil
            // Checked as UTF-8 already; copy a character whole.
            let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            scalars.append(contentsOf: String(decoding: bytes[index..<(index + length)], as: UTF8.self).unicodeScalars)
            index += length
        }
        return String(scalars)
    }

    /// An object's keys so far. Plain keys are compared as bytes; any other
    /// as decoded text (Swift compares text by canonical equivalence, as the
    /// decoder matches keys). Past a few dozen keys, a set of texts.
    private struct KeySet {
        private var spans: [StringSpan] = []
        private var texts: Set<String>?

        mutating func insert(_ key: StringSpan, in check: JSONSyntaxCheck) -> Bool {
            if texts == nil, spans.count >= 32 {
                texts = Set(spans.map { check.text(of: $0.content) })
            }
            if texts != nil { return texts!.insert(check.text(of: key.content)).inserted }
            for other in spans {
                if other.plain && key.plain {
                    if other.content.count == key.content.count,
                       memcmp(check.bytes.baseAddress! + other.content.lowerBound, check.bytes.baseAddress! + key.content.lowerBound, key.content.count) == 0 {
                        return false
                    }
                } else if check.text(of: other.content) == check.text(of: key.content) {
                    return false
                }
            }
            spans.append(key)
            return true
        }
    }

    /// Every number the store holds is a whole number (counts, sizes, days,
    /// versions); Foundation reports any other with an error naming no field.
    static let notWholeNumber = "expected a whole number, with no fraction or exponent, of at most 9,223,372,036,854,775,807"

    private mutating func number() throws(SyntaxError) {
        let start = offset
        func digits() -> Int {
            let from = offset
            while offset < bytes.count, (0x30...0x39).contains(bytes[offset]) { offset += 1 }
            return offset - from
        }
        if peek() == UInt8(ascii: "-") { offset += 1 }
        if peek() == UInt8(ascii: "0") {
            offset += 1
            if let next = peek(), (0x30...0x39).contains(next) { throw SyntaxError(offset: start, message: "a number with a leading zero") }
        } else if digits() == 0 {
            throw SyntaxError(offset: start, message: "a malformed number")
        }
        var plain = true
        if peek() == UInt8(ascii: ".") {
            plain = false
            offset += 1
            if digits() == 0 { throw SyntaxError(offset: start, message: "a malformed number") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            plain = false
            offset += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { offset += 1 }
            if digits() == 0 { throw SyntaxError(offset: start, message: "a malformed number") }
        }
        // Up to 18 digits with no fraction or exponent always fit an Int.
        if plain && offset - start <= 18 { return }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        if Int(text) == nil {
            let shown = text.count > 24 ? "\(text.prefix(24))…" : text
            problems.append(StoreProblem(path: path, message: "\(shown): \(Self.notWholeNumber)"))
        }
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let expected = UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count - offset >= expected.count, bytes[offset..<(offset + expected.count)].elementsEqual(expected) else {
            throw SyntaxError(offset: offset, message: "expected a value (an object, array, string, number, true, false or null)")
        }
        offset += expected.count
    }

    /// `.name` for plain keys, `["odd key"]` for any other, so a path can be pasted into jq.
    static func member(_ key: String) -> String {
        let plain = !key.isEmpty && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            && !("0"..."9").contains(key.unicodeScalars.first!)
        if plain { return ".\(key)" }
        let quoted = key.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            default: return String(scalar)
            }
        }.joined()
        return "[\"\(quoted)\"]"
    }
}
