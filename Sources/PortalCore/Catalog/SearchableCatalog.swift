import Foundation

/// A user's catalog prepared once for browsing and search: names and
/// publishers folded, sort orders computed. Queries and keystrokes then only
/// read arrays of indices; nothing is folded or sorted per key.
public struct SearchableCatalog: Sendable {
    public let entries: [CatalogEntry]
    public let names: [FoldedText]
    public let publishers: [FoldedText]

    public init(_ entries: [CatalogEntry]) {
        self.entries = entries
        names = entries.map { FoldedText($0.app.displayName) }
        publishers = entries.map { FoldedText($0.app.publisher) }
    }

    /// Entry indices in a sort order. `entries` come sorted by name; the
    /// other orders break ties by name. Callers keep the result: the Apps
    /// list sorts by publisher or date only when asked.
    public func order(_ sort: CatalogSort) -> [Int] {
        let byName = Array(entries.indices)
        switch sort {
        case .name:
            return byName
        case .publisher:
            return byName.sorted { left, right in
                let l = publishers[left].bytes, r = publishers[right].bytes
                return l == r ? left < right : l.lexicographicallyPrecedes(r)
            }
        case .datePublished:
            // Newest first, as a store lists what was published lately.
            return byName.sorted { left, right in
                let l = entries[left].app.createdDateTime, r = entries[right].app.createdDateTime
                return l > r || (l == r && left < right)
            }
        }
    }

    /// The entries the query keeps, as indices in its order. `stateOf`
    /// answers the install state on the scope's device.
    public func indices(_ query: CatalogQuery, order: [Int]? = nil,
                        stateOf: (CatalogEntry) -> ResultantAppState = { _ in .notInstalled }) -> [Int] {
        let order = order ?? self.order(query.sort)
        // All apps on all platforms: the order itself, with nothing to test.
        if query.category == nil, query.availability == nil, query.scope.platform == nil, query.installState == nil { return order }
        // Fields are read in place: binding each entry would copy every string of an app, 20,000 times.
        return entries.withUnsafeBufferPointer { entries in
            order.filter { index in
                if let category = query.category, !entries[index].app.categories.contains(category) { return false }
                switch query.availability {
                case .required?: if entries[index].intent != .required { return false }
                case .available?: if entries[index].intent == .required { return false }
                case nil: break
                }
                guard query.scope.applies(to: entries[index].app) else { return false }
                if let state = query.installState, stateOf(entries[index]) != state { return false }
                return true
            }
        }
    }

    /// The indices among `candidates` whose name or publisher holds the folded query.
    public func search(_ query: [UInt8], among candidates: [Int]) -> [Int] {
        if query.isEmpty { return candidates }
        return candidates.filter { names[$0].contains(query) || publishers[$0].contains(query) }
    }
}

/// Search as you type: keeps the last result so a query that grows narrows
/// it instead of scanning the whole list again.
public struct CatalogSearch: Sendable, Equatable {
    public private(set) var text = ""
    public private(set) var folded: [UInt8] = []
    public private(set) var results: [Int] = []
    /// The list searched; a new one starts the search again.
    private var base: [Int] = []
    /// How many candidates the last search looked at: tests prove narrowing with it.
    public private(set) var scanned = 0

    public init() {}

    private var computed = false

    public mutating func update(text: String, base: [Int], catalog: SearchableCatalog) {
        let folded = SearchFolding.query(text)
        let sameBase = computed && base == self.base
        self.text = text
        if sameBase && folded == self.folded { return }
        // A longer query can only keep fewer: search the last result.
        let candidates = sameBase && folded.starts(with: self.folded) ? results : base
        scanned = candidates.count
        results = catalog.search(folded, among: candidates)
        self.folded = folded
        self.base = base
        computed = true
    }
}
