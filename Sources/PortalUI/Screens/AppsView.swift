import Foundation
import PortalCore

/// Apps: the catalog the signed-in user's groups are assigned.
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

    static func view(_ state: PortalState, context: PortalContext, layout: PortalLayout, buffer: inout CellBuffer) {
        let entries = state.catalog
        buffer.write(" All apps (\(entries.count))", x: 0, y: layout.captionRow, role: .accent)
        let row = { (index: Int) -> [Span] in
            let entry = entries[index]
            let required = entry.intent == .required
            return [Span(entry.app.displayName), Span(entry.app.publisher, .dim), Span(entry.primaryCategory),
                    Span(required ? "Required" : "Available", required ? .accent : .dim),
                    Span(entry.app.version, .dim), Span(AppDetailView.sizeText(entry.app.sizeInBytes), .dim)]
        }
        Table.draw(columns: columns, count: entries.count, row: row, state: state.appList, in: layout.table, buffer: &buffer,
                   emptyMessage: "No apps are assigned to you yet.")
    }
}
