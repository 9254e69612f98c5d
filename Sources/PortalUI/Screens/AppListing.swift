import Foundation
import PortalCore

/// The Apps list as shown: the device whose catalog it is, the query and the
/// search, and the rows derived from them. The catalog is folded and sorted
/// once, the first time Apps is shown; a query change filters those orders,
/// and a keystroke of the search only narrows the filtered list.
public struct AppListing: Equatable, Sendable {
    /// Index in the user's devices (by name); nil is All platforms.
    public var deviceIndex: Int?
    /// The user picked the device: the inspection of this machine no longer picks it.
    public var deviceChosen = false
    public var query = CatalogQuery()
    /// What the user typed after `/`, and whether keys still type into it.
    public var searchText = ""
    public var isTyping = false
    /// The rows shown: entry indices in the prepared catalog.
    public var rows: [Int] { search.results }
    /// How many apps the chosen device can have, filters and search aside.
    public private(set) var scopeTotal = 0
    /// Apps the query keeps before the search.
    public private(set) var filteredTotal = 0
    public private(set) var builds = 0
    /// Folded in the background after sign-in, or here on first use if that has not answered yet.
    public internal(set) var catalog: PreparedCatalog?
    private var search = CatalogSearch()
    private var shownQuery: CatalogQuery?
    private var base: [Int] = []
    /// Sort orders already computed, so each is computed once a session.
    private var orders: [CatalogSort: [Int]] = [:]

    public init() {}

    /// The folded search, for highlighting.
    public var foldedSearch: [UInt8] { search.folded }

    public func entry(_ row: Int) -> CatalogEntry? {
        guard let catalog, rows.indices.contains(row) else { return nil }
        return catalog.value.entries[rows[row]]
    }

    /// Install states changed: the install-state filter applies again.
    mutating func invalidate() { shownQuery = nil }

    /// Another catalog arrived (a database's, read after sign-in or changed
    /// by an administrator): it is folded and its orders made again; the
    /// device, query and search stay.
    mutating func replaceCatalog() {
        catalog = nil
        orders = [:]
        shownQuery = nil
        base = []
        search = CatalogSearch()
    }

    mutating func refresh(entries: [CatalogEntry], devices: [ManagedDevice], installs: InstallStateIndex) {
        if catalog == nil { catalog = PreparedCatalog(SearchableCatalog(entries)) }
        guard let catalog else { return }
        let device = deviceIndex.flatMap { devices.indices.contains($0) ? devices[$0] : nil }
        query.scope = device.map(CatalogScope.init(device:)) ?? .allPlatforms
        if shownQuery != query {
            shownQuery = query
            if orders[query.sort] == nil { orders[query.sort] = catalog.value.order(query.sort) }
            let scopeOnly = CatalogQuery(scope: query.scope)
            scopeTotal = query.isFiltered ? catalog.value.indices(scopeOnly, order: orders[query.sort]).count : -1
            base = catalog.value.indices(query, order: orders[query.sort]) { entry in
                guard let device else { return .notInstalled }
                return installs.state(appId: entry.id, deviceId: device.id)
            }
            if scopeTotal < 0 { scopeTotal = base.count }
            filteredTotal = base.count
            builds += 1
        }
        search.update(text: searchText, base: base, catalog: catalog.value)
    }
}

/// The prepared catalog is the same for the whole session: compared by identity.
public final class PreparedCatalog: Equatable, Sendable {
    public let value: SearchableCatalog
    init(_ value: SearchableCatalog) { self.value = value }
    public static func == (lhs: PreparedCatalog, rhs: PreparedCatalog) -> Bool { lhs === rhs }
}

extension AppListing {
    /// The catalog as the Apps tab shows it for one of the user's devices
    /// (nil: all platforms) and a search, with each app's install state on
    /// that device: what `portal apps` prints.
    public static func shown(_ data: UserPortalData, deviceId: String?, search: String) -> [(entry: CatalogEntry, state: ResultantAppState?)] {
        let state = PortalState(data: data)
        var listing = AppListing()
        listing.deviceIndex = deviceId.flatMap { id in state.myDevices.firstIndex { $0.id == id } }
        listing.searchText = search
        listing.refresh(entries: state.catalog, devices: state.myDevices, installs: state.installs)
        let device = listing.deviceIndex.map { state.myDevices[$0] }
        return listing.rows.indices.compactMap { row in
            guard let entry = listing.entry(row) else { return nil }
            let installState = device.map { state.installs.state(appId: entry.id, deviceId: $0.id) }
            return (entry, installState)
        }
    }
}
