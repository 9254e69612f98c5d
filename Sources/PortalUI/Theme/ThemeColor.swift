import Foundation
import PortalCore

/// How many colors the terminal can show; themes are downsampled to it.
public enum ColorDepth: String, Sendable, CaseIterable {
    case trueColor, colors256, colors16, colors8, none

    /// From the number of colors curses reports.
    public init(colorCount: Int) {
        switch colorCount {
        case 0x1000000...: self = .trueColor
        case 256...: self = .colors256
        case 16...: self = .colors16
        case 8...: self = .colors8
        default: self = .none
        }
    }
}

/// A color as a theme file writes it: a name, a 0-255 index, `#rrggbb`, or
/// `brand` for the organization's theme color.
public enum ThemeColor: Equatable, Sendable {
    case terminalDefault
    case indexed(Int)
    case rgb(UInt8, UInt8, UInt8)
    case brand

    public static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "brightBlack": 8, "gray": 8, "grey": 8, "brightRed": 9, "brightGreen": 10, "brightYellow": 11,
        "brightBlue": 12, "brightMagenta": 13, "brightCyan": 14, "brightWhite": 15,
    ]

    public init?(parsing text: String) {
        if text == "default" { self = .terminalDefault; return }
        if text == "brand" { self = .brand; return }
        if let index = Self.names[text] { self = .indexed(index); return }
        if let index = Int(text), (0...255).contains(index) { self = .indexed(index); return }
        if let (r, g, b) = ColorText.rgb(text) { self = .rgb(r, g, b); return }
        return nil
    }
}

/// A color the backend can show at its depth.
public enum ResolvedColor: Equatable, Hashable, Sendable {
    case terminalDefault
    /// A palette index valid for the depth (0-7, 0-15 or 0-255).
    case index(Int)
    /// 24-bit color, only at true-color depth.
    case rgb(UInt32)
}

extension ThemeColor {
    /// The red, green and blue this color stands for, or nil for the terminal's default.
    func components(brand: (UInt8, UInt8, UInt8)) -> (UInt8, UInt8, UInt8)? {
        switch self {
        case .terminalDefault: nil
        case .brand: brand
        case let .indexed(index): Palette.rgb(ofIndex: index)
        case let .rgb(r, g, b): (r, g, b)
        }
    }

    public func resolved(depth: ColorDepth, brand: (UInt8, UInt8, UInt8)) -> ResolvedColor {
        switch self {
        case .terminalDefault:
            return .terminalDefault
        case .brand:
            return ThemeColor.rgb(brand.0, brand.1, brand.2).resolved(depth: depth, brand: brand)
        case let .indexed(index):
            if index < Palette.count(for: depth) { return .index(index) }
            let (r, g, b) = Palette.rgb(ofIndex: index)
            return ThemeColor.rgb(r, g, b).resolved(depth: depth, brand: brand)
        case let .rgb(r, g, b):
            switch depth {
            case .trueColor: return .rgb(UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b))
            case .colors256: return .index(Palette.nearest256(r, g, b))
            case .colors16: return .index(Palette.nearestOfSameHue(r, g, b, among: 16))
            case .colors8: return .index(Palette.nearestOfSameHue(r, g, b, among: 8))
            case .none: return .terminalDefault
            }
        }
    }
}

/// The xterm palette, used to downsample.
enum Palette {
    static func count(for depth: ColorDepth) -> Int {
        switch depth {
        case .trueColor, .colors256: 256
        case .colors16: 16
        case .colors8: 8
        case .none: 0
        }
    }

    private static let ansi: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    static func rgb(ofIndex index: Int) -> (UInt8, UInt8, UInt8) {
        switch index {
        case 0..<16: return ansi[index]
        case 16..<232:
            let value = index - 16
            return (UInt8(cubeLevels[value / 36]), UInt8(cubeLevels[value / 6 % 6]), UInt8(cubeLevels[value % 6]))
        default:
            let level = UInt8(8 + (index - 232) * 10)
            return (level, level, level)
        }
    }

    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        func cubeIndex(_ value: UInt8) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - Int(value)) < abs(cubeLevels[$1] - Int(value)) } ?? 0
        }
        let cube = 16 + 36 * cubeIndex(r) + 6 * cubeIndex(g) + cubeIndex(b)
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let gray = 232 + min(23, max(0, (average - 8 + 5) / 10))
        return distance(rgb(ofIndex: cube), (r, g, b)) <= distance(rgb(ofIndex: gray), (r, g, b)) ? cube : gray
    }

    static func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8, among candidates: [Int]) -> Int {
        candidates.min { distance(ansi[$0], (r, g, b)) < distance(ansi[$1], (r, g, b)) } ?? 7
    }

    /// The hue family of a color, as the index of its ANSI color (1 red to
    /// 6 cyan), or nil for a grey. Nearest-by-distance alone turns grey into
    /// cyan and a brand blue into cyan at 8 colors; a family never changes.
    static func hueFamily(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int? {
        let red = Double(r), green = Double(g), blue = Double(b)
        let high = max(red, green, blue), chroma = high - min(red, green, blue)
        guard chroma >= 40 else { return nil }
        var hue: Double
        if high == red { hue = 60 * ((green - blue) / chroma).truncatingRemainder(dividingBy: 6) }
        else if high == green { hue = 60 * ((blue - red) / chroma + 2) }
        else { hue = 60 * ((red - green) / chroma + 4) }
        if hue < 0 { hue += 360 }
        switch hue {
        case ..<20, 330...: return 1
        case ..<75: return 3
        case ..<165: return 2
        case ..<195: return 6
        case ..<270: return 4
        default: return 5
        }
    }

    /// Black or white text on a palette background, whichever reads: a light
    /// blue background becomes plain blue at 8 colors, where black text on it
    /// would vanish. Colored text keeps its hue.
    static func legible(_ foreground: ResolvedColor, on background: ResolvedColor) -> ResolvedColor {
        guard case let .index(text) = foreground, [0, 7, 15].contains(text), case let .index(back) = background, back < 16 else {
            return foreground
        }
        let white = text == 0 ? 7 : text
        return abs(luminance(ofIndex: 0) - luminance(ofIndex: back)) >= abs(luminance(ofIndex: white) - luminance(ofIndex: back))
            ? .index(0) : .index(white)
    }

    private static func luminance(ofIndex index: Int) -> Double {
        let (r, g, b) = ansi[index]
        return (0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)) / 255
    }

    /// How light a color is, 0 (black) to 1 (white).
    static func lightness(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Double {
        (Double(max(r, g, b)) + Double(min(r, g, b))) / 510
    }

    /// At 8 or 16 colors: a color of the same hue family, the normal or bright
    /// one that is nearer; greys go to black or white (and at 16 to the greys).
    static func nearestOfSameHue(_ r: UInt8, _ g: UInt8, _ b: UInt8, among count: Int) -> Int {
        guard let family = hueFamily(r, g, b) else {
            return count >= 16 ? nearest(r, g, b, among: [0, 8, 7, 15]) : (lightness(r, g, b) < 0.5 ? 0 : 7)
        }
        return count >= 16 ? nearest(r, g, b, among: [family, family + 8]) : family
    }

    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
