import ArgumentParser
import Foundation

struct PortalCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "portal",
            abstract: "A company portal in the terminal: sign in, see your devices' compliance, browse your organization's apps.",
            subcommands: [RunCommand.self, StoreCommand.self, ScreensCommand.self],
            defaultSubcommand: RunCommand.self)
    }
}

/// Options every command accepts.
struct StoreOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file (default: $PORTAL_STORE, else $XDG_DATA_HOME/company-portal/portal.json).", valueName: "path"))
    var store: String?
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
