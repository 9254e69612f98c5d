import Foundation

extension Widgets {
    /// Said once, on the sign-in screen, when the locale cannot show Unicode:
    /// why names and symbols look plain, and the setting that fixes it.
    static func localeNotice(_ context: PortalContext, y: Int, buffer: inout CellBuffer) {
        guard !context.localeIsUTF8 else { return }
        let text = "The locale is not UTF-8, so text is shown in ASCII. Start with LC_ALL=C.UTF-8."
        buffer.write(TextWidth.truncate(text, to: buffer.size.width - 2), x: 1, y: y, role: .warning)
    }
}
