import Foundation

/// os-release(5): shell-style `KEY=value` assignments, values optionally in
/// single or double quotes, `#` comments. Nothing is expanded or run.
public enum OSRelease {
    /// The assignments in order, later ones winning; lines that are not a
    /// plain assignment (a command, a bad name, an unclosed quote) are skipped,
    /// as a shell-free reader must.
    public static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            guard !line.isEmpty, line.first != "#", let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals])
            guard isName(key), let value = word(line[line.index(after: equals)...]) else { continue }
            values[key] = value
        }
        return values
    }

    /// ID_LIKE and similar: a space-separated list.
    public static func list(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    private static func isName(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return key.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// One shell word: quoted and unquoted parts joined; within double quotes
    /// a backslash escapes only `$`, `` ` ``, `"` and `\`, outside quotes any
    /// character. Text after the word other than a comment makes it nil.
    private static func word(_ text: Substring) -> String? {
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            switch character {
            case "'":
                guard let close = text[text.index(after: index)...].firstIndex(of: "'") else { return nil }
                result += text[text.index(after: index)..<close]
                index = text.index(after: close)
            case "\"":
                index = text.index(after: index)
                var closed = false
                while index < text.endIndex {
                    let inner = text[index]
                    if inner == "\"" { closed = true; index = text.index(after: index); break }
                    if inner == "\\", text.index(after: index) < text.endIndex,
                       "$`\"\\".contains(text[text.index(after: index)]) {
                        index = text.index(after: index)
                    }
                    result.append(text[index])
                    index = text.index(after: index)
                }
                guard closed else { return nil }
            case "\\":
                index = text.index(after: index)
                guard index < text.endIndex else { return result }
                result.append(text[index])
                index = text.index(after: index)
            case " ", "\t":
                let rest = text[index...].drop { $0 == " " || $0 == "\t" }
                return rest.isEmpty || rest.first == "#" ? result : nil
            default:
                result.append(character)
                index = text.index(after: index)
            }
        }
        return result
    }
}
