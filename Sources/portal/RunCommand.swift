import ArgumentParser
import Foundation
import PortalCore
import PortalCurses
import PortalProbe
import PortalStore
import PortalUI

/// Opens the portal in the terminal.
struct RunCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "run", abstract: "Open the portal (the default command).")
    }

    @OptionGroup var storeOption: StoreOption

    @Option(help: ArgumentHelp("A theme name (\(ThemeCatalog.builtInNames.joined(separator: ", "))) or a path to a theme file.", valueName: "name|path"))
    var theme = "default"

    @Flag(name: .customLong("no-mouse"), help: "Do not capture the mouse, so the terminal's own selection works.")
    var noMouse = false

    /// For end-to-end tests: "This Linux machine" inspects a fixture tree instead of the real root.
    @Option(name: .customLong("probe-root"), help: .hidden)
    var probeRoot: String?

    /// For `screens run --terminal`: a folder whose clock file drives a
    /// virtual clock and whose world.json pins what the headless runner pins.
    @Option(name: .customLong("script-control"), help: .hidden)
    var scriptControl: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let chosenTheme = try TerminalStart.theme(theme)
        let target = StoreTarget.resolve(explicit: storeOption.store, environment: environment)
        if case let .file(store) = target {
            try prepareFile(store, named: StoreLocation.isNamed(explicit: storeOption.store, environment: environment))
        } else if !CursesBackend.hasTerminal {
            // Say what is wrong with the database first: that is what a script wants to know.
            do {
                _ = try target.directory()
            } catch {
                printError("portal: \(error)")
                throw ExitCode(1)
            }
        }
        guard CursesBackend.hasTerminal else {
            printError("portal: \(CursesBackend.StartError.notATerminal)")
            throw ExitCode(2)
        }

        let backend = try TerminalStart.backend(theme: chosenTheme, mouse: !noMouse)
        var context = PortalContext.awaitingStore(timeZone: .current, mouseEnabled: !noMouse)
        context.localeIsUTF8 = backend.localeIsUTF8
        context.about = PortalAbout(version: portalVersion, storePath: target.location,
                                    reportFolder: FileManager.default.homeDirectoryForCurrentUser.path)
        if case .database = target { context.about.databaseSchemaVersion = PostgresStore.schemaVersion }
        #if os(Linux)
        let probe = HostProbe(root: URL(fileURLWithPath: probeRoot ?? "/"))
        context.inspectHost = { probe.inspect() }
        #endif
        var scripted: ScriptedRun?
        if let scriptControl {
            do {
                scripted = try ScriptedRun(folder: URL(fileURLWithPath: scriptControl))
                try scripted?.world.apply(to: &context)
            } catch {
                backend.shutdown()
                printError("portal: --script-control: \(error)")
                throw ExitCode(2)
            }
        }
        let runtime = PortalRuntime(context: context, clock: scripted?.control.clock ?? SystemClock(), size: backend.size)
        runtime.loadDirectory { try target.directory() }
        let signal = TerminalLoop.run(runtime, on: backend, control: scripted?.control)
        backend.shutdown()
        // A signal ended it (a quit already saved): installs keep the progress they made.
        if signal != nil { runtime.saveInstallProgress() }
        if let failure = runtime.loadFailure {
            printError("portal: \(failure)")
            throw ExitCode(1)
        }
        if let signal { throw ExitCode(128 + signal) }
    }

    /// The brand blue until the organization's own color arrives with the store.
    static let defaultBrand: (UInt8, UInt8, UInt8) = (0, 120, 212)

    /// A missing named file is an error at once; the default one is created
    /// on first run before the terminal starts. Any other store is read in
    /// the background, after the first frame; without a terminal, what is
    /// wrong with the store is said first, since that is what a script wants to know.
    private func prepareFile(_ store: JSONStore, named: Bool) throws {
        guard CursesBackend.hasTerminal else {
            do {
                _ = try loadNamedOrExisting(store, named: named)
            } catch {
                printError("portal: \(error)")
                throw ExitCode(1)
            }
            return
        }
        if named && !store.exists {
            printError("portal: \(StoreError.notFound(path: store.path))")
            throw ExitCode(1)
        }
        if !named && !store.exists {
            do {
                _ = try createDefault(store)
            } catch {
                printError("portal: \(error)")
                throw ExitCode(1)
            }
        }
    }

    /// A named store must exist (a mistyped path would otherwise open a fresh
    /// demo); nil means the default store is not there yet.
    private func loadNamedOrExisting(_ store: JSONStore, named: Bool) throws(StoreError) -> Tenant? {
        if named || store.exists {
            return try store.load()
        }
        return nil
    }

    /// Only the default store is created, on first run.
    private func createDefault(_ store: JSONStore) throws(StoreError) -> Tenant {
        printError("portal: creating the demo organization in \(InertText.escaped(store.path))")
        return try store.loadOrCreate {
            DemoOrganization.make(now: SystemClock().now(), random: SystemRandomSource())
        }
    }
}
