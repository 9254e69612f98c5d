import Foundation
import PortalCore

/// Apps: the catalog the signed-in user's groups are assigned, for one of
/// their devices or all platforms. Only the visible rows are drawn.
enum AppsView {
    /// At 80 columns Name, Publisher, Category and Assignment fit; wider
    /// terminals add Version and Size.
    static let columns = [
        TableColumn("Name", minimum: 24, maximum: 48, weight: 1, priority: 0),
        TableColumn("Publisher", minimum: 18, maximum: 32, weight: 2, priority: 3),
        TableColumn("Category", width: 16, priority: 2),
        TableColumn("Assignment", width: 10, priority: 1),
        TableColumn("Version", minimum: 8, maximum: 16, weight: 1, priority: 4),
        TableColumn("Size", width: 8, priority: 5),
    ]

    /// With a device chosen, its install state comes second: it is what the
    /// user came to see or is waiting for.
    static let deviceColumns = [
        TableColumn("Name", minimum: 22, maximum: 48, weight: 1, priority: 0),
        TableColumn("Status", width: 17, priority: 1),
        TableColumn("Publisher", minimum: 18, maximum: 32, weight: 2, priority: 4),
        TableColumn("Category", width: 16, priority: 3),
        TableColumn("Assignment", width: 10, priority: 2),
        TableColumn("Version", minimum: 8, maximum: 16, weight: 1, priority: 5),
        TableColumn("Size", width: 8, priority: 6),
    ]

    static func columns(device: ManagedDevice?) -> [TableColumn] { device == nil ? columns : deviceColumns }

    static func view(_ state: PortalState, context: PortalContext, layout: PortalLayout, buffer: inout CellBuffer) {
        let listing = state.appListing
        let entries = listing.catalog?.value.entries ?? []
        let rows = listing.rows
        let device = listing.deviceIndex.flatMap { state.myDevices.indices.contains($0) ? state.myDevices[$0] : nil }
        let category = listing.query.category.flatMap { id in AppsScreen.categories(state).first { $0.id == id }?.displayName } ?? "All apps"
        var left = " Apps for: " + (device?.deviceName ?? "All platforms") + " · \(category) (\(listing.filteredTotal))"
        // While searching the query comes first: it is what the user watches.
        if listing.isTyping || !listing.searchText.isEmpty {
            left = " Search: " + listing.searchText + (listing.isTyping ? "▏" : "") + "  in" + left.dropFirst(10)
        }
        var filters: [String] = []
        if let availability = listing.query.availability { filters.append(availability.label) }
        if let installState = listing.query.installState { filters.append(installState.label) }
        let count = "\(rows.count) of \(listing.scopeTotal) apps "
        let width = layout.size.width
        // Where both do not fit, the sort order gives way first: the filters
        // and the category say why the list is what it is.
        var right = (["by \(listing.query.sort.label)"] + filters + [count]).joined(separator: " · ")
        if TextWidth.of(left) + 1 + TextWidth.of(right) > width { right = (filters + [count]).joined(separator: " · ") }
        let rightX = max(0, width - TextWidth.of(right))
        buffer.write(TextWidth.truncate(left, to: max(0, rightX - 1)), x: 0, y: layout.captionRow, role: .accent)
        buffer.write(right, x: rightX, y: layout.captionRow, role: .dim)

        let row = { (index: Int) -> [Span] in
            let entry = entries[rows[index]]
            let required = entry.intent == .required
            var spans = [Span(entry.app.displayName), Span(entry.app.publisher, .dim), Span(entry.primaryCategory),
                         Span(required ? "Required" : "Available", required ? .accent : .dim),
                         Span(entry.app.version, .dim), Span(AppDetailView.sizeText(entry.app.sizeInBytes), .dim)]
            if let device { spans.insert(AppInstallView.status(entry, on: device, state), at: 1) }
            return spans
        }
        Table.draw(columns: columns(device: device), count: rows.count, row: row, state: state.appList, in: layout.table, buffer: &buffer,
                   // Said only when the list is empty: finding why may search the whole catalog.
                   emptyMessage: rows.isEmpty ? emptyMessage(state, device: device) : "")
        highlight(state, columns: columns(device: device), in: layout.table, buffer: &buffer)
    }

    /// Why the list is empty.
    static func emptyMessage(_ state: PortalState, device: ManagedDevice?) -> String {
        let listing = state.appListing
        if !state.data.catalogIsComplete {
            return state.catalogProblem.map { "The apps could not be read. \($0)" } ?? "Loading apps…"
        }
        if state.catalog.isEmpty { return "No apps are assigned to you yet." }
        if listing.scopeTotal == 0, let device {
            return "No apps for \(device.operatingSystem.displayName) \(device.osVersion)"
        }
        if listing.filteredTotal == 0 { return "No apps match the filters; Esc shows all apps." }
        let nothing = "Nothing matches \"\(listing.searchText)\""
        // Say so when the device is why: the app exists for another platform or a newer OS.
        if let device, let catalog = listing.catalog?.value,
           !catalog.search(listing.foldedSearch, among: Array(catalog.entries.indices)).isEmpty {
            return nothing + " on \(device.operatingSystem.displayName) \(device.osVersion); d shows all platforms"
        }
        return nothing
    }

    /// Underlines the search's match in the visible names: an attribute, so
    /// it shows without color too.
    static func highlight(_ state: PortalState, columns: [TableColumn], in rect: Rect, buffer: inout CellBuffer) {
        let listing = state.appListing
        guard let catalog = listing.catalog?.value, !listing.foldedSearch.isEmpty,
              let nameWidth = Table.widths(of: columns, available: rect.width - 4)[0] else { return }
        let visible = Table.visibleRows(in: rect)
        for line in 0..<visible {
            let index = state.appList.offset + line
            guard index < listing.rows.count else { break }
            let entryIndex = listing.rows[index]
            guard let range = catalog.names[entryIndex].match(listing.foldedSearch) else { continue }
            let name = Array(catalog.entries[entryIndex].app.displayName)
            let start = TextWidth.of(String(name[..<range.lowerBound]))
            let end = min(nameWidth, TextWidth.of(String(name[..<range.upperBound])))
            guard start < end else { continue }
            buffer.paint(Rect(x: rect.x + 2 + start, y: rect.y + 1 + line, width: end - start, height: 1), role: .link)
        }
    }
}
