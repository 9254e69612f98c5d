import ArgumentParser

/// `portal app ...`: commands about one app.
struct AppCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "app", abstract: "One app of a user's catalog: install it on one of their devices.",
                             subcommands: [AppInstallCommand.self])
    }
}
