import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// Work apps without enrolling, driven headless through the runtime to each
/// ending: healthy at once, Defender missing then installed and rechecked,
/// access blocked, company data wiped.
@Suite("App protection walkthrough")
struct AppProtectionWalkthroughTests {
    func wizard(_ runtime: PortalRuntime) -> AppProtectionWizardState? {
        guard case let .portal(portal) = runtime.state.screen else { return nil }
        return portal.appProtection
    }

    func portal(_ runtime: PortalRuntime) -> PortalState? {
        guard case let .portal(portal) = runtime.state.screen else { return nil }
        return portal
    }

    /// Opens the walkthrough from Home and chooses the device and the app by id.
    func register(_ device: String, app: String, _ runtime: PortalRuntime) {
        runtime.press(.character("w"))
        let devices = wizard(runtime)?.facts?.devices ?? []
        for _ in 0..<(devices.firstIndex { $0.id == device } ?? 0) { runtime.press(.down) }
        runtime.press(.enter)
        let apps = wizard(runtime)?.apps ?? []
        for _ in 0..<(apps.firstIndex { $0.app.mobileAppIdentifier.value == app } ?? 0) { runtime.press(.down) }
        runtime.press(.enter)
        #expect(wizard(runtime)?.step == .register)
        runtime.press(.enter)
    }

    func signedIn(_ name: String, _ password: String) -> PortalRuntime {
        let runtime = demoRuntime()
        runtime.signIn(name, password)
        return runtime
    }

    @Test func theWalkthroughOnlyOffersDevicesAPolicyCovers() throws {
        let runtime = signedIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        runtime.press(.character("w"))
        let devices = try #require(wizard(runtime)?.facts?.devices)
        #expect(Set(devices.map(\.operatingSystem)) == [.iOS, .iPadOS, .android])
        #expect(runtime.screenText.contains("Step 1 of 5"))
        // Cancel registers nothing.
        runtime.press(.function(4))
        #expect(portal(runtime)?.appProtection == nil)
        #expect(portal(runtime)?.data.appRegistrations.isEmpty == true)
    }

    @Test func aMissingDefenderIsInstalledAndARecheckGrantsAccess() throws {
        let runtime = signedIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        register("sim-pixel-7", app: "com.microsoft.office.outlook", runtime)
        #expect(wizard(runtime)?.step == .healthCheck)
        #expect(wizard(runtime)?.registration?.healthState == .threatDefenseAppMissing)
        #expect(runtime.screenText.contains("Microsoft Defender is missing"))
        // Enter rechecks too; without the app it is still missing.
        runtime.press(.enter)
        #expect(wizard(runtime)?.registration?.healthState == .threatDefenseAppMissing)
        runtime.press(.character("i"))
        #expect(wizard(runtime)?.registration?.mobileThreatDefenseAppInstalled == true)
        runtime.press(.character("r"))
        #expect(wizard(runtime)?.step == .result)
        #expect(wizard(runtime)?.registration?.healthState == .healthy)
        let text = runtime.screenText
        #expect(text.contains("✓ Access granted") && text.contains("Teams") && text.contains("OneDrive"))
        runtime.press(.enter)
        let shown = try #require(portal(runtime))
        #expect(shown.appProtection == nil && shown.section == .home)
        #expect(shown.data.appRegistrations.map(\.healthState) == [.healthy])
        #expect(runtime.screenText.contains("✓ Outlook on Pixel 7: Healthy, access granted"))
    }

    @Test func anIPhoneWithDefenderIsHealthyAtOnce() {
        let runtime = signedIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        register("sim-iphone-15", app: "com.microsoft.Office.Outlook", runtime)
        #expect(wizard(runtime)?.step == .result)
        #expect(wizard(runtime)?.registration?.healthState == .healthy)
        #expect(runtime.screenText.contains("✓ Access granted"))
        // Nothing to remove: the key is not offered.
        #expect(AppProtectionWizard.keymap(wizard(runtime)!).action(for: .character("t")) == nil)
    }

    @Test func aThreatBlocksAccessForSales() {
        let runtime = signedIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        register("sim-moto-g", app: "com.microsoft.office.outlook", runtime)
        #expect(wizard(runtime)?.registration?.healthState == .accessBlocked)
        #expect(runtime.screenText.contains("✗ Access blocked"))
        // A recheck while the threat is there changes nothing.
        runtime.press(.character("r"))
        #expect(wizard(runtime)?.step == .result && wizard(runtime)?.registration?.healthState == .accessBlocked)
        // The threat removed in Defender, a recheck restores access.
        runtime.press(.character("t"))
        #expect(wizard(runtime)?.registration?.healthState == .accessBlocked)
        runtime.press(.character("r"))
        #expect(wizard(runtime)?.registration?.healthState == .healthy)
        #expect(runtime.screenText.contains("✓ Access granted"))
    }

    @Test func aThreatWipesCompanyDataForEveryoneElse() {
        let runtime = signedIn("hanako.yamada@contoso.com", "Contoso-Hanako-6")
        register("sim-moto-g", app: "com.microsoft.teams", runtime)
        #expect(wizard(runtime)?.registration?.healthState == .dataWiped)
        #expect(runtime.screenText.contains("✗ Company data wiped from Teams"))
    }

    @Test func backKeepsTheChoices() {
        let runtime = signedIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        runtime.press(.character("w"), .down, .down, .enter, .down, .enter)
        #expect(wizard(runtime)?.step == .register)
        runtime.press(.escape)
        #expect(wizard(runtime)?.choice.selected == 1)
        runtime.press(.escape)
        #expect(wizard(runtime)?.choice.selected == 2)
        #expect(wizard(runtime)?.deviceId == "sim-iphone-11")
    }

    /// The demo changed before the portal opens on it.
    func runtime(_ change: (inout Tenant) -> Void) -> PortalRuntime {
        var tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
        change(&tenant)
        let size = Size(width: 80, height: 24)
        let runtime = PortalRuntime(context: PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!),
                                    clock: VirtualClock(start: testNow), size: size)
        runtime.send(.input(.resize(size)))
        runtime.signIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        return runtime
    }

    @Test func aPolicyThatWarnsKeepsAccess() {
        let runtime = runtime { tenant in
            for index in tenant.managedAppProtections.indices { tenant.managedAppProtections[index].mobileThreatDefenseRemediationAction = .warn }
        }
        register("sim-moto-g", app: "com.microsoft.office.outlook", runtime)
        #expect(wizard(runtime)?.registration?.healthState == .warned)
        #expect(runtime.screenText.contains("! Access granted, with a warning"))
    }

    @Test func withoutAPolicyThereIsNothingToRegister() {
        let runtime = runtime { $0.managedAppProtections = [] }
        runtime.press(.character("w"))
        #expect(runtime.screenText.contains("protects no work apps on personal devices for you"))
        runtime.press(.enter)
        #expect(portal(runtime)?.appProtection == nil)
    }

    @Test func theHomeKeyIsInHelp() {
        let runtime = signedIn("megan.bowen@contoso.com", "Contoso-Megan-3")
        runtime.press(.character("?"))
        #expect(runtime.screenText.contains("Use work apps on a personal phone without enrolling it"))
    }
}
