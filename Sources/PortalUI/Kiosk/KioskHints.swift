import Foundation

/// The hint bar as a kiosk visitor should see it: the portal's, without the
/// Quit that does nothing here. Clicks on it press what it shows.
extension KioskApp {
    /// The screen's keys with every quit key taken out.
    static func visitorKeymap(_ session: AppState) -> Keymap {
        withoutExits(PortalApp.keymap(for: session))
    }

    /// Keys that work everywhere, as far as they work in a kiosk (redraw).
    static let visitorGlobal = withoutExits(Keymaps.global)

    private static func withoutExits(_ keymap: Keymap) -> Keymap {
        var kept = keymap
        kept.bindings = keymap.bindings.compactMap { binding in
            var binding = binding
            binding.keys = binding.keys.filter { !KioskApp.barredActions.contains($0.action) }
            return binding.keys.isEmpty ? nil : binding
        }
        return kept
    }

    /// Help as the kiosk has it: the screen underneath drawn again, then the
    /// keys that work here, without the ways out the kiosk ignores.
    static func visitorHelp(_ session: AppState, context: PortalContext) -> CellBuffer {
        let underneath = AppState(size: session.size, now: session.now, screen: session.screen)
        var buffer = PortalApp.view(underneath, context: context)
        Overlays.help(visitorKeymap(underneath), global: visitorGlobal, mouseEnabled: context.mouseEnabled, buffer: &buffer)
        Widgets.hintBar(Keymaps.helpOverlay.hints, y: buffer.size.height - 1, width: buffer.size.width, buffer: &buffer)
        return buffer
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
        return columns.firstIndex { $0?.contains(column) == true }.map { keymap.hintPresses[$0] }
    }
}
