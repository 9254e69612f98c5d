import ArgumentParser
import Foundation
import PortalCore

struct PortalCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "portal",
            abstract: "A company portal in the terminal: sign in, see your devices' compliance, browse your organization's apps.",
            discussion: defaultCommandOptions(),
            version: portalVersion,
            subcommands: [RunCommand.self, StoreCommand.self, ScreensCommand.self, BenchCommand.self, TotpCommand.self, TokensCommand.self, ProbeCommand.self,
                          DevicesCommand.self, DeviceCommand.self, AppsCommand.self, AppCommand.self, KioskCommand.self],
            defaultSubcommand: RunCommand.self)
    }

    /// `portal --help` names the options of `portal run` too, since `portal`
    /// alone runs it; they come from its own help so they cannot drift.
    private static func defaultCommandOptions() -> String {
        let help = RunCommand.helpMessage(columns: 72)
        guard let start = help.range(of: "OPTIONS:\n") else { return "" }
        let options = help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("-h, --help") && !$0.contains("--version") }
        return "`portal` alone runs `portal run`, which takes these options:\n"
            + options.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}

/// Options every command accepts.
struct StoreOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store: a JSON file, or a postgresql:// URL (default: $PORTAL_STORE, else $XDG_DATA_HOME/company-portal/portal.json).", valueName: "path|url"))
    var store: String?
}

/// Writes a message to standard error, one line per line of text. Any control
/// character left in it (a theme name, a path, an argument) is written as a
/// visible escape, so no message can drive the terminal. Backslashes are left
/// alone: messages that hold store text arrive escaped by `InertText` already.
func printError(_ text: String) {
    var safe = ""
    for scalar in text.unicodeScalars {
        if scalar != "\n", InertText.isUnsafe(scalar) {
            safe += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
            safe.unicodeScalars.append(scalar)
        }
    }
    FileHandle.standardError.write(Data((safe + "\n").utf8))
}
