import Foundation

/// How a walkthrough's step text is set at one width: paragraphs and
/// bulleted lists, the same in every wizard.
struct WizardPage {
    let width: Int

    func para(_ text: String, _ role: Role = .text) -> [StyledLine] { StyledLine.wrapped(text, role: role, width: width) }

    func bullets(_ items: [String]) -> [StyledLine] {
        items.flatMap { StyledLine.wrapped($0, width: width, indent: 4, firstPrefix: [Span("  • ")]) }
    }
}
