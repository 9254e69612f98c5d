import Foundation
import PortalCore

/// The Devices list and a device's detail as plain text, for `portal
/// devices` and `portal device show`: the same rows and lines the terminal
/// draws, without roles.
public enum DeviceReport {
    /// The list's table: every column, each as wide as its widest cell.
    public static func table(_ rows: [DeviceRow], timeZone: TimeZone, now: Date) -> [String] {
        let titles = DevicesView.columns.map(\.title)
        let cells = rows.map { row -> [String] in
            let name = row.isThisDevice ? "\(row.device.deviceName)  \(ThisDevice.mark)" : row.device.deviceName
            return [name, row.operatingSystem, row.evaluation.state.badge.text,
                    CheckInTime.text(row.device.lastSyncDateTime, now: now, timeZone: timeZone),
                    row.makeAndModel, row.device.managedDeviceOwnerType.label]
        }
        let widths = titles.indices.map { column in ([titles[column]] + cells.map { $0[column] }).map(TextWidth.of).max() ?? 0 }
        func line(_ values: [String]) -> String {
            values.enumerated().map { index, value in
                index == values.count - 1 ? value : TextWidth.pad(value, to: widths[index])
            }.joined(separator: "  ")
        }
        return [line(titles)] + cells.map(line)
    }

    /// The device's detail as the terminal shows it at `width` columns.
    public static func detail(_ device: ManagedDevice, data: UserPortalData, tenant: Tenant, timeZone: TimeZone,
                              width: Int, now: Date) -> [String] {
        let context = PortalContext(tenant: tenant, timeZone: timeZone)
        return DeviceDetailView.lines(device, data: data, context: context, width: width, now: now).map { line in
            line.spans.map(\.text).joined().replacingOccurrences(of: PortalContext.noBreakSpace, with: " ")
        }
    }
}
