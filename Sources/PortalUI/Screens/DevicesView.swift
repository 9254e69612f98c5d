import Foundation
import PortalCore

/// Devices: every device the signed-in user enrolled, never anyone else's.
enum DevicesView {
    /// At 80 columns the first three fit; wider terminals add the rest
    /// (last check-in from 93 columns, ownership from 103).
    static let columns = [
        TableColumn("Name", minimum: 18, maximum: 40, weight: 3, priority: 0),
        TableColumn("Platform and model", minimum: 37, maximum: 56, weight: 5, priority: 2),
        TableColumn("Compliance", width: 17, priority: 1),
        // "59 minutes ago" is the longest one-unit phrase.
        TableColumn("Last check-in", width: 14, priority: 3),
        TableColumn("Ownership", width: 9, priority: 4),
    ]

    static func view(_ state: PortalState, context: PortalContext, now: Date, layout: PortalLayout, buffer: inout CellBuffer) {
        let devices = state.myDevices
        buffer.write(" My devices (\(devices.count))", x: 0, y: layout.captionRow, role: .accent)
        let row = { (index: Int) -> [Span] in
            let device = devices[index]
            let evaluation = state.data.evaluate(device, now: now)
            return [Span(device.deviceName), Span("\(device.operatingSystem.displayName) \(device.osVersion) · \(device.model)", .dim),
                    evaluation.state.badge,
                    Span(device.lastSyncDateTime.map { PortalContext.relative($0, now: now, precise: false).replacingOccurrences(of: PortalContext.noBreakSpace, with: " ") } ?? "Never", .dim),
                    Span(device.managedDeviceOwnerType.label, .dim)]
        }
        Table.draw(columns: columns, count: devices.count, row: row, state: state.deviceList, in: layout.table, buffer: &buffer,
                   emptyMessage: "No devices yet. Press e to enroll a device and reach company resources.")
    }
}
