import Foundation

/// "Label            value" rows of the detail views, wrapped under the value.
enum DetailField {
    static let labelWidth = 20

    static func line(_ label: String, _ value: String, role: Role = .text, width: Int, labelWidth: Int = labelWidth) -> [StyledLine] {
        StyledLine.wrapped(value.isEmpty ? "—" : value, role: role, width: width, indent: labelWidth,
                           firstPrefix: [Span(TextWidth.pad(label, to: labelWidth), .dim)])
    }

    static func line(_ label: String, _ value: Span, width: Int) -> [StyledLine] {
        line(label, value.text, role: value.role, width: width)
    }
}
