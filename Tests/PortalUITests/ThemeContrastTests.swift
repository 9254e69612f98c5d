import Foundation
import Testing
@testable import PortalUI

/// Selection, focus and status stay visible whatever the terminal can show:
/// without colors (NO_COLOR), and at 256, 16 or 8 colors.
@Suite("Theme contrast")
struct ThemeContrastTests {
    private let brand: (UInt8, UInt8, UInt8) = (0, 120, 212)
    private static let depths: [ColorDepth] = [.trueColor, .colors256, .colors16, .colors8, .none]

    @Test(arguments: ThemeCatalog.builtInNames)
    func noColorShowsSelectionAndFocusByAttribute(_ name: String) throws {
        let theme = try ThemeCatalog.load(name).withoutColor
        for role in [Role.selection, .fieldFocused, .buttonFocused] {
            #expect(theme.style(for: role).attributes.contains(.reverse), "\(name): \(role) is not reversed without color")
        }
        for emphasis in RoleContrast.emphases {
            let focused = theme.style(for: emphasis.role).attributes, plain = theme.style(for: emphasis.plain).attributes
            #expect(!focused.subtracting(plain).isDisjoint(with: RoleContrast.visibleAttributes),
                    "\(name): \(emphasis.role) has no attribute that \(emphasis.plain) lacks")
            #expect(!plain.contains(.reverse), "\(name): \(emphasis.plain) is reversed, so focus looks inverted")
        }
    }

    @Test(arguments: ThemeCatalog.builtInNames)
    func everyThemeMarksFocusByAttributeAsWellAsColor(_ name: String) throws {
        let theme = try ThemeCatalog.load(name)
        for emphasis in RoleContrast.emphases {
            let focused = theme.style(for: emphasis.role).attributes, plain = theme.style(for: emphasis.plain).attributes
            #expect(!focused.subtracting(plain).isDisjoint(with: RoleContrast.visibleAttributes),
                    "\(name): \(emphasis.role) differs from \(emphasis.plain) by color only")
        }
    }

    @Test func themeFilesWithColorOnlyFocusGetAnAttribute() throws {
        let data = Data(#"{"name":"x","roles":{"text":{},"selection":{"bg":"blue"},"field":{"attributes":["underline"]},"fieldFocused":{"attributes":["underline"],"bg":"cyan"}}}"#.utf8)
        let theme = try Theme.parse(data, source: "x.json")
        #expect(theme.style(for: .selection).attributes == [.bold])
        #expect(theme.style(for: .fieldFocused).attributes == [.underline, .bold])
    }

    @Test func onlyANonEmptyNoColorTurnsColorsOff() {
        #expect(NoColor.isRequested(in: ["NO_COLOR": "1"]))
        #expect(NoColor.isRequested(in: ["NO_COLOR": "0"]))
        #expect(!NoColor.isRequested(in: ["NO_COLOR": ""]))
        #expect(!NoColor.isRequested(in: [:]))
    }

    @Test func eightColorsKeepHueFamilies() {
        // Greys go to black or white, never to a hue.
        let grey = RoleStyle(foreground: .rgb(128, 128, 128)).resolved(depth: .colors8, brand: brand)
        #expect(grey == ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: .dim))
        let brightBlack = RoleStyle(foreground: .indexed(8), background: .rgb(0x1C, 0x1C, 0x1C)).resolved(depth: .colors8, brand: brand)
        #expect(brightBlack == ResolvedStyle(foreground: .index(7), background: .index(0), attributes: .dim))
        let onWhite = RoleStyle(foreground: .rgb(0x6C, 0x6C, 0x6C), background: .rgb(255, 255, 255)).resolved(depth: .colors8, brand: brand)
        #expect(onWhite == ResolvedStyle(foreground: .index(0), background: .index(7), attributes: .dim))
        #expect(ThemeColor.rgb(0xD0, 0xD0, 0xD0).resolved(depth: .colors8, brand: brand) == .index(7))
        #expect(ThemeColor.rgb(0x30, 0x30, 0x30).resolved(depth: .colors8, brand: brand) == .index(0))
        // Blues stay blue: the brand, a dark teal-blue and a light sky blue.
        #expect(ThemeColor.brand.resolved(depth: .colors8, brand: brand) == .index(4))
        #expect(ThemeColor.rgb(0x00, 0x5F, 0x87).resolved(depth: .colors8, brand: brand) == .index(4))
        #expect(ThemeColor.rgb(0xAF, 0xD7, 0xFF).resolved(depth: .colors8, brand: brand) == .index(4))
        #expect([.index(4), .index(12)].contains(ThemeColor.brand.resolved(depth: .colors16, brand: brand)))
        // Orange and amber are yellows; greys at 16 colors use the palette's greys.
        #expect(ThemeColor.rgb(0xAF, 0x5F, 0x00).resolved(depth: .colors8, brand: brand) == .index(3))
        #expect(ThemeColor.rgb(128, 128, 128).resolved(depth: .colors16, brand: brand) == .index(8))
    }

    @Test func brandHeaderAndSelectionStayApartAtEightColors() throws {
        let resolved = ResolvedTheme(try ThemeCatalog.load("default"), depth: .colors8, brand: brand)
        #expect(resolved.style(for: .header).background != resolved.style(for: .selection).background)
    }

    /// Every built-in theme at every depth: roles the theme tells apart stay
    /// apart, and focus and selection always differ from their plain roles.
    @Test(arguments: ThemeCatalog.builtInNames)
    func rolesThatMustDifferStayApartAtEveryDepth(_ name: String) throws {
        let theme = try ThemeCatalog.load(name)
        var cases = Self.depths.map { (theme, $0, "\($0)") }
        cases.append((theme.withoutColor, .none, "NO_COLOR"))
        for (theme, depth, label) in cases {
            let intended = ResolvedTheme(theme, depth: .trueColor, brand: brand)
            let resolved = ResolvedTheme(theme, depth: depth, brand: brand)
            for (first, second) in RoleContrast.distinctPairs {
                let mustDiffer = RoleContrast.emphases.contains { $0.plain == first && $0.role == second }
                    || intended.style(for: first).look != intended.style(for: second).look
                guard mustDiffer else { continue }
                #expect(resolved.style(for: first).look != resolved.style(for: second).look,
                        "\(name) at \(label): \(first) and \(second) look the same: \(resolved.style(for: first))")
            }
        }
    }

    /// The built-in themes need no rescue: downsampling alone keeps them apart.
    @Test(arguments: ThemeCatalog.builtInNames)
    func builtInThemesDownsampleWithoutCollisions(_ name: String) throws {
        let theme = try ThemeCatalog.load(name)
        for depth in Self.depths where depth != .none {
            let resolved = ResolvedTheme(theme, depth: depth, brand: brand)
            for role in Role.allCases {
                #expect(resolved.style(for: role) == theme.style(for: role).resolved(depth: depth, brand: brand),
                        "\(name) at \(depth): \(role) needed an attribute to stay apart")
            }
        }
    }

    @Test func downsamplingThatMergesStatusesAddsAnAttribute() throws {
        let data = Data(##"{"name":"x","roles":{"text":{},"noncompliant":{"fg":"#ff0000"},"inGracePeriod":{"fg":"#ff5f5f"}}}"##.utf8)
        let theme = try Theme.parse(data, source: "x.json")
        let resolved = ResolvedTheme(theme, depth: .colors8, brand: brand)
        #expect(resolved.style(for: .noncompliant).foreground == resolved.style(for: .inGracePeriod).foreground)
        #expect(resolved.style(for: .noncompliant).look != resolved.style(for: .inGracePeriod).look)
    }
}

@Suite("ASCII fallback")
struct ASCIIFallbackTests {
    @Test func glyphsBecomeASCIIOfTheSameWidth() {
        #expect(ASCIIFallback.text("✓ Compliant") == "+ Compliant")
        #expect(ASCIIFallback.text("✗ Not compliant") == "x Not compliant")
        #expect(ASCIIFallback.text("› Signing in…") == "> Signing in.")
        #expect(ASCIIFallback.text("•••• — ·") == "**** - .")
        #expect(ASCIIFallback.text("↑↓") == "^v")
    }

    @Test func namesStayReadable() {
        #expect(ASCIIFallback.text("Zoë Ångström") == "Zoe Angstrom")
        #expect(ASCIIFallback.text("Renée Müller-Øberg") == "Renee Muller-Oberg")
        #expect(ASCIIFallback.text("e\u{301}") == "e")
    }

    @Test func charactersWithoutASCIIKeepTheirWidth() {
        #expect(ASCIIFallback.text("山田 花子") == "???? ????")
        #expect(TextWidth.of(ASCIIFallback.text("山田 花子")) == TextWidth.of("山田 花子"))
        #expect(ASCIIFallback.glyph(for: "🙂") == .text("??"))
    }

    @Test func bordersAndScrollBarUseLineDrawing() {
        #expect(ASCIIFallback.glyph(for: "─") == .lineDrawing("q"))
        #expect(ASCIIFallback.glyph(for: "│") == .lineDrawing("x"))
        #expect(ASCIIFallback.glyph(for: "┌") == .lineDrawing("l"))
        #expect(ASCIIFallback.glyph(for: "┘") == .lineDrawing("j"))
        #expect(ASCIIFallback.glyph(for: "█") == .lineDrawing("0"))
        #expect(ASCIIFallback.glyph(for: "a") == .text("a"))
    }
}

@Suite("Legible downsampling")
struct LegibleDownsamplingTests {
    private let brand: (UInt8, UInt8, UInt8) = (0, 120, 212)

    @Test func blackOrWhiteTextFollowsItsDownsampledBackground() {
        // Light blue becomes blue at 8 colors: black text on it turns white.
        let onLightBlue = RoleStyle(foreground: .rgb(0, 0, 0), background: .rgb(0xAF, 0xD7, 0xFF)).resolved(depth: .colors8, brand: brand)
        #expect(onLightBlue.foreground == .index(7) && onLightBlue.background == .index(4))
        // Dark teal becomes cyan: white text on it turns black.
        let onTeal = RoleStyle(foreground: .rgb(255, 255, 255), background: .rgb(0, 0x5F, 0x5F)).resolved(depth: .colors8, brand: brand)
        #expect(onTeal.foreground == .index(0) && onTeal.background == .index(6))
        // Colored text keeps its hue, and true color is left alone.
        let yellow = RoleStyle(foreground: .indexed(3), background: .indexed(7)).resolved(depth: .colors8, brand: brand)
        #expect(yellow.foreground == .index(3))
        let exact = RoleStyle(foreground: .rgb(255, 255, 255), background: .rgb(0, 0x5F, 0x5F)).resolved(depth: .trueColor, brand: brand)
        #expect(exact.foreground == .rgb(0xFFFFFF))
    }
}
