import Foundation
import PortalCore

/// One app: what it is, who publishes it, and its state on each device.
enum AppDetailView {
    /// Name, publisher and a blank line: the install block goes below them.
    static let headerLines = 3

    static func lines(_ entry: CatalogEntry, _ state: PortalState, context: PortalContext, width: Int) -> [StyledLine] {
        let app = entry.app
        var lines: [StyledLine] = [
            StyledLine(TextWidth.truncate(app.displayName, to: width), .title),
            StyledLine(TextWidth.truncate(app.publisher, to: width), .dim),
            .blank,
        ]
        lines += StyledLine.wrapped(app.description, width: width)
        lines.append(.blank)
        let fields: [(String, String)] = [
            ("Assignment", entry.intent == .required ? "Required by your organization" : "Available to install"),
            ("Version", app.version), ("Size", sizeText(app.sizeInBytes)),
            ("Category", entry.categoryNames.joined(separator: ", ")),
            ("Platforms", app.platforms.map(\.displayName).joined(separator: ", ")),
            ("Minimum OS", app.minimumSupportedOperatingSystem ?? ""),
            ("Published", context.date(app.createdDateTime)), ("Updated", context.date(app.lastModifiedDateTime)),
            ("Developer", app.developer), ("Owner", app.owner),
        ]
        for (label, value) in fields where !value.isEmpty {
            lines += DetailField.line(label, value, width: width)
        }
        if let url = app.informationUrl { lines += DetailField.line("More information", url, role: .link, width: width) }
        if let url = app.privacyInformationUrl { lines += DetailField.line("Privacy", url, role: .link, width: width) }
        if !app.notes.isEmpty { lines += DetailField.line("Notes", app.notes, width: width) }

        lines.append(.blank)
        lines.append(StyledLine("On your devices", .accent))
        let devices = state.myDevices.filter { app.platforms.contains($0.operatingSystem) }
        if devices.isEmpty {
            lines.append(StyledLine("None of your devices can run this app.", .dim))
        }
        for device in devices {
            lines += DetailField.line(device.deviceName, AppInstallView.status(entry, on: device, state, live: false), width: width)
        }
        return lines
    }

    /// "245 MB", "1.2 GB"
    static func sizeText(_ bytes: Int) -> String {
        let megabytes = Double(bytes) / 1_048_576
        if megabytes >= 1024 { return String(format: "%.1f GB", megabytes / 1024) }
        if megabytes >= 1 { return "\(Int(megabytes.rounded())) MB" }
        return "\(max(1, bytes / 1024)) KB"
    }
}
