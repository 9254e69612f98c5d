import Foundation
import PortalCore

/// Devices: every device the signed-in user enrolled, never anyone else's.
enum DevicesView {
    /// At 80 columns name, OS, compliance and last check-in fit; wider
    /// terminals add the model (from 100 columns) and ownership (from 110).
    /// The name starts wide enough for this device's mark beside a host
    /// name; the OS grows fastest, so "Red Hat Enterprise Linux 8.10" is
    /// whole at 132.
    static let columns = [
        TableColumn("Name", minimum: 24, maximum: 28, weight: 1, priority: 0),
        TableColumn("Operating system", minimum: 18, maximum: 29, weight: 2, priority: 1),
        TableColumn("Compliance", width: 17, priority: 0),
        // "59 min ago", "6 days ago" and a date fit; the title is the widest.
        TableColumn("Last check-in", width: 13, priority: 2),
        TableColumn("Manufacturer and model", minimum: 20, maximum: 44, weight: 1, priority: 3),
        TableColumn("Ownership", width: 9, priority: 4),
    ]

    static func view(_ state: PortalState, context: PortalContext, now: Date, layout: PortalLayout, buffer: inout CellBuffer) {
        let listing = state.deviceListing
        let rows = listing.rows
        buffer.write(TextWidth.truncate(caption(listing), to: layout.size.width), x: 0, y: layout.captionRow, role: .accent)
        let nameWidth = Table.widths(of: columns, available: layout.table.width - 4)[0] ?? 0
        let row = { (index: Int) -> [Span] in
            let row = rows[index]
            let device = row.device
            return [Span(name(row, width: nameWidth)), Span(row.operatingSystem, .dim), row.evaluation.state.badge,
                    Span(CheckInTime.text(device.lastSyncDateTime, now: now, timeZone: context.timeZone), .dim),
                    Span(row.makeAndModel, .dim), Span(device.managedDeviceOwnerType.label, .dim)]
        }
        let empty = listing.total == 0 ? "No devices yet. Press e to enroll a device and reach company resources."
            : listing.query.emptyReason
        Table.draw(columns: columns, count: rows.count, row: row, state: state.deviceList, in: layout.table, buffer: &buffer,
                   emptyMessage: empty)
        if rows.isEmpty, listing.total > 0 {
            buffer.write("Press Esc to show all of them, or p or f for another filter.", x: layout.table.x + 2, y: layout.table.y + 3, role: .dim)
        }
    }

    /// " My devices (4) · by name", or " 2 of 4 devices · Windows · by compliance · Esc shows all".
    static func caption(_ listing: DeviceListing) -> String {
        let order = "sorted by \(listing.query.sort.label)"
        guard let filter = listing.query.filterDescription else { return " My devices (\(listing.total)) · \(order)" }
        return " \(listing.rows.count) of \(Plural.count(listing.total, "device")) · \(filter) · \(order) · Esc shows all"
    }

    /// The name, and for the machine the portal runs on its mark, kept whole
    /// however short the column: the name gives way first.
    static func name(_ row: DeviceRow, width: Int) -> String {
        guard row.isThisDevice else { return row.device.deviceName }
        let mark = "  " + ThisDevice.mark
        let room = width - TextWidth.of(mark)
        guard room >= 4 else { return ThisDevice.mark }
        return TextWidth.truncate(row.device.deviceName, to: room) + mark
    }
}
