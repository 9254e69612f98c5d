import Foundation

/// A screen as an SVG picture: a monospace grid with the theme's colors and
/// attributes, wide characters across two cells, every text XML-escaped.
public enum SVGPicture {
    /// A cell's size in pixels, at a 14 px monospace font.
    static let cellWidth = 8.4
    static let cellHeight = 17.0
    static let fontSize = 14.0
    /// The terminal's own colors where a theme says `default`: a dark profile.
    static let defaultForeground = (UInt8(229), UInt8(229), UInt8(229))
    static let defaultBackground = (UInt8(30), UInt8(30), UInt8(30))

    public static func svg(of buffer: CellBuffer, theme: Theme, brand: (UInt8, UInt8, UInt8), title: String) -> String {
        let resolved = ResolvedTheme(theme, depth: .trueColor, brand: brand)
        let width = Double(buffer.size.width) * cellWidth, height = Double(buffer.size.height) * cellHeight
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(number(width))" height="\(number(height))" viewBox="0 0 \(number(width)) \(number(height))" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="\(number(fontSize))">
        <title>\(escaped(title))</title>
        <rect width="100%" height="100%" fill="\(hex(defaultBackground))"/>

        """
        for y in 0..<buffer.size.height {
            out += "<g class=\"row\" data-row=\"\(y)\">"
            out += backgrounds(row: y, buffer, resolved)
            out += texts(row: y, buffer, resolved)
            out += "</g>\n"
        }
        if let cursor = buffer.cursor, cursor.y < buffer.size.height, cursor.x < buffer.size.width {
            let look = colors(resolved.style(for: buffer[cursor.x, cursor.y].role))
            out += "<rect class=\"cursor\" x=\"\(number(Double(cursor.x) * cellWidth))\" y=\"\(number(Double(cursor.y + 1) * cellHeight - 2))\" width=\"\(number(cellWidth))\" height=\"2\" fill=\"\(hex(look.foreground))\"/>\n"
        }
        return out + "</svg>\n"
    }

    /// One rectangle per run of cells with the same background.
    private static func backgrounds(row y: Int, _ buffer: CellBuffer, _ theme: ResolvedTheme) -> String {
        var out = ""
        var x = 0
        while x < buffer.size.width {
            let fill = colors(theme.style(for: buffer[x, y].role)).background
            var end = x + 1
            while end < buffer.size.width, colors(theme.style(for: buffer[end, y].role)).background == fill { end += 1 }
            if fill != defaultBackground {
                out += "<rect x=\"\(number(Double(x) * cellWidth))\" y=\"\(number(Double(y) * cellHeight))\" width=\"\(number(Double(end - x) * cellWidth))\" height=\"\(number(cellHeight))\" fill=\"\(hex(fill))\"/>"
            }
            x = end
        }
        return out
    }

    /// One text element per run of narrow characters in one style, and one
    /// per wide character, each stretched to exactly its cells so the grid
    /// holds whatever font draws it.
    private static func texts(row y: Int, _ buffer: CellBuffer, _ theme: ResolvedTheme) -> String {
        var out = ""
        var x = 0
        while x < buffer.size.width {
            let cell = buffer[x, y]
            if cell.isContinuation { x += 1; continue }
            let style = theme.style(for: cell.role)
            var text = String(cell.character)
            var end = x + 1
            if end < buffer.size.width, buffer[end, y].isContinuation {
                end += 1
            } else {
                while end < buffer.size.width, theme.style(for: buffer[end, y].role) == style, !buffer[end, y].isContinuation,
                      !(end + 1 < buffer.size.width && buffer[end + 1, y].isContinuation) {
                    text.append(buffer[end, y].character)
                    end += 1
                }
            }
            let underlined = style.attributes.contains(.underline)
            if text.contains(where: { $0 != " " }) || underlined {
                out += element(text, x: x, cells: end - x, y: y, style: style)
            }
            x = end
        }
        return out
    }

    private static func element(_ text: String, x: Int, cells: Int, y: Int, style: ResolvedStyle) -> String {
        var attributes = "x=\"\(number(Double(x) * cellWidth))\" y=\"\(number(Double(y) * cellHeight + fontSize * 0.9))\""
        attributes += " textLength=\"\(number(Double(cells) * cellWidth))\" lengthAdjust=\"spacingAndGlyphs\""
        attributes += " fill=\"\(hex(colors(style).foreground))\""
        if style.attributes.contains(.bold) { attributes += " font-weight=\"bold\"" }
        if style.attributes.contains(.italic) { attributes += " font-style=\"italic\"" }
        if style.attributes.contains(.underline) { attributes += " text-decoration=\"underline\"" }
        if style.attributes.contains(.dim) { attributes += " fill-opacity=\"0.6\"" }
        return "<text xml:space=\"preserve\" \(attributes)>\(escaped(text))</text>"
    }

    typealias RGB = (UInt8, UInt8, UInt8)

    /// What a person sees: reverse swaps the colors, the terminal's defaults included.
    static func colors(_ style: ResolvedStyle) -> (foreground: RGB, background: RGB) {
        let foreground = rgb(style.foreground) ?? defaultForeground
        let background = rgb(style.background) ?? defaultBackground
        return style.attributes.contains(.reverse) ? (background, foreground) : (foreground, background)
    }

    private static func rgb(_ color: ResolvedColor) -> RGB? {
        switch color {
        case .terminalDefault: nil
        case let .index(index): Palette.rgb(ofIndex: index)
        case let .rgb(value): (UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        }
    }

    static func hex(_ color: RGB) -> String {
        String(format: "#%02x%02x%02x", color.0, color.1, color.2)
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// Text for XML: the five special characters as entities, and anything
    /// XML 1.0 cannot hold (noncharacters, controls a cell never has) as U+FFFD.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let value = scalar.value
                let allowed = value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                    || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
