import Foundation

/// A run of text in one role.
public struct Span: Equatable, Sendable {
    public var text: String
    public var role: Role

    public init(_ text: String, _ role: Role = .text) {
        self.text = text
        self.role = role
    }
}

/// One line made of spans; screens build documents out of these.
public struct StyledLine: Equatable, Sendable {
    public var spans: [Span]

    public init(_ spans: [Span]) { self.spans = spans }
    public init(_ text: String, _ role: Role = .text) { spans = [Span(text, role)] }

    public static let blank = StyledLine([])

    public var width: Int { spans.reduce(0) { $0 + TextWidth.of($1.text) } }

    /// Wraps a paragraph to `width`, indenting continuation lines by `indent`.
    public static func wrapped(_ text: String, role: Role = .text, width: Int, indent: Int = 0, firstPrefix: [Span] = []) -> [StyledLine] {
        let prefixWidth = firstPrefix.reduce(0) { $0 + TextWidth.of($1.text) }
        let lead = max(indent, prefixWidth)
        // No-break spaces have kept their phrases whole; drawn, they are plain spaces.
        let pieces = TextWidth.wrap(text, width: max(1, width - lead)).map { $0.replacingOccurrences(of: "\u{00A0}", with: " ") }
        return pieces.enumerated().map { index, piece in
            if index == 0 {
                let pad = String(repeating: " ", count: lead - prefixWidth)
                return StyledLine(firstPrefix + [Span(pad + piece, role)])
            }
            return StyledLine([Span(String(repeating: " ", count: lead) + piece, role)])
        }
    }
}

extension CellBuffer {
    /// Draws a styled line at (x, y), clipped to `width` columns.
    @discardableResult
    public mutating func draw(_ line: StyledLine, x: Int, y: Int, width: Int) -> Int {
        let clip = Rect(x: x, y: y, width: width, height: 1)
        var column = x
        for span in line.spans {
            column = write(span.text, x: column, y: y, role: span.role, clip: clip)
        }
        return column
    }
}
