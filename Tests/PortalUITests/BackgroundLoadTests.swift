import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// The store is read off the terminal thread: the form is drawn and takes
/// keys at once, and signing in waits for the organization.
@Suite("Loading the store in the background")
struct BackgroundLoadTests {
    private func loadingRuntime(_ load: @escaping @Sendable () throws -> Tenant) -> PortalRuntime {
        let context = PortalContext.awaitingStore(timeZone: TimeZone(identifier: "UTC")!)
        let runtime = PortalRuntime(context: context, clock: VirtualClock(start: testNow), size: Size(width: 80, height: 24))
        runtime.post(.input(.resize(Size(width: 80, height: 24))))
        runtime.loadTenant(load)
        return runtime
    }

    @Test func theFormWorksWhileTheStoreLoadsAndSignInWaitsForIt() {
        let gate = DispatchSemaphore(value: 0)
        let runtime = loadingRuntime {
            gate.wait()
            return DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
        }
        #expect(runtime.screenText.contains("Loading your organization…"))
        #expect(!runtime.screenText.contains("My organization"), "the empty organization's name was shown before the store arrived")
        for character in "adele.vance@contoso.com" { runtime.post(.input(.key(.character(character)))) }
        runtime.post(.input(.key(.tab)))
        for character in "Contoso-Adele-1" { runtime.post(.input(.key(.character(character)))) }
        runtime.post(.input(.key(.enter)))
        #expect(runtime.screenText.contains("Signing in…"))
        gate.signal()
        runtime.waitUntilIdle()
        #expect(runtime.screenText.contains("Welcome to the Contoso Company Portal."))
        // The terminal is asked to take the organization's own color.
        #expect(runtime.takeTerminalRequests().contains(.brandColor(runtime.context.organization.themeColor)))
    }

    @Test func aStoreThatCannotBeLoadedEndsTheProgramWithItsReason() {
        struct Broken: Error, CustomStringConvertible { var description: String { "the store is not valid" } }
        let runtime = loadingRuntime { throw Broken() }
        runtime.waitUntilIdle()
        #expect(runtime.isFinished)
        #expect(runtime.loadFailure == "the store is not valid")
    }
}
