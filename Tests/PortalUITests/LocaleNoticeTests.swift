import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

@Suite("Locale notice")
struct LocaleNoticeTests {
    private func runtime(localeIsUTF8: Bool) -> PortalRuntime {
        let size = Size(width: 80, height: 24)
        let tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
        var context = PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!)
        context.localeIsUTF8 = localeIsUTF8
        let runtime = PortalRuntime(context: context, clock: VirtualClock(start: testNow), size: size)
        runtime.send(.input(.resize(size)))
        return runtime
    }

    @Test func signInNamesTheFixWhenTheLocaleIsNotUTF8() {
        let plain = runtime(localeIsUTF8: false)
        #expect(plain.render().row(22).contains("not UTF-8"))
        #expect(plain.screenText.contains("LC_ALL=C.UTF-8"))
        plain.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        #expect(!plain.screenText.contains("LC_ALL=C.UTF-8"), "said more than once")
        #expect(!runtime(localeIsUTF8: true).screenText.contains("UTF-8"))
    }
}
