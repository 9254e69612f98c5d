import ArgumentParser
import Foundation
import PortalCore
import PortalUI

/// `portal apps --user UPN [--device ID] [--search TEXT] [--json]`: the
/// user's catalog as the Apps tab shows it.
struct AppsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "apps", abstract: "List the apps available to a user, for one of their devices, as the Apps tab shows them.",
                             discussion: "Exit 0; 1 when the store cannot be read; 2 for a bad option, an unknown user or a device that is not theirs.")
    }

    @OptionGroup var storeOption: StoreOption

    @Option(help: ArgumentHelp("The user whose catalog to show, by sign-in name (user principal name).", valueName: "upn"))
    var user: String

    @Option(help: ArgumentHelp("Only the apps for this device (its platform and OS version), with their install state on it.", valueName: "id"))
    var device: String?

    @Option(help: ArgumentHelp("Only the apps whose name or publisher holds this text (case and accents ignored).", valueName: "text"))
    var search: String?

    @Flag(help: "Print JSON (Graph names, sorted keys) instead of text.")
    var json = false

    /// A mobileApp with Graph's names, plus the user's assignment intent and
    /// the install state on the chosen device.
    struct AppJSON: Encodable {
        var app: MobileApp
        var intent: InstallIntent
        var installState: ResultantAppState?

        enum Keys: String, CodingKey { case intent, installState }

        func encode(to encoder: Encoder) throws {
            try app.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(intent, forKey: .intent)
            try container.encodeIfPresent(installState, forKey: .installState)
        }
    }

    struct DeviceSummary: Encodable {
        var id: String
        var deviceName: String
        var operatingSystem: DevicePlatform
        var osVersion: String
    }

    struct Listing: Encodable {
        var user: DeviceOwnerJSON
        var device: DeviceSummary?
        var search: String?
        var apps: [AppJSON]
    }

    func run() throws {
        let found = try UserDevices.load(store: storeOption, user: user, command: "portal apps", probeRoot: nil, catalog: true)
        let chosen = try device.map { try found.row(id: $0, command: "portal apps").device }
        let apps = AppListing.shown(found.data, deviceId: chosen?.id, search: search ?? "")
        if json {
            let summary = chosen.map { DeviceSummary(id: $0.id, deviceName: $0.deviceName, operatingSystem: $0.operatingSystem, osVersion: $0.osVersion) }
            print(try CommandJSON.text(Listing(user: DeviceOwnerJSON(found.data.user), device: summary, search: search,
                                               apps: apps.map { AppJSON(app: $0.entry.app, intent: $0.entry.intent, installState: $0.state) })))
            return
        }
        guard !apps.isEmpty else {
            if let search, !search.isEmpty {
                print("Nothing matches \"\(InertText.escaped(search))\".")
            } else if let chosen {
                print("No apps for \(chosen.operatingSystem.displayName) \(InertText.escaped(chosen.osVersion)).")
            } else {
                print("No apps are assigned to \(InertText.escaped(found.data.user.userPrincipalName)).")
            }
            return
        }
        let nameWidth = min(40, apps.map { $0.entry.app.displayName.count }.max() ?? 4)
        let publisherWidth = min(28, apps.map { $0.entry.app.publisher.count }.max() ?? 9)
        func line(_ cells: [(String, Int)], last: String) -> String {
            cells.map { TextWidth.pad(TextWidth.truncate($0.0, to: $0.1), to: $0.1) }.joined(separator: "  ") + "  " + last
        }
        let stateHeader = chosen == nil ? "" : "  Install state"
        print(line([("Name", nameWidth), ("Publisher", publisherWidth), ("Assignment", 10)], last: "Version") + stateHeader)
        for (entry, state) in apps {
            let assignment = entry.intent == .required ? "Required" : "Available"
            var text = line([(entry.app.displayName, nameWidth), (entry.app.publisher, publisherWidth), (assignment, 10)],
                            last: TextWidth.pad(entry.app.version, to: 7))
            if let state { text += "  " + state.label }
            print(InertText.escaped(text))
        }
    }
}
