import Foundation

/// How a QR code is laid out in cells: one column and two rows of modules a
/// cell (a cell is about twice as tall as wide, so modules come out square),
/// drawn as ink for dark modules in the `.qrCode` role.
///
/// Why these choices:
/// - Ink is dark: `.qrCode` is black on white in the built-in themes, and
///   Theme.parse refuses a theme whose QR code style is not dark on light
///   (`FixedStyle`), so the code is dark on light whatever the rest
///   of the screen looks like, which every scanner reads; an inverted code
///   is refused by many.
/// - Without colours (NO_COLOR, or a terminal that has none) the role is
///   reverse video: ink takes the terminal's background colour and the
///   ground its text colour, which is dark on light on the usual
///   dark-background terminal (the polarity `qrencode -t UTF8` assumes).
///   On a light-background terminal the code shows inverted; the text secret
///   stays on screen for that case.
/// - Under a locale that is not UTF-8 the half blocks cannot be drawn (curses
///   would put out "?", and only the full block has a line-drawing stand-in,
///   which is not solid on every terminal), so nothing is drawn and the
///   caller shows the text secret instead.
public enum QRCodeView {
    /// The quiet zone ISO/IEC 18004 asks for, in modules on each side.
    public static let standardQuietZone = 4
    /// The least that phone scanners still read reliably.
    public static let minimumQuietZone = 2

    /// What drawing did.
    public enum Outcome: Equatable, Sendable {
        /// Drawn in this rectangle, quiet zone included.
        case drawn(Rect)
        /// Nothing drawn: the code with its quiet zone needs this many cells.
        case doesNotFit(needs: Size)
        /// Nothing drawn: half blocks cannot be shown in this locale.
        case needsUTF8
    }

    /// Columns and rows the code takes with `quietZone` light modules around it.
    public static func cellSize(of code: QRCode, quietZone: Int = standardQuietZone) -> Size {
        let side = code.size + 2 * max(0, quietZone)
        return Size(width: side, height: (side + 1) / 2)
    }

    /// The widest quiet zone, from the standard 4 down to 2, with which the
    /// code fits in `available`; nil when even 2 does not fit.
    public static func quietZone(for code: QRCode, fitting available: Size) -> Int? {
        stride(from: standardQuietZone, through: minimumQuietZone, by: -1).first { zone in
            let needed = cellSize(of: code, quietZone: zone)
            return needed.width <= available.width && needed.height <= available.height
        }
    }

    /// The code of `text` that fits in `available`, or why none does.
    public enum Fit: Equatable, Sendable {
        case fits(QRCode, quietZone: Int)
        /// The smallest the code can be drawn (level L, quiet zone 2).
        case needs(Size)
        /// libqrencode refuses the text (too long for any version).
        case cannotEncode
    }

    /// Level M with the widest quiet zone that fits, else level L (a smaller
    /// symbol): M survives more of what a screen does to the code (glare,
    /// gaps between rows of cells), so it is given up only for space.
    public static func fit(_ text: String, in available: Size) -> Fit {
        guard let medium = QRCode(text: text, level: .medium) ?? QRCode(text: text, level: .low) else { return .cannotEncode }
        if let zone = quietZone(for: medium, fitting: available) { return .fits(medium, quietZone: zone) }
        guard medium.level == .medium, let low = QRCode(text: text, level: .low) else {
            return .needs(cellSize(of: medium, quietZone: minimumQuietZone))
        }
        if let zone = quietZone(for: low, fitting: available) { return .fits(low, quietZone: zone) }
        return .needs(cellSize(of: low, quietZone: minimumQuietZone))
    }

    /// The code's rows of cells, quiet zone included: each character stands
    /// for the module pair (top, bottom) of its column. An odd number of
    /// module rows leaves the last cell row's bottom half light, a little
    /// more quiet zone.
    public static func rows(of code: QRCode, quietZone: Int = standardQuietZone) -> [String] {
        let zone = max(0, quietZone)
        let size = cellSize(of: code, quietZone: zone)
        return (0..<size.height).map { row in
            let top = 2 * row - zone, bottom = top + 1
            return String((0..<size.width).map { column in
                glyph(top: code.isDark(x: column - zone, y: top), bottom: code.isDark(x: column - zone, y: bottom))
            })
        }
    }

    static func glyph(top: Bool, bottom: Bool) -> Character {
        switch (top, bottom) {
        case (true, true): "█"
        case (true, false): "▀"
        case (false, true): "▄"
        case (false, false): " "
        }
    }
}

extension Widgets {
    /// Draws `code` with its top-left quiet-zone corner at (x, y), whole or
    /// not at all: a code cut by the edge of `clip` (the buffer by default)
    /// cannot be scanned, so the caller is told what it needs instead.
    @discardableResult
    public static func qrCode(_ code: QRCode, x: Int, y: Int, quietZone: Int = QRCodeView.standardQuietZone,
                              localeIsUTF8: Bool = true, clip: Rect? = nil, buffer: inout CellBuffer) -> QRCodeView.Outcome {
        guard localeIsUTF8 else { return .needsUTF8 }
        let size = QRCodeView.cellSize(of: code, quietZone: quietZone)
        let area = clip ?? buffer.bounds
        let frame = Rect(x: x, y: y, width: size.width, height: size.height)
        guard frame.x >= max(0, area.x), frame.y >= max(0, area.y),
              frame.maxX <= min(area.maxX, buffer.size.width), frame.maxY <= min(area.maxY, buffer.size.height) else {
            return .doesNotFit(needs: size)
        }
        let zone = max(0, quietZone)
        for row in 0..<size.height {
            let top = 2 * row - zone
            for column in 0..<size.width {
                let character = QRCodeView.glyph(top: code.isDark(x: column - zone, y: top),
                                                 bottom: code.isDark(x: column - zone, y: top + 1))
                // Only the edge columns can cut a wide character in two, which
                // `write` mends; inside, cells are set directly: the glyphs are
                // known narrow and safe, and this is some twenty times faster.
                if column == 0 || column == size.width - 1 {
                    buffer.write(String(character), x: x + column, y: y + row, role: .qrCode)
                } else {
                    buffer[x + column, y + row] = Cell(character: character, role: .qrCode)
                }
            }
        }
        return .drawn(frame)
    }
}
