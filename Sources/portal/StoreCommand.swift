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
            CommandConfiguration(commandName: "init", abstract: "Create a store file: an empty organization, the demo one with --demo, or a made-up one with --synthetic.")
        }

        @OptionGroup var storeOption: StoreOption

        @Flag(help: "Fill the store with the built-in demo organization.")
        var demo = false

        @Option(help: ArgumentHelp("Fill the store with a made-up organization of this size, for benchmarks; every user's password is the same, printed on success.", valueName: "users=U,devices=D,apps=A"))
        var synthetic: String?

        @Option(help: "The seed of --synthetic: the same seed, size and day give the same store.")
        var seed: UInt64 = 1

        @Flag(help: "Replace a file that is already there.")
        var force = false

        @Argument(help: ArgumentHelp("Where to create the store (default: --store, $PORTAL_STORE or the default path).", valueName: "path"))
        var path: String?

        func validate() throws {
            if demo, synthetic != nil { throw ValidationError("give --demo or --synthetic, not both") }
            if let synthetic, case let .failure(problem) = SyntheticOrganization.Size.parse(synthetic) {
                throw ValidationError(problem.description)
            }
        }

        func run() throws {
            let url = StoreLocation.resolve(explicit: path ?? storeOption.store, environment: ProcessInfo.processInfo.environment)
            let store = JSONStore(url: url)
            let now = SystemClock().now()
            let size = synthetic.flatMap { try? SyntheticOrganization.Size.parse($0).get() }
            let tenant = if let size { SyntheticOrganization.make(size, seed: seed, now: now) }
                else if demo { DemoOrganization.make(now: now, random: SystemRandomSource()) }
                else { EmptyOrganization.make() }
            do {
                try store.create(tenant, force: force)
            } catch {
                printError("portal: \(error)")
                throw ExitCode(1)
            }
            if let size {
                print("Created a synthetic organization (\(size.users) users, \(size.devices) devices, \(size.apps) apps) in \(InertText.escaped(store.path))")
                print("Every user's password is \(SyntheticOrganization.password)")
            } else {
                print("Created \(demo ? "the demo organization" : "an empty organization") in \(InertText.escaped(store.path))")
            }
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
