import ArgumentParser
import Foundation
import PortalCore
import PortalStore

/// `portal app install APP_ID --user UPN --device ID`: asks for an install
/// as the app's detail does, for scripts.
struct AppInstallCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "install",
            abstract: "Ask for an app to be installed on one of a user's devices.",
            discussion: """
            The request is recorded in the store as the portal's Install records it; the device agent then installs it \
            while a portal is open for the user, which shows its progress. An installed app is installed again; a request \
            already under way is left as it is. Exit 0 when the request is recorded (or was already), 1 when the app is \
            not available to that device (not assigned to the user, another platform, an older OS) or the store cannot be \
            changed, 2 for a bad option, an unknown user or app, or a device that is not the user's.
            """)
    }

    @OptionGroup var storeOption: StoreOption

    @Argument(help: ArgumentHelp("The app's id, as `portal apps --json` lists it.", valueName: "app-id"))
    var appId: String

    @Option(help: ArgumentHelp("The device's user: their user principal name.", valueName: "upn"))
    var user: String

    @Option(help: ArgumentHelp("The device's id, as `portal devices` lists it.", valueName: "id"))
    var device: String

    func run() throws {
        let store = StoreTarget.resolve(explicit: storeOption.store, environment: ProcessInfo.processInfo.environment)
        let command = "portal app install"
        var result: AppInstallChangeResult?
        var deviceName = device, appName = appId
        do {
            // One locked read-modify-write, as the portal's own request.
            try store.update(principalName: user, apps: [appId]) { tenant, owner in
                guard let owner else { throw NoAccount() }
                deviceName = tenant.devices(of: owner).first { $0.id == device }?.deviceName ?? device
                let app = tenant.mobileApps.first { $0.id == appId }
                appName = app?.displayName ?? appId
                // Said of the user the script names, not to "you".
                if let app, let target = tenant.devices(of: owner).first(where: { $0.id == device }),
                   let refusal = AppAvailability.refusal(app, intent: tenant.intent(of: appId, for: owner), on: target, assignee: owner.userPrincipalName) {
                    throw AppInstallChangeError.notAvailable(refusal)
                }
                result = try tenant.apply(.request(userId: owner.id, appId: appId, deviceId: device, action: .install), now: SystemClock().now())
            }
        } catch is NoAccount {
            printError("\(command): no user \(InertText.escaped(user)) in \(store.shown). Give --user the sign-in name (user principal name) of one of its accounts.")
            throw ExitCode(2)
        } catch let refusal as AppInstallChangeError {
            switch refusal {
            case .notYours:
                printError("\(command): \(InertText.escaped(user)) has no device \(InertText.escaped(device)). `portal devices --user \(InertText.escaped(user))` lists their devices with their ids (--json).")
                throw ExitCode(2)
            case .unknownApp:
                printError("\(command): there is no app \(InertText.escaped(appId)). `portal apps --user \(InertText.escaped(user)) --json` lists the user's apps with their ids.")
                throw ExitCode(2)
            case .userNotFound:
                printError("\(command): \(refusal.message)")
                throw ExitCode(2)
            case .notAvailable, .notOffered:
                printError("\(command): \(refusal.message)")
                throw ExitCode(1)
            }
        } catch where error is StoreError || error is DatabaseError {
            printError("\(command): \(error)")
            throw ExitCode(1)
        }
        let name = InertText.escaped(appName), on = InertText.escaped(deviceName)
        if result?.alreadyUnderWay == true {
            print("\(name) is being installed on \(on) already; nothing was changed.")
        } else {
            print("Install of \(name) on \(on) recorded. It installs while the portal is open for \(InertText.escaped(user)), which shows its progress.")
        }
    }

    private struct NoAccount: Error {}
}
