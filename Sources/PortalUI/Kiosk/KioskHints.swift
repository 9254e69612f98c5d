import Foundation

/// The hint bar as a kiosk visitor should see it: the portal's, without the
/// Quit that does nothing here. Clicks on it press what it shows.
extension KioskApp {
    /// The screen's keys with every quit key taken out.
    static func visitorKeymap(_ session: AppState) -> Keymap {
        var keymap = PortalApp.keymap(for: session)
        keymap.bindings = keymap.bindings.compactMap { binding in
            var kept = binding
            kept.keys = binding.keys.filter { $0.action != .quit && $0.action != .quitNow }
            return kept.keys.isEmpty ? nil : kept
        }
        return keymap
    }

    /// Redraws the bottom row when it is the portal's hint bar, leaving any other row alone.
    static func replaceHintBar(_ buffer: inout CellBuffer, session: AppState) {
        let y = buffer.size.height - 1
        var portal = CellBuffer(size: Size(width: buffer.size.width, height: 1))
        Widgets.hintBar(PortalApp.keymap(for: session).hints, y: 0, width: buffer.size.width, buffer: &portal)
        guard buffer.row(y) == portal.row(0) else { return }
        Widgets.hintBar(visitorKeymap(session).hints, y: y, width: buffer.size.width, buffer: &buffer)
    }

    /// The key of the kiosk's hint under a click on the bottom row.
    static func hintKey(at column: Int, _ session: AppState) -> Key? {
        let keymap = visitorKeymap(session)
        let columns = Widgets.hintColumns(keymap.hints, width: session.size.width)
        return columns.firstIndex { $0.contains(column) }.map { keymap.hintPresses[$0] }
    }
}
