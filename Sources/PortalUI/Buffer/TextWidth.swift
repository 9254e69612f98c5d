import Foundation

/// How many terminal columns text takes, as it is drawn: each grapheme
/// cluster is measured by the pieces `TerminalGlyph` draws it as, and each
/// scalar by the C library's wcwidth tables, so the layout agrees with what
/// ncurses and the terminal do. Every function here is linear in the text.
public enum TextWidth {
    public static func of(_ character: Character) -> Int {
        var width = 0
        TerminalGlyph.forEachPiece(of: character) { width += $1 }
        return width
    }

    /// The columns of a scalar drawn on its own: 0 for controls and zero-width scalars.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) { return 0 }
        return columns(of: scalar) ?? 1
    }

    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    public static func of(_ text: Substring) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// wcwidth of a printable scalar, or nil when wcwidth calls it unprintable.
    static func columns(of scalar: Unicode.Scalar) -> Int? {
        let value = scalar.value
        if value < 0x300 { return value < 0x20 || (0x7F..<0xA0).contains(value) ? nil : 1 }
        if contains(zeroWidth, value) { return 0 }
        if contains(doubleWidth, value) { return 2 }
        if contains(unprintable, value) { return nil }
        return 1
    }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0, high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if value < ranges[middle].lowerBound { high = middle - 1 }
            else if value > ranges[middle].upperBound { low = middle + 1 }
            else { return true }
        }
        return false
    }

    /// The longest prefix of `text` that fits in `width` columns; when text is
    /// cut and `ellipsis` is set, the last column becomes "…". Reads no
    /// further than the cut, however long the text.
    public static func truncate(_ text: String, to width: Int, ellipsis: Bool = true) -> String {
        guard width > 0 else { return "" }
        let limit = ellipsis ? width - 1 : width
        var used = 0
        var cut = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            used += of(text[index])
            if used > width { return String(text[..<cut]) + (ellipsis ? "…" : "") }
            index = text.index(after: index)
            if used <= limit { cut = index }
        }
        return text
    }

    /// Text padded with spaces (or cut) to exactly `width` columns.
    public static func pad(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        return cut + String(repeating: " ", count: max(0, width - of(cut)))
    }

    /// Splits text into lines of at most `width` columns, breaking at spaces
    /// where it can and inside words where it must. A character wider than
    /// the whole width gets a line of its own rather than stopping the wrap.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let wordWidth = of(word)
                if lineWidth > 0 && lineWidth + 1 + wordWidth > width {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                if wordWidth > width {
                    for character in word {
                        let columns = of(character)
                        if lineWidth > 0 && lineWidth + columns > width {
                            lines.append(line)
                            line = ""
                            lineWidth = 0
                        }
                        line.append(character)
                        lineWidth += columns
                    }
                    continue
                }
                if lineWidth > 0 {
                    line += " "
                    lineWidth += 1
                }
                line += word
                lineWidth += wordWidth
            }
            lines.append(line)
        }
        return lines
    }
}
