import Foundation
import Testing
@testable import PortalCore

@Suite("Catalog search, scope, sort and filter")
struct CatalogSearchTests {
    private func entry(_ id: String, _ name: String, publisher: String = "Contoso", platforms: [DevicePlatform] = [.iOS],
                       minimum: String? = nil, intent: InstallIntent = .available, day: Double = 0, category: String = "c") -> CatalogEntry {
        let date = Date(timeIntervalSince1970: day * 86_400)
        let app = MobileApp(id: id, displayName: name, publisher: publisher, description: "", isFeatured: false, categories: [category],
                            createdDateTime: date, lastModifiedDateTime: date, version: "1", sizeInBytes: 1, platforms: platforms,
                            minimumSupportedOperatingSystem: minimum)
        return CatalogEntry(app: app, intent: intent, categoryNames: [category])
    }

    private var catalog: SearchableCatalog {
        SearchableCatalog([
            entry("a", "Adobe Acrobat", publisher: "Adobe Inc.", platforms: [.iOS, .windows], day: 3),
            entry("b", "Café Menu", publisher: "Zoë Studio", platforms: [.android], intent: .required, day: 1, category: "food"),
            entry("c", "Notes 17", publisher: "Apple", platforms: [.iOS], minimum: "17.0", day: 2),
            entry("d", "ZOOM", publisher: "Zoom Video", platforms: [.iOS, .android], day: 4),
        ])
    }

    private func names(_ catalog: SearchableCatalog, _ indices: [Int]) -> [String] { indices.map { catalog.entries[$0].app.displayName } }

    @Test func searchIgnoresCaseAndAccents() {
        let catalog = catalog
        let all = catalog.indices(CatalogQuery())
        #expect(names(catalog, catalog.search(SearchFolding.query("cafe"), among: all)) == ["Café Menu"])
        #expect(names(catalog, catalog.search(SearchFolding.query("CAFÉ"), among: all)) == ["Café Menu"])
        #expect(names(catalog, catalog.search(SearchFolding.query("zoom"), among: all)) == ["ZOOM"])
    }

    @Test func searchFindsPublisher() {
        let catalog = catalog
        let all = catalog.indices(CatalogQuery())
        #expect(names(catalog, catalog.search(SearchFolding.query("zoe"), among: all)) == ["Café Menu"])
        #expect(names(catalog, catalog.search(SearchFolding.query("adobe inc"), among: all)) == ["Adobe Acrobat"])
    }

    @Test func matchRangesAreInOriginalCharacters() {
        #expect(FoldedText("Café Menu").match(SearchFolding.query("fe m")) == 2..<6)
        #expect(FoldedText("Cafe\u{301} Menu").match(SearchFolding.query("é")) == 3..<4)
        #expect(FoldedText("ZOOM").match(SearchFolding.query("x")) == nil)
    }

    @Test func aGrowingQueryNarrowsTheLastResult() {
        let catalog = catalog
        let all = catalog.indices(CatalogQuery())
        var search = CatalogSearch()
        search.update(text: "o", base: all, catalog: catalog)
        let first = search.results.count
        #expect(search.scanned == 4)
        search.update(text: "oo", base: all, catalog: catalog)
        #expect(search.scanned == first)
        #expect(names(catalog, search.results) == ["ZOOM"])
        search.update(text: "o", base: all, catalog: catalog)
        #expect(search.scanned == 4)
        #expect(search.results.count == first)
    }

    @Test func scopeKeepsThePlatformAndMinimumOS() {
        let catalog = catalog
        let old = CatalogQuery(scope: CatalogScope(platform: .iOS, osVersion: "16.7.10"))
        #expect(names(catalog, catalog.indices(old)) == ["Adobe Acrobat", "ZOOM"])
        let new = CatalogQuery(scope: CatalogScope(platform: .iOS, osVersion: "17.0"))
        #expect(names(catalog, catalog.indices(new)) == ["Adobe Acrobat", "Notes 17", "ZOOM"])
        let android = CatalogQuery(scope: CatalogScope(platform: .android, osVersion: "14"))
        #expect(names(catalog, catalog.indices(android)) == ["Café Menu", "ZOOM"])
        #expect(catalog.indices(CatalogQuery()).count == 4)
    }

    @Test func sortsByNamePublisherAndDate() {
        let catalog = catalog
        #expect(names(catalog, catalog.indices(CatalogQuery(sort: .publisher))) == ["Adobe Acrobat", "Notes 17", "Café Menu", "ZOOM"])
        #expect(names(catalog, catalog.indices(CatalogQuery(sort: .datePublished))) == ["ZOOM", "Adobe Acrobat", "Notes 17", "Café Menu"])
    }

    @Test func filtersByAvailabilityCategoryAndInstallState() {
        let catalog = catalog
        #expect(names(catalog, catalog.indices(CatalogQuery(availability: .required))) == ["Café Menu"])
        #expect(catalog.indices(CatalogQuery(availability: .available)).count == 3)
        #expect(names(catalog, catalog.indices(CatalogQuery(category: "food"))) == ["Café Menu"])
        let installed = catalog.indices(CatalogQuery(installState: .installed)) { $0.id == "d" ? .installed : .notInstalled }
        #expect(names(catalog, installed) == ["ZOOM"])
    }
}
