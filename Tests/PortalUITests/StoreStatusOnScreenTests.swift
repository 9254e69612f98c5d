import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// What the screen says about the store itself: the catalog still coming
/// after sign-in, and the server being away. No server needed: the messages
/// a database store sends are given by hand.
@Suite("The store's state on screen")
struct StoreStatusOnScreenTests {
    @Test func appsSaysLoadingUntilTheCatalogArrives() throws {
        let tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
        let context = PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!)
        let user = try #require(tenant.user(principalName: "adele.vance@contoso.com"))
        var state = AppState(size: Size(width: 80, height: 24), now: testNow)

        // Signed in on a database: the user's part came without the catalog.
        let effects = PortalApp.update(&state, .portalOpened(UserPortalData(user: user, tenant: tenant, catalogIsComplete: false)), context: context)
        #expect(effects.contains(.loadCatalog(userId: user.id)))
        _ = PortalApp.update(&state, .input(.key(.character("3"))), context: context)
        #expect(PortalApp.view(state, context: context).text.contains("Loading apps…"))

        let catalog = try #require(try context.directory.catalog(userId: user.id))
        #expect(!catalog.isEmpty)
        _ = PortalApp.update(&state, .catalogLoaded(catalog), context: context)
        let screen = PortalApp.view(state, context: context).text
        #expect(!screen.contains("Loading apps…"))
        #expect(catalog.contains { screen.contains($0.app.displayName) }, "no app on the screen:\n\(screen)")
    }

    @Test func theHeaderSaysReconnectingWhileTheStoreIsAway() {
        let runtime = demoRuntime()
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        let header = { runtime.screenText.split(separator: "\n").first.map(String.init) ?? "" }
        #expect(!header().contains("Reconnecting"))
        runtime.send(.storeEvent(.unreachable(true)))
        #expect(header().contains("! Reconnecting…"), "\(header())")
        runtime.send(.storeEvent(.unreachable(false)))
        #expect(!header().contains("Reconnecting"), "\(header())")
    }
}
