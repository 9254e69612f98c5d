import Foundation

extension Widgets {
    /// A button; focus shows as brackets and the focused role, never color alone.
    public static func button(_ label: String, focused: Bool, x: Int, y: Int, buffer: inout CellBuffer) -> Rect {
        let text = focused ? "[ \(label) ]" : "  \(label)  "
        buffer.write(text, x: x, y: y, role: focused ? .buttonFocused : .button)
        return Rect(x: x, y: y, width: TextWidth.of(text), height: 1)
    }
}
