import ArgumentParser

/// `portal device ...`: commands about one device.
struct DeviceCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "device", abstract: "Show one of a user's devices.",
                             subcommands: [DeviceShowCommand.self])
    }
}
