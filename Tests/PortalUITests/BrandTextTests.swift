import Foundation
import Testing
@testable import PortalUI

/// The organization's theme color under the header and focused buttons,
/// with black or white text picked by contrast, at every depth.
@Suite struct BrandTextTests {
    private static let contosoBlue: (UInt8, UInt8, UInt8) = (0x00, 0x78, 0xd4)
    private static let fabrikamGreen: (UInt8, UInt8, UInt8) = (0x2e, 0x7d, 0x32)
    private static let gold: (UInt8, UInt8, UInt8) = (0xff, 0xd7, 0x00)
    private static let mint: (UInt8, UInt8, UInt8) = (0x98, 0xff, 0x98)

    @Test func whiteOnDarkBrandsBlackOnLightOnes() {
        #expect(BrandText.prefersWhite(on: Self.contosoBlue))
        #expect(BrandText.prefersWhite(on: Self.fabrikamGreen))
        #expect(!BrandText.prefersWhite(on: Self.gold))
        #expect(!BrandText.prefersWhite(on: Self.mint))
        #expect(BrandText.prefersWhite(on: (0, 0, 0)))
        #expect(!BrandText.prefersWhite(on: (255, 255, 255)))
    }

    @Test func theChosenTextReadsAtAA() {
        for brand in [Self.contosoBlue, Self.fabrikamGreen, Self.gold, Self.mint, (128, 0, 128), (200, 200, 200)] {
            let text: (UInt8, UInt8, UInt8) = BrandText.prefersWhite(on: brand) ? (255, 255, 255) : (0, 0, 0)
            #expect(BrandText.contrast(text, brand) >= 4.5)
        }
    }

    @Test func theHeaderOnALightBrandTurnsBlackAtEveryDepth() throws {
        let theme = try ThemeCatalog.load("default")
        for depth in [ColorDepth.trueColor, .colors256, .colors16, .colors8] {
            let onGold = ResolvedTheme(theme, depth: depth, brand: Self.gold).style(for: .header)
            #expect(onGold.foreground == .index(0), "\(depth)")
            let onBlue = ResolvedTheme(theme, depth: depth, brand: Self.contosoBlue).style(for: .header)
            #expect(onBlue.foreground != .index(0), "\(depth)")
        }
    }

    @Test func theBrandIsDownsampledToTheTerminal() {
        let brand = ThemeColor.brand
        #expect(brand.resolved(depth: .trueColor, brand: Self.contosoBlue) == .rgb(0x0078d4))
        #expect(brand.resolved(depth: .colors256, brand: Self.contosoBlue) == .index(Palette.nearest256(0x00, 0x78, 0xd4)))
        // Blue stays blue at 16 and 8 colors; green stays green.
        #expect([.index(4), .index(12)].contains(brand.resolved(depth: .colors16, brand: Self.contosoBlue)))
        #expect(brand.resolved(depth: .colors8, brand: Self.contosoBlue) == .index(4))
        #expect(brand.resolved(depth: .colors8, brand: Self.fabrikamGreen) == .index(2))
        #expect(brand.resolved(depth: .none, brand: Self.contosoBlue) == .terminalDefault)
    }

    @Test func noColorAndMonochromeStayUncolored() throws {
        for theme in [try ThemeCatalog.load("default").withoutColor, try ThemeCatalog.load("monochrome")] {
            for depth in ColorDepth.allCases {
                let header = ResolvedTheme(theme, depth: depth, brand: Self.gold).style(for: .header)
                #expect(header.foreground == .terminalDefault && header.background == .terminalDefault, "\(depth)")
            }
        }
    }
}
