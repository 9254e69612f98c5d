import Foundation
import PortalCore

/// Devices: every device the signed-in user enrolled, never anyone else's.
enum DevicesView {
    static let columns = [TableColumn("Name", weight: 4), TableColumn("Platform and model", weight: 5),
                          TableColumn("Compliance", width: 17)]

    static func view(_ state: PortalState, context: PortalContext, now: Date, layout: PortalLayout, buffer: inout CellBuffer) {
        let devices = state.myDevices
        buffer.write(" My devices (\(devices.count))", x: 0, y: layout.captionRow, role: .accent)
        let row = { (index: Int) -> [Span] in
            let device = devices[index]
            let evaluation = context.tenant.evaluate(device, for: state.user, now: now)
            return [Span(device.deviceName), Span("\(device.operatingSystem.displayName) \(device.osVersion) · \(device.model)", .dim),
                    evaluation.state.badge]
        }
        Table.draw(columns: columns, count: devices.count, row: row, state: state.deviceList, in: layout.table, buffer: &buffer,
                   emptyMessage: "No devices yet. Enroll a device to reach company resources.")
    }
}
