import ArgumentParser

/// `portal device ...`: commands about one device.
struct DeviceCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "device", abstract: "One of a user's devices: show it, or check its status.",
                             subcommands: [DeviceShowCommand.self, DeviceCheckCommand.self])
    }
}
