import ArgumentParser
import Foundation
import PortalCore
import PortalUI

/// `portal devices --user UPN [--json]`: the user's devices as the Devices list shows them.
struct DevicesCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "devices", abstract: "List a user's devices with their compliance, as the Devices list shows them.",
                             discussion: "Exit 0; 1 when the store cannot be read; 2 for a bad option or an unknown user.")
    }

    @OptionGroup var options: DeviceUserOptions

    struct Listing: Encodable {
        var user: DeviceOwnerJSON
        var devices: [DeviceJSON]
    }

    func run() throws {
        let found = try UserDevices.load(store: options.storeOption, user: options.user, command: "portal devices", probeRoot: options.probeRoot)
        if options.json {
            print(try CommandJSON.text(Listing(user: DeviceOwnerJSON(found.data.user),
                                               devices: found.rows.map { DeviceJSON(row: $0, withSettings: false) })))
            return
        }
        guard !found.rows.isEmpty else {
            print("\(InertText.escaped(found.data.user.userPrincipalName)) has no enrolled devices.")
            return
        }
        for line in DeviceReport.table(found.rows, timeZone: .current, now: found.now) { print(InertText.escaped(line)) }
    }
}
