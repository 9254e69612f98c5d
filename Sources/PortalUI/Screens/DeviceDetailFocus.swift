import Foundation
import PortalCore

/// Which failing setting of a device's detail is chosen, so Enter opens its
/// "How to resolve this"; and where the detail was scrolled, so Esc from the
/// steps comes back to the same place.
public struct DeviceDetailFocus: Equatable, Sendable {
    /// The device the choice belongs to; another device starts at its first setting.
    public var deviceId: String?
    public var selected = 0
    public var savedScroll = ScrollState()

    public init(deviceId: String? = nil, selected: Int = 0, savedScroll: ScrollState = ScrollState()) {
        self.deviceId = deviceId
        self.selected = selected
        self.savedScroll = savedScroll
    }

    func selected(for deviceId: String) -> Int { self.deviceId == deviceId ? selected : 0 }

    /// The lines of the laid-out detail that start a setting with something
    /// to resolve (failed or not reported), in order.
    static func settingRows(_ lines: [StyledLine]) -> [Int] {
        lines.indices.filter { index in
            lines[index].spans.contains { $0.text.hasPrefix("✗ Fail") || $0.text.hasPrefix("? Not reported") }
        }
    }

    /// The device detail's keys: those of any detail, plus choosing a
    /// setting and opening its steps; the sections keep their keys but leave
    /// the hint bar to these.
    static let deviceKeymap = Keymap(Keymaps.detail.bindings.prefix(3) + [
        KeyBinding([.enter], .open, help: "How to resolve the chosen setting", hint: "Resolve"),
        KeyBinding([(.character("n"), .nextSetting), (.character("p"), .previousSetting)],
                   help: "Choose the next or previous setting to resolve", hint: "Setting", hintKeys: "n/p"),
    ] + Keymaps.detail.bindings.dropFirst(3).map { binding in
        var binding = binding
        if binding.keys.contains(where: { [.nextSection, .goHome].contains($0.action) }) { binding.hint = nil }
        return binding
    }, mouse: Keymaps.detail.mouse)

    /// "How to resolve this": Esc goes back to the device.
    static let resolutionKeymap = Keymap(Keymaps.detail.bindings.map { binding in
        var binding = binding
        if binding.keys.contains(where: { $0.action == .back }) { binding.help = "Back to the device" }
        return binding
    }, mouse: Keymaps.detail.mouse)

    /// A device with nothing to resolve keeps the plain detail keys; the
    /// laid-out lines say so without evaluating again.
    static func keymap(_ detail: PortalState.Detail, _ state: PortalState) -> Keymap {
        switch detail {
        case .device:
            if let lines = state.detailDocument?.lines, settingRows(lines).isEmpty { Keymaps.detail } else { deviceKeymap }
        case .resolution: resolutionKeymap
        case .app, .notification: Keymaps.detail
        }
    }

    /// Handles the keys that choose, open and leave a setting's steps; nil
    /// for every other key and detail.
    static func handle(_ action: Action, _ state: inout PortalState, context: PortalContext, layout: PortalLayout, now: Date) -> [Effect]? {
        switch (state.detail, action) {
        case let (.device(id)?, .open):
            let lines = PortalScreen.shownDetailLines(state, context: context, width: layout.size.width - 3, now: now)
            guard let device = state.myDevices.first(where: { $0.id == id }) else { return [] }
            let open = resolvable(device, state.data, now: now)
            let index = state.deviceFocus.selected(for: id)
            guard open.indices.contains(index), settingRows(lines).count == open.count else { return [] }
            state.deviceFocus = DeviceDetailFocus(deviceId: id, selected: index, savedScroll: state.detailScroll)
            state.detail = .resolution(deviceId: id, policyId: open[index].policyId, setting: open[index].setting)
            state.detailScroll = ScrollState()
            return []
        case let (.device(id)?, .nextSetting), let (.device(id)?, .previousSetting):
            let lines = PortalScreen.shownDetailLines(state, context: context, width: layout.size.width - 3, now: now)
            let rows = settingRows(lines)
            guard !rows.isEmpty else { return [] }
            let step = action == .nextSetting ? 1 : -1
            let index = min(max(0, state.deviceFocus.selected(for: id) + step), rows.count - 1)
            state.deviceFocus.deviceId = id
            state.deviceFocus.selected = index
            // Scroll so the chosen setting and its next lines (what is
            // expected, how to resolve it) are seen.
            let visible = layout.content.height
            var offset = state.detailScroll.offset
            if rows[index] < offset { offset = rows[index] }
            if rows[index] + 3 >= offset + visible { offset = rows[index] + 4 - visible }
            state.detailScroll.offset = offset
            state.detailScroll.clamp(lines: lines.count, visible: visible)
            return []
        case let (.resolution(deviceId, _, _)?, .back):
            state.detail = .device(id: deviceId)
            state.detailScroll = state.deviceFocus.savedScroll
            return []
        default:
            return nil
        }
    }

    /// The settings the detail lists with something to resolve, in its order.
    static func resolvable(_ device: ManagedDevice, _ data: UserPortalData, now: Date) -> [SettingResult] {
        let results = data.evaluate(device, now: now).results
        return results.filter { $0.outcome == .fail } + results.filter { $0.outcome == .notReported }
    }

    /// Marks the chosen setting in the detail's free first column: a glyph,
    /// not color alone.
    static func drawMarker(_ state: PortalState, lines: [StyledLine], in rect: Rect, buffer: inout CellBuffer) {
        guard case let .device(id)? = state.detail else { return }
        let rows = settingRows(lines)
        let index = state.deviceFocus.selected(for: id)
        guard rows.indices.contains(index) else { return }
        let row = rows[index] - state.detailScroll.offset
        guard row >= 0, row < rect.height else { return }
        _ = buffer.write("›", x: rect.x, y: rect.y + row, role: .selection)
    }
}
