import ArgumentParser
import Foundation
import PortalCore
import PortalCurses
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

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var chosenTheme: Theme
        do {
            chosenTheme = try ThemeCatalog.load(theme)
        } catch {
            printError("portal: --theme: \(error)")
            throw ExitCode(2)
        }
        if NoColor.isRequested(in: environment) { chosenTheme = chosenTheme.withoutColor }
        // Read before the terminal check, so a bad store is reported even
        // without a terminal; the default is created only after it.
        let store = JSONStore(url: StoreLocation.resolve(explicit: storeOption.store, environment: environment))
        let loaded: Tenant?
        do {
            loaded = try loadNamedOrExisting(store, environment: environment)
        } catch {
            printError("portal: \(error)")
            throw ExitCode(1)
        }
        do {
            try CursesBackend.checkTerminal()
        } catch {
            printError("portal: \(error)")
            throw ExitCode(2)
        }
        let tenant: Tenant
        do {
            tenant = try loaded ?? createDefault(store)
        } catch {
            printError("portal: \(error)")
            throw ExitCode(1)
        }

        let brand = ColorText.rgb(tenant.organization.themeColor) ?? (0, 120, 212)
        let backend: CursesBackend
        do {
            backend = try CursesBackend(theme: chosenTheme, brandColor: brand, mouse: !noMouse)
        } catch {
            printError("portal: \(error)")
            throw ExitCode(2)
        }
        var context = PortalContext(tenant: tenant, timeZone: .current, mouseEnabled: !noMouse)
        context.localeIsUTF8 = backend.localeIsUTF8
        let runtime = PortalRuntime(context: context, clock: SystemClock(), size: backend.size)
        let signal = TerminalLoop.run(runtime, on: backend)
        backend.shutdown()
        if let signal { throw ExitCode(128 + signal) }
    }

    /// A named store must exist (a mistyped path would otherwise open a fresh
    /// demo); nil means the default store is not there yet.
    private func loadNamedOrExisting(_ store: JSONStore, environment: [String: String]) throws(StoreError) -> Tenant? {
        if StoreLocation.isNamed(explicit: storeOption.store, environment: environment) || store.exists {
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
