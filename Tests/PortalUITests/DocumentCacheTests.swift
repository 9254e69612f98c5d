import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// A signed-in runtime on the demo organization whose clock the test moves.
private func signedIn(_ clock: VirtualClock, size: Size = Size(width: 80, height: 24),
                      _ change: (inout Tenant) -> Void = { _ in }) -> PortalRuntime {
    var tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
    change(&tenant)
    let context = PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!)
    let runtime = PortalRuntime(context: context, clock: clock, size: size)
    runtime.send(.input(.resize(size)))
    runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
    return runtime
}

private extension PortalRuntime {
    var portal: PortalState? {
        if case let .portal(portal) = state.screen { return portal }
        return nil
    }

    /// The screen drawn without the kept lines: what a fresh layout shows.
    func renderedFresh() -> CellBuffer {
        var fresh = state
        if case var .portal(portal) = fresh.screen {
            portal.home = nil
            portal.detailDocument = nil
            fresh.screen = .portal(portal)
        }
        return PortalApp.view(fresh, context: context)
    }
}

/// A second into the minute: the minute's first instant is a slot of its own.
private let justAfterTheMinute = testNow.addingTimeInterval(1)

/// A user with many devices, named out of order, half of them in their grace period.
private func manyDevices(_ count: Int) -> (inout Tenant) -> Void {
    { tenant in
        guard let template = tenant.managedDevices.first(where: { $0.userId == tenant.users[0].id }) else { return }
        for index in 0..<count {
            var device = template
            device.id = "many-\(index)"
            device.deviceName = "Device \((index * 7919) % count)"
            tenant.managedDevices.append(device)
        }
    }
}

@Suite("Lines laid out once and kept")
struct DocumentCacheTests {
    @Test func aTickWithinTheMinuteLeavesThePortalStateEqual() throws {
        let clock = VirtualClock(start: justAfterTheMinute)
        let app = signedIn(clock)
        app.send(.tick)
        let before = try #require(app.portal)
        for _ in 0..<5 {
            clock.advance(by: 10)
            app.send(.tick)
        }
        #expect(app.portal == before)
    }

    @Test func homeIsLaidOutOncePerSignInWhileKeysScrollIt() throws {
        let clock = VirtualClock(start: justAfterTheMinute)
        let app = signedIn(clock, manyDevices(300))
        for key in [Key.down, .down, .pageDown, .up, .end, .home] {
            app.press(key)
            clock.advance(by: 5)
            app.send(.tick)
        }
        let portal = try #require(app.portal)
        #expect(portal.documentBuilds == 1)
        #expect(portal.homeScroll.offset == 0)
        #expect(app.render().text == app.renderedFresh().text)
    }

    @Test func aNewMinuteLaysHomeOutAgainAndShowsTheNewTime() throws {
        let clock = VirtualClock(start: testNow)
        let app = signedIn(clock)
        app.send(.tick)
        clock.advance(by: 60)
        app.send(.tick)
        let portal = try #require(app.portal)
        #expect(portal.documentBuilds == 2)
        #expect(portal.home?.key.minute == DocumentLines.minute(of: clock.now()))
        #expect(app.render().text == app.renderedFresh().text)
    }

    @Test func theFirstInstantOfAMinuteIsASlotOfItsOwn() {
        // A deadline on a whole minute reads one minute less as soon as that minute has begun.
        let slot = DocumentLines.minute(of: testNow)
        #expect(DocumentLines.minute(of: testNow.addingTimeInterval(0.001)) == slot + 1)
        #expect(DocumentLines.minute(of: testNow.addingTimeInterval(59.9)) == slot + 1)
        #expect(DocumentLines.minute(of: testNow.addingTimeInterval(60)) == slot + 2)
        #expect(PortalContext.relative(testNow.addingTimeInterval(3_600), now: testNow) != PortalContext.relative(testNow.addingTimeInterval(3_600), now: testNow.addingTimeInterval(0.001)))
    }

    @Test func onlyAWidthChangeLaysOutAgain() throws {
        let clock = VirtualClock(start: testNow)
        let app = signedIn(clock)
        app.send(.tick)
        app.send(.input(.resize(Size(width: 80, height: 30))))
        #expect(app.portal?.documentBuilds == 1)
        app.send(.input(.resize(Size(width: 100, height: 30))))
        #expect(app.portal?.documentBuilds == 2)
        #expect(app.render().text == app.renderedFresh().text)
    }

    @Test func detailsAreKeptWhileOpenAndDroppedOnBack() throws {
        let clock = VirtualClock(start: testNow)
        let app = signedIn(clock)
        app.press(.character("3"), .enter)
        let builds = try #require(app.portal?.documentBuilds)
        app.press(.down, .down, .up)
        clock.advance(by: 600)
        app.send(.tick)
        // An app's detail shows no time: ticks never lay it out again.
        #expect(app.portal?.documentBuilds == builds)
        #expect(app.render().text == app.renderedFresh().text)
        app.press(.escape)
        #expect(app.portal?.detailDocument == nil)
        app.press(.character("2"), .enter)
        #expect(app.portal?.detailDocument?.key.document == .detail(.device(id: app.portal?.myDevices.first?.id ?? "")))
        #expect(app.render().text == app.renderedFresh().text)
    }

    @Test func theInstallIndexAnswersAsTheOrganizationScanDid() {
        let tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
        for user in tenant.users {
            let index = InstallStateIndex(tenant: tenant, user: user)
            for app in tenant.mobileApps {
                let scanned = tenant.managedDevices.filter { $0.userId == user.id && app.platforms.contains($0.operatingSystem) }.map { device in
                    (device.id, tenant.appInstallStates.first { $0.appId == app.id && $0.deviceId == device.id }?.installState ?? .notInstalled)
                }
                let indexed = index.installStates(of: app).map { ($0.device.id, $0.state) }
                #expect(indexed.map(\.0) == scanned.map(\.0))
                #expect(indexed.map(\.1) == scanned.map(\.1))
            }
        }
    }

    @Test func devicesSortAsTheLocaleAwareCompareDid() {
        let names = ["ADELE-SURFACE", "Adele's MacBook Air", "adele-phone", "Zed", "éclair", "Eclair", "10 pad", "9 pad", "Éclair"]
        let clock = VirtualClock(start: testNow)
        let app = signedIn(clock) { tenant in
            let id = tenant.users[0].id
            var template = tenant.managedDevices.first { $0.userId == id }!
            tenant.managedDevices.removeAll { $0.userId == id }
            for (index, name) in names.enumerated() {
                template.id = "named-\(index)"
                template.deviceName = name
                tenant.managedDevices.append(template)
            }
        }
        let expected = names.sorted { $0.localizedCaseInsensitiveCompare($1) == .orderedAscending }
        #expect(app.portal?.myDevices.map(\.deviceName) == expected)
    }

    @Test func theDemoAccountsAreFoundOnceWithTheirNames() {
        let tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
        let context = PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!)
        let expected = DemoOrganization.accounts.compactMap { account in
            tenant.user(principalName: account.userPrincipalName).map { "\(account.userPrincipalName) \($0.displayName)" }
        }
        #expect(context.demoAccounts.map { "\($0.userPrincipalName) \($0.displayName)" } == expected)
        #expect(!expected.isEmpty)
    }
}
