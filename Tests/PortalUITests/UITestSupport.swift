import Foundation
import PortalCore
import PortalStore
@testable import PortalUI

let testNow = Date(timeIntervalSince1970: 1_795_338_000) // 2026-11-22T09:00:00Z

func demoRuntime(size: Size = Size(width: 80, height: 24)) -> PortalRuntime {
    let tenant = DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: 2), iterations: 10)
    let context = PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!)
    let runtime = PortalRuntime(context: context, clock: VirtualClock(start: testNow), size: size)
    runtime.send(.input(.resize(size)))
    return runtime
}

extension PortalRuntime {
    func press(_ keys: Key...) { for key in keys { send(.input(.key(key))) } }
    func type(_ text: String) { for character in text { send(.input(.key(.character(character)))) } }

    /// Signs in through the form, typing the code the user's method shows
    /// when the second step asks for one.
    func signIn(_ userPrincipalName: String, _ password: String) {
        type(userPrincipalName)
        press(.tab)
        type(password)
        press(.enter)
        if case .secondFactor = state.screen,
           let code = ScriptRunner.code(of: userPrincipalName, method: nil, runtime: self, now: clock.now()) {
            type(code)
            press(.enter)
        }
    }

    var screenText: String { render().text }
}

/// The package folder, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
