import ArgumentParser
import Foundation
import PortalCore
import PortalCurses
import PortalStore
import PortalUI

/// `portal kiosk`: the portal for a stand or a training room. Each visitor
/// works on a copy of the store held in memory; the store is only read.
struct KioskCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "kiosk",
            abstract: "Run the portal unattended: idle sessions reset, an attract script plays, only a PIN exits.",
            discussion: """
            Each visitor works on a copy of the store held in memory; the store file is never written. \
            After --idle-reset seconds without a key a countdown warns, then the session is thrown away and \
            the sign-in screen returns. An untouched sign-in screen plays the --attract script (a Screens/*.screen \
            file; its press, type, type-code, wait and click steps) in a loop until a key is pressed. \
            q, Ctrl-C, Ctrl-Z, Ctrl-\\ and F10 do nothing; an operator presses F12 and types the exit PIN, whose \
            hash is organization.kioskExitPinHash in the store or --exit-pin-hash (make one with portal kiosk hash-pin). \
            After 3 wrong PINs each try waits, from 30 s, twice as long each time.
            """,
            subcommands: [HashPin.self, Soak.self])
    }

    @OptionGroup var storeOption: StoreOption

    @Option(name: .customLong("idle-reset"), help: ArgumentHelp("Seconds without a key before a visitor's session resets (a 10 s countdown warns first).", valueName: "seconds"))
    var idleReset: Int = 120

    @Option(help: ArgumentHelp("A screen script to play while nobody uses the kiosk.", valueName: "script"))
    var attract: String?

    @Option(help: ArgumentHelp("Milliseconds between the attract script's keys.", valueName: "ms"))
    var pace: Int = 80

    @Option(name: .customLong("exit-pin-hash"), help: ArgumentHelp("The exit PIN's hash as portal kiosk hash-pin prints it (instead of the store's).", valueName: "hash"))
    var exitPinHash: String?

    /// For `screens run --terminal`, which pins the script's theme and mouse.
    @Option(help: .hidden)
    var theme = "default"

    @Flag(name: .customLong("no-mouse"), help: .hidden)
    var noMouse = false

    /// For `screens run --terminal`: the clock and world folder `portal run --script-control` takes.
    @Option(name: .customLong("script-control"), help: .hidden)
    var scriptControl: String?

    func validate() throws {
        guard (1...86_400).contains(idleReset) else { throw ValidationError("--idle-reset takes 1 to 86400 seconds") }
        guard (1...10_000).contains(pace) else { throw ValidationError("--pace takes 1 to 10000 milliseconds") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let store = StoreTarget.resolve(explicit: storeOption.store, environment: environment)
        let tenant: Tenant
        do {
            // A kiosk never creates or writes a store: it must be there.
            if case let .file(file) = store, !file.exists { throw StoreError.notFound(path: file.path) }
            tenant = try store.load()
        } catch {
            printError("portal: \(error)")
            throw ExitCode(1)
        }
        var settings = KioskSettings(idleReset: TimeInterval(idleReset), exitPinHash: tenant.organization.kioskExitPinHash)
        if let exitPinHash { settings.exitPinHash = try Self.pinHash(exitPinHash, scripted: scriptControl != nil) }
        if let attract {
            do {
                settings.attract = try AttractScript.load(URL(fileURLWithPath: attract), pace: Double(pace) / 1_000)
            } catch {
                printError("portal: --attract: \(error)")
                throw ExitCode(2)
            }
        }
        guard CursesBackend.hasTerminal else {
            printError("portal: \(CursesBackend.StartError.notATerminal)")
            throw ExitCode(2)
        }
        let chosenTheme = try TerminalStart.theme(theme)
        let backend = try TerminalStart.backend(theme: chosenTheme, mouse: !noMouse)
        var scripted: ScriptedRun?
        if let scriptControl {
            do {
                scripted = try ScriptedRun(folder: URL(fileURLWithPath: scriptControl))
                // Checked once here; each session applies it again below.
                var check = PortalContext(tenant: tenant, timeZone: .current)
                try scripted?.world.apply(to: &check)
            } catch {
                backend.shutdown()
                printError("portal: --script-control: \(error)")
                throw ExitCode(2)
            }
        }
        var about = PortalAbout(version: portalVersion, storePath: store.location,
                                reportFolder: FileManager.default.homeDirectoryForCurrentUser.path)
        if case .database = store { about.databaseSchemaVersion = PostgresStore.schemaVersion }
        let localeIsUTF8 = backend.localeIsUTF8
        let mouse = !noMouse
        let world = scripted?.world
        let runtime = KioskRuntime(tenant: tenant, settings: settings, clock: scripted?.control.clock ?? SystemClock(), size: backend.size) { copy in
            var context = PortalContext(tenant: copy, timeZone: .current, mouseEnabled: mouse, random: SystemRandomSource())
            context.localeIsUTF8 = localeIsUTF8
            context.about = about
            // A scripted visitor starts as the headless runner's: a fresh seeded source, its host, its About.
            try? world?.apply(to: &context)
            return context
        }
        if case .database = store {
            runtime.freshTenant = { try? store.load() }
            // What an administrator changes reaches the visitor on screen at once.
            if let feed = try? store.directory() as? any DirectoryChangeFeed {
                let changes = runtime.storeChanges
                feed.watchChanges { event in
                    switch event {
                    case .changed, .catalogChanged: changes.value = true
                    case .unreachable: break
                    }
                }
            }
        }
        let signal = TerminalLoop.run(runtime, on: backend, control: scripted?.control)
        backend.shutdown()
        if let signal { throw ExitCode(128 + signal) }
    }

    /// The JSON object hash-pin prints, checked as the store checks its hashes;
    /// a scripted kiosk also takes the screen scripts' fixture rounds, so a PIN
    /// costs what it costs headless.
    static func pinHash(_ text: String, scripted: Bool = false) throws -> PasswordHash {
        guard let hash = try? JSONDecoder().decode(PasswordHash.self, from: Data(text.utf8)) else {
            printError("portal: --exit-pin-hash: not a hash as portal kiosk hash-pin prints it ({\"algorithm\": …, \"hash\": …, \"iterations\": …, \"salt\": …})")
            throw ExitCode(2)
        }
        var checked = hash
        if scripted && hash.iterations == ScriptRunner.fixtureIterations { checked.iterations = PasswordHash.allowedIterations.lowerBound }
        let problems = StoreValidator().problems(in: checked, path: "--exit-pin-hash")
        guard problems.isEmpty else {
            problems.forEach { printError("portal: \($0)") }
            throw ExitCode(2)
        }
        return hash
    }

    struct HashPin: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "hash-pin",
                                 abstract: "Read an exit PIN from standard input and print its hash, for organization.kioskExitPinHash or --exit-pin-hash.")
        }

        func run() throws {
            let pin: String
            if isatty(0) == 1 {
                // At a terminal: asked twice, never shown, never in the shell's history.
                guard let first = PinReader.ask("Exit PIN: "), let second = PinReader.ask("The same PIN again: ") else {
                    printError("portal: no PIN was given; nothing was printed")
                    throw ExitCode(2)
                }
                guard first == second else {
                    printError("portal: the two PINs differ; run portal kiosk hash-pin again")
                    throw ExitCode(2)
                }
                pin = first
            } else {
                let line = readLine(strippingNewline: true) ?? ""
                pin = line.hasSuffix("\r") ? String(line.dropLast()) : line
            }
            guard (4...PinPrompt.longest).contains(pin.count) else {
                printError("portal: a PIN has 4 to \(PinPrompt.longest) characters; type it at the prompt or on standard input")
                throw ExitCode(2)
            }
            let hash = PasswordHash.make(password: pin, random: SystemRandomSource())
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(hash), as: UTF8.self))
        }
    }

    /// Many visitor sessions and attract loops on the virtual clock, with the
    /// peak memory along the way: it should stay flat.
    struct Soak: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "soak", abstract: "Run kiosk sessions headless and report peak memory.", shouldDisplay: false)
        }

        @Option(help: "Visitor sessions to run.")
        var sessions = 2_000

        func run() throws {
            let start = Date(timeIntervalSince1970: 1_795_338_000)
            let tenant = DemoOrganization.make(now: start, random: SeededRandomSource(seed: 7), iterations: ScriptRunner.fixtureIterations)
            let attract = try AttractScript(ScriptParser.parse(KioskSoak.visitorScript, file: URL(fileURLWithPath: "attract.screen")))
            let soak = KioskSoak(tenant: tenant, attract: attract, start: start)
            let began = Date()
            let marks = Set([1, sessions / 10, sessions / 2, sessions].filter { $0 > 0 })
            for visit in 1...max(1, sessions) {
                soak.visit()
                if marks.contains(visit) {
                    print("after \(visit) visits: \(soak.runtime.sessionsStarted) sessions started, peak RSS \(String(format: "%.1f", peakResidentMegabytes())) MB, \(String(format: "%.1f", Date().timeIntervalSince(began))) s")
                }
            }
            print("\(sessions) visits in \(String(format: "%.1f", Date().timeIntervalSince(began))) s")
        }
    }
}
