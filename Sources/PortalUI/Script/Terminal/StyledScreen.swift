import Foundation

/// A tmux pane captured with `capture-pane -e`, decoded into the characters
/// and the SGR state each one was drawn with, so tests can ask how a piece
/// of text looks: its colors, bold, underline, reverse, line drawing.
public struct StyledScreen {
    public struct Style: Equatable, Hashable, Sendable, CustomStringConvertible {
        public var foreground = "default"
        public var background = "default"
        public var bold = false, dim = false, italic = false, underline = false, reverse = false
        /// Drawn from the terminal's line-drawing (DEC special graphics) set.
        public var lineDrawing = false

        public init(foreground: String = "default", background: String = "default", bold: Bool = false, dim: Bool = false,
                    italic: Bool = false, underline: Bool = false, reverse: Bool = false, lineDrawing: Bool = false) {
            self.foreground = foreground
            self.background = background
            self.bold = bold
            self.dim = dim
            self.italic = italic
            self.underline = underline
            self.reverse = reverse
            self.lineDrawing = lineDrawing
        }

        public var description: String {
            let flags = [("bold", bold), ("dim", dim), ("italic", italic), ("underline", underline), ("reverse", reverse),
                         ("acs", lineDrawing)].filter(\.1).map(\.0)
            return "fg=\(foreground) bg=\(background)" + (flags.isEmpty ? "" : " " + flags.joined(separator: ","))
        }

        /// What a person sees: reverse swaps the colors.
        public var look: Style {
            var shown = self
            if reverse {
                shown.foreground = background == "default" ? "default-bg" : background
                shown.background = foreground == "default" ? "default-fg" : foreground
                shown.reverse = false
            }
            return shown
        }
    }

    public struct Cell: Sendable {
        public var character: Character
        public var style: Style
    }

    public var rows: [[Cell]]

    public init(escaped: String) {
        rows = escaped.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var cells: [Cell] = []
            var style = Style()
            var characters = Array(line)
            var index = 0
            while index < characters.count {
                let character = characters[index]
                switch character {
                case "\u{1B}":
                    index += 1
                    guard index < characters.count else { break }
                    if characters[index] == "[" {
                        var parameters = ""
                        index += 1
                        while index < characters.count, !characters[index].isLetter {
                            parameters.append(characters[index])
                            index += 1
                        }
                        if index < characters.count, characters[index] == "m" { Self.apply(parameters, to: &style) }
                    } else if characters[index] == "(" {
                        index += 1
                        if index < characters.count { style.lineDrawing = characters[index] == "0" }
                    }
                case "\u{0E}": style.lineDrawing = true
                case "\u{0F}": style.lineDrawing = false
                default: cells.append(Cell(character: character, style: style))
                }
                index += 1
            }
            characters.removeAll()
            return cells
        }
    }

    private static func apply(_ parameters: String, to style: inout Style) {
        var codes = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        if codes.isEmpty { codes = [0] }
        var index = 0
        while index < codes.count {
            let code = codes[index]
            switch code {
            case 0: style = Style(lineDrawing: style.lineDrawing)
            case 1: style.bold = true
            case 2: style.dim = true
            case 3: style.italic = true
            case 4: style.underline = true
            case 7: style.reverse = true
            case 22: style.bold = false; style.dim = false
            case 23: style.italic = false
            case 24: style.underline = false
            case 27: style.reverse = false
            case 30...37, 90...97: style.foreground = "\(code)"
            case 39: style.foreground = "default"
            case 40...47, 100...107: style.background = "\(code)"
            case 49: style.background = "default"
            case 38, 48:
                let extended = codes[(index + 1)...].prefix(codes.count > index + 1 && codes[index + 1] == 2 ? 4 : 2)
                let value = "\(code);" + extended.map(String.init).joined(separator: ";")
                if code == 38 { style.foreground = value } else { style.background = value }
                index += extended.count
            default: break
            }
            index += 1
        }
    }

    public func text(ofRow row: Int) -> String { String(rows[row].map(\.character)) }

    public var text: String { rows.indices.map(text(ofRow:)).joined(separator: "\n") }

    /// The styles of the cells that show `text`, where it first appears.
    public func styles(of text: String) -> [Style]? {
        for row in rows {
            let line = Array(row.map(\.character)), wanted = Array(text)
            guard wanted.count <= line.count else { continue }
            for start in 0...(line.count - wanted.count) where Array(line[start..<(start + wanted.count)]) == wanted {
                return row[start..<(start + wanted.count)].map(\.style)
            }
        }
        return nil
    }

    /// The one style `text` is drawn in, or nil when it is absent or mixed.
    public func style(of text: String) -> Style? {
        guard let styles = styles(of: text), let first = styles.first, styles.allSatisfy({ $0 == first }) else { return nil }
        return first
    }
}

extension Tmux {
    /// The pane once two captures in a row agree, so a frame still being
    /// written is never judged; after `seconds`, the last capture.
    public func styledScreen(seconds: Double = 10) throws -> StyledScreen {
        let deadline = Date().addingTimeInterval(seconds)
        var last = try tmux(["capture-pane", "-e", "-p", "-t", session])
        while Date() < deadline {
            usleep(30_000)
            let next = try tmux(["capture-pane", "-e", "-p", "-t", session])
            if next == last { break }
            last = next
        }
        return StyledScreen(escaped: last)
    }
}
