import Foundation
import PortalCore

/// Apps: the catalog the signed-in user's groups are assigned.
enum AppsView {
    static func view(_ state: PortalState, context: PortalContext, layout: PortalLayout, buffer: inout CellBuffer) {
        let entries = state.catalog
        buffer.write(" All apps (\(entries.count))", x: 0, y: layout.captionRow, role: .accent)
        let wide = layout.size.width >= 100
        var columns = [TableColumn("Name", weight: 4), TableColumn("Publisher", weight: 3), TableColumn("Category", width: 16)]
        if wide { columns.append(TableColumn("Assignment", width: 10)) }
        let row = { (index: Int) -> [Span] in
            let entry = entries[index]
            var cells = [Span(entry.app.displayName), Span(entry.app.publisher, .dim), Span(entry.primaryCategory)]
            if wide { cells.append(Span(entry.intent == .required ? "Required" : "Available", entry.intent == .required ? .accent : .dim)) }
            return cells
        }
        Table.draw(columns: columns, count: entries.count, row: row, state: state.appList, in: layout.table, buffer: &buffer,
                   emptyMessage: "No apps are assigned to you yet.")
    }
}
