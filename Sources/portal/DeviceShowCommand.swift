import ArgumentParser
import Foundation
import PortalCore
import PortalUI

/// `portal device show ID --user UPN [--json]`: a device's facts and each
/// compliance setting with its outcome and how to resolve it.
struct DeviceShowCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "show", abstract: "Show one of a user's devices: its facts and each compliance setting with how to resolve it.",
                             discussion: "Exit 0; 1 when the store cannot be read; 2 for a bad option, an unknown user, or a device that is not the user's.")
    }

    @Argument(help: ArgumentHelp("The device's id (portal devices --user UPN --json lists them).", valueName: "id"))
    var id: String

    @OptionGroup var options: DeviceUserOptions

    /// The width the text is wrapped to, as a terminal of that width shows it.
    static let width = 100

    func run() throws {
        let command = "portal device show"
        let found = try UserDevices.load(store: options.storeOption, user: options.user, command: command, probeRoot: options.probeRoot)
        let row = try found.row(id: id, command: command)
        if options.json {
            print(try CommandJSON.text(DeviceJSON(row: row, withSettings: true)))
            return
        }
        var lines = DeviceReport.detail(row.device, data: found.data, tenant: found.tenant, timeZone: .current, width: Self.width, now: found.now)
        if row.isThisDevice, !lines.isEmpty { lines[0] += "  \(ThisDevice.mark)" }
        for line in lines { print(InertText.escaped(line)) }
    }
}
