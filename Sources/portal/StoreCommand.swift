import ArgumentParser
import Foundation
import PortalCore
import PortalStore

struct StoreCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "store", abstract: "Create and check store files.",
                             subcommands: [InitCommand.self, ValidateCommand.self])
    }

    struct InitCommand: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "init", abstract: "Create a store file: an empty organization, or the demo one with --demo.")
        }

        @OptionGroup var storeOption: StoreOption

        @Flag(help: "Fill the store with the built-in demo organization.")
        var demo = false

        @Flag(help: "Replace a file that is already there.")
        var force = false

        @Argument(help: ArgumentHelp("Where to create the store (default: --store, $PORTAL_STORE or the default path).", valueName: "path"))
        var path: String?

        func run() throws {
            let url = StoreLocation.resolve(explicit: path ?? storeOption.store, environment: ProcessInfo.processInfo.environment)
            let store = JSONStore(url: url)
            let now = SystemClock().now()
            let tenant = demo ? DemoOrganization.make(now: now, random: SystemRandomSource()) : EmptyOrganization.make()
            do {
                try store.create(tenant, force: force)
            } catch {
                printError("portal: \(error)")
                throw ExitCode(1)
            }
            print("Created \(demo ? "the demo organization" : "an empty organization") in \(InertText.escaped(store.path))")
        }
    }

    struct ValidateCommand: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "validate",
                                 abstract: "Check a store file: exit 0 when valid, 1 with one line per problem when not.")
        }

        @OptionGroup var storeOption: StoreOption

        @Argument(help: ArgumentHelp("The store to check (default: --store, $PORTAL_STORE or the default path).", valueName: "path"))
        var path: String?

        func run() throws {
            let url = StoreLocation.resolve(explicit: path ?? storeOption.store, environment: ProcessInfo.processInfo.environment)
            let store = JSONStore(url: url)
            do {
                let tenant = try store.load()
                print("\(InertText.escaped(store.path)): valid (schema \(StoreCodec.schemaVersion); \(tenant.users.count) users, \(tenant.managedDevices.count) devices, \(tenant.mobileApps.count) apps)")
            } catch {
                for line in error.problemLines { print(line) }
                throw ExitCode(1)
            }
        }
    }
}
