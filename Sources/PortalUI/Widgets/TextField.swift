import Foundation

extension Widgets {
    /// Marks the side of a field where text scrolled out of view.
    static let hiddenBefore: Character = "‹"
    static let hiddenAfter: Character = "›"

    /// A one-line text field: the value (or dots for a secret) on an
    /// underlined field, with the cursor placed when focused. Text that does
    /// not fit scrolls so the cursor stays in view, and a "‹" or "›" at an
    /// edge says text is hidden there.
    public static func field(label: String, value: String, secret: Bool, focused: Bool, cursor: Int,
                             x: Int, y: Int, labelWidth: Int, fieldWidth: Int, buffer: inout CellBuffer) {
        buffer.write((focused ? "› " : "  ") + label, x: x - 2, y: y, role: focused ? .title : .text)
        // Brackets keep the field visible without color or underline.
        buffer.write("[", x: x + labelWidth - 1, y: y, role: .border)
        buffer.write("]", x: x + labelWidth + fieldWidth, y: y, role: .border)
        let start = x + labelWidth
        let role: Role = focused ? .fieldFocused : .field
        buffer.fill(Rect(x: start, y: y, width: fieldWidth, height: 1), character: " ", role: role)
        guard fieldWidth > 0 else { return }

        let characters: [Character] = secret ? Array(repeating: "•", count: value.count) : Array(value)
        var columns: [Int] = []
        columns.reserveCapacity(characters.count + 1)
        var total = 0
        for character in characters {
            columns.append(total)
            total += TextWidth.of(character)
        }
        columns.append(total)
        let cursorColumn = columns[min(max(0, cursor), characters.count)]

        // The window of text columns shown. When the text does not fit, the
        // cursor stays off the edges so the markers never cover it.
        var offset = 0
        if total >= fieldWidth && fieldWidth >= 3 {
            let rightmost = cursorColumn == total ? fieldWidth - 1 : fieldWidth - 2
            offset = max(0, cursorColumn - rightmost)
        }
        let hidesBefore = offset > 0
        let hidesAfter = fieldWidth >= 3 && total > offset + fieldWidth
        let first = offset + (hidesBefore ? 1 : 0)
        let last = offset + fieldWidth - (hidesAfter ? 1 : 0)
        for (index, character) in characters.enumerated() {
            let column = columns[index]
            if column >= last { break }
            guard column >= first, columns[index + 1] <= last else { continue }
            buffer.write(String(character), x: start + column - offset, y: y, role: role)
        }
        if hidesBefore { buffer.write(String(hiddenBefore), x: start, y: y, role: role) }
        if hidesAfter { buffer.write(String(hiddenAfter), x: start + fieldWidth - 1, y: y, role: role) }
        if focused { buffer.cursor = Point(x: start + min(cursorColumn - offset, fieldWidth - 1), y: y) }
    }
}
