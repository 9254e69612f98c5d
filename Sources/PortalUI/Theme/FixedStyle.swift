import Foundation

/// Roles whose look is content, not decoration, so a theme cannot restyle
/// them freely: a QR code is read by a phone only as dark modules on a light
/// ground.
enum FixedStyle {
    /// Black ink on white: the widest contrast at every colour depth (at 256
    /// colours these are cube colours 16 and 231, which terminal colour
    /// schemes leave alone, unlike the 16 base colours).
    static let qrCode = RoleStyle(foreground: .rgb(0, 0, 0), background: .rgb(255, 255, 255))

    /// Without colours the ink takes the terminal's background colour and
    /// the ground its text colour: dark on light on a dark-background
    /// terminal, the common case (see QRCodeView).
    static let qrCodeWithoutColor = RoleStyle(attributes: .reverse)

    /// Why a theme's QR code style cannot be scanned, or nil when it can: a
    /// foreground clearly darker than its background and no attribute (bold
    /// lightens black on many terminals, reverse swaps the two), or the
    /// colourless reverse style.
    static func problem(withQRCode style: RoleStyle) -> String? {
        if style == qrCodeWithoutColor { return nil }
        let expected = "a QR code needs a dark fg on a light bg (such as #000000 on #ffffff) and no attributes, or no colors and the reverse attribute alone"
        guard style.attributes.isEmpty,
              let (fr, fg, fb) = fixedComponents(style.foreground),
              let (br, bg, bb) = fixedComponents(style.background),
              Palette.lightness(br, bg, bb) - Palette.lightness(fr, fg, fb) >= 0.5 else { return expected }
        return nil
    }

    /// The colour's components, when it is the same whatever the organization
    /// (not the terminal's default, not the brand colour).
    private static func fixedComponents(_ color: ThemeColor) -> (UInt8, UInt8, UInt8)? {
        switch color {
        case .terminalDefault, .brand: nil
        default: color.components(brand: (0, 0, 0))
        }
    }
}
