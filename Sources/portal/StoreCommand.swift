import ArgumentParser
import Foundation
import PortalCore
import PortalStore

struct StoreCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "store", abstract: "Create, check and copy stores (JSON files or PostgreSQL databases).",
                             subcommands: [InitCommand.self, ValidateCommand.self, CopyCommand.self])
    }

    struct InitCommand: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "init", abstract: "Create a store: an empty organization, the demo one with --demo, or a made-up one with --synthetic.",
                                 discussion: "A postgresql:// URL creates the schema in that database (its migrations) and fills it in one transaction.")
        }

        @OptionGroup var storeOption: StoreOption

        @Flag(help: "Fill the store with the built-in demo organization.")
        var demo = false

        @Option(help: ArgumentHelp("Fill the store with a made-up organization of this size, for benchmarks; every user's password is the same, printed on success.", valueName: "users=U,devices=D,apps=A"))
        var synthetic: String?

        @Option(help: "The seed of --synthetic: the same seed, size and day give the same store.")
        var seed: UInt64 = 1

        @Flag(help: "Replace a store that is already there.")
        var force = false

        @Argument(help: ArgumentHelp("Where to create the store: a path or a postgresql:// URL (default: --store, $PORTAL_STORE or the default path).", valueName: "path|url"))
        var path: String?

        func validate() throws {
            if demo, synthetic != nil { throw ValidationError("give --demo or --synthetic, not both") }
            if let synthetic, case let .failure(problem) = SyntheticOrganization.Size.parse(synthetic) {
                throw ValidationError(problem.description)
            }
        }

        func run() throws {
            let store = StoreTarget.resolve(explicit: path ?? storeOption.store, environment: ProcessInfo.processInfo.environment)
            let now = SystemClock().now()
            let size = synthetic.flatMap { try? SyntheticOrganization.Size.parse($0).get() }
            let tenant = if let size { SyntheticOrganization.make(size, seed: seed, now: now) }
                else if demo { DemoOrganization.make(now: now, random: SystemRandomSource()) }
                else { EmptyOrganization.make() }
            do {
                try store.create(tenant, replace: force)
            } catch {
                printError("portal: \(error)")
                throw ExitCode(1)
            }
            if let size {
                print("Created a synthetic organization (\(size.users) users, \(size.devices) devices, \(size.apps) apps) in \(store.shown)")
                print("Every user's password is \(SyntheticOrganization.password)")
            } else {
                print("Created \(demo ? "the demo organization" : "an empty organization") in \(store.shown)")
            }
        }
    }

    struct ValidateCommand: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "validate",
                                 abstract: "Check a store (a file or a postgresql:// URL): exit 0 when valid, 1 with one line per problem when not.")
        }

        @OptionGroup var storeOption: StoreOption

        @Argument(help: ArgumentHelp("The store to check: a path or a postgresql:// URL (default: --store, $PORTAL_STORE or the default path).", valueName: "path|url"))
        var path: String?

        func run() throws {
            let store = StoreTarget.resolve(explicit: path ?? storeOption.store, environment: ProcessInfo.processInfo.environment)
            do {
                let tenant = try store.load()
                let schema = if case let .database(database) = store { "database schema \(try database.schemaVersion() ?? 0)" } else { "schema \(StoreCodec.schemaVersion)" }
                print("\(store.shown): valid (\(schema); \(tenant.users.count) users, \(tenant.managedDevices.count) devices, \(tenant.mobileApps.count) apps)")
            } catch {
                for line in StoreError.problemLines(of: error) { print(line) }
                throw ExitCode(1)
            }
        }
    }

    struct CopyCommand: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "copy", abstract: "Copy a store: a JSON file into a PostgreSQL database, a database into a file, or file to file.",
                discussion: """
                The source is read and validated whole; the target is written in one go (a file replaced atomically, a database \
                in one transaction), so a failed copy leaves it as it was. A file copied into a database and back is the same \
                file, byte for byte. Exit 0 copied, 1 when the source cannot be read or the target written, 2 for bad arguments.
                """)
        }

        @Argument(help: ArgumentHelp("The store to read: a path or a postgresql:// URL.", valueName: "from"))
        var from: String

        @Argument(help: ArgumentHelp("The store to write: a path or a postgresql:// URL.", valueName: "to"))
        var to: String

        @Flag(help: "Replace a store that is already at the target.")
        var force = false

        func validate() throws {
            if from == to { throw ValidationError("give two different stores to copy from and to") }
        }

        func run() throws {
            let source = StoreTarget.named(from), target = StoreTarget.named(to)
            let tenant: Tenant
            do {
                tenant = try source.load()
            } catch {
                for line in StoreError.problemLines(of: error) { printError(line) }
                throw ExitCode(1)
            }
            do {
                try target.create(tenant, replace: force)
            } catch {
                printError("portal: \(error)")
                throw ExitCode(1)
            }
            print("Copied \(tenant.users.count) users, \(tenant.managedDevices.count) devices and \(tenant.mobileApps.count) apps from \(source.shown) to \(target.shown)")
        }
    }
}
