import Foundation

/// Text on the organization's theme color: black or white, whichever reads,
/// as the Intune Company Portal picks it. A theme writes white on `brand`;
/// an organization with a yellow brand gets black instead.
enum BrandText {
    /// WCAG's AA contrast for text: white is kept while it reaches this, so
    /// a mid blue such as #0078d4 keeps the white the Company Portal shows.
    static let minimumContrast = 4.5

    /// The foreground to draw on `background`: unchanged unless the
    /// background is the brand and the text is black, white or a grey.
    static func readable(_ foreground: ThemeColor, on background: ThemeColor, brand: (UInt8, UInt8, UInt8)) -> ThemeColor {
        guard background == .brand, foreground != .brand, let (r, g, b) = foreground.components(brand: brand),
              Palette.hueFamily(r, g, b) == nil else { return foreground }
        // The theme's own black or white stays when it is the right one, so
        // its exact shade (and every golden drawn with it) holds.
        let isLight = Palette.lightness(r, g, b) >= 0.5
        switch (prefersWhite(on: brand), isLight) {
        case (true, true), (false, false): return foreground
        case (true, false): return .indexed(15)
        case (false, true): return .indexed(0)
        }
    }

    static func prefersWhite(on color: (UInt8, UInt8, UInt8)) -> Bool {
        let luminance = relativeLuminance(color)
        let white = 1.05 / (luminance + 0.05), black = (luminance + 0.05) / 0.05
        return white >= minimumContrast || white >= black
    }

    /// WCAG 2's relative luminance of an sRGB color, 0 (black) to 1 (white).
    static func relativeLuminance(_ color: (UInt8, UInt8, UInt8)) -> Double {
        func linear(_ value: UInt8) -> Double {
            let c = Double(value) / 255
            return c <= 0.039_28 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(color.0) + 0.7152 * linear(color.1) + 0.0722 * linear(color.2)
    }

    /// The contrast ratio of two colors, 1 to 21.
    static func contrast(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Double {
        let la = relativeLuminance(a), lb = relativeLuminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}
