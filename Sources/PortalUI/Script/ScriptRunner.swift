import Foundation
import PortalCore
import PortalProbe
import PortalStore

/// Replays a screen script headless: no terminal, a virtual clock, and the
/// in-memory screen checked after every step once all effects are drained.
public struct ScriptRunner {
    public struct Outcome: Sendable {
        public var script: String
        public var failures: [String] = []
        public var updatedGoldens: [String] = []
        public var passed: Bool { failures.isEmpty }
    }

    /// Demo fixtures hash passwords with fewer PBKDF2 rounds so replay stays fast.
    public static let fixtureIterations = 1_000

    public var updateGoldens: Bool
    /// At most this many input events (keys, clicks, resizes, ticks) are sent;
    /// the rest of the script is skipped. Fuzzing bounds each case this way
    /// rather than by wall time, so a run is the same on any machine.
    public var inputLimit: Int?
    /// Sees each screen as the replay goes (casts, pictures); nil renders nothing extra.
    public var observe: ((ScriptEvent) -> Void)?

    public init(updateGoldens: Bool = false, inputLimit: Int? = nil) {
        self.updateGoldens = updateGoldens
        self.inputLimit = inputLimit
    }

    /// Reads, parses and plays a script file. Malformed scripts throw.
    public func run(file: URL) throws(ScriptError) -> Outcome {
        try run(ScriptParser.parse(Self.read(file), file: file))
    }

    /// The script's text; a missing file or bytes that are not UTF-8 are
    /// errors that say where.
    static func read(_ file: URL) throws(ScriptError) -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            let reason = FileManager.default.fileExists(atPath: file.path) ? "cannot read the script" : "no such script"
            throw ScriptError(file: file.relativePath, line: 1, message: reason)
        }
        if let text = String(data: data, encoding: .utf8) { return text }
        throw ScriptError(file: file.relativePath, line: firstLineNotUTF8(data), message: "the script is not UTF-8 text")
    }

    /// The 1-based line of the first byte sequence that is not UTF-8, with
    /// lines ending as the parser ends them (LF, CRLF or CR).
    static func firstLineNotUTF8(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        var line = 1, start = 0, index = 0
        func valid(_ range: Range<Int>) -> Bool { String(validating: bytes[range], as: UTF8.self) != nil }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                if !valid(start..<index) { return line }
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                line += 1
                start = index + 1
            }
            index += 1
        }
        return line
    }

    public func run(_ script: ScreenScript) throws(ScriptError) -> Outcome {
        var outcome = Outcome(script: script.file.relativePath)
        let clock = VirtualClock(start: script.clock)
        let (tenant, context) = try world(for: script)
        var size = script.size
        var runtime = try target(script, tenant: tenant, context: context, clock: clock, size: size)
        runtime.send(.input(.resize(size)))
        observe?(.started(script, screen: runtime.render(), at: clock.now(), brandColor: runtime.portal.context.organization.themeColor))
        defer { observe?(.finished(outcome)) }
        func shown() { observe?(.input(runtime.render(), at: clock.now())) }
        var inputsLeft = inputLimit ?? Int.max
        var goldens: [(url: URL, text: String, step: ScreenScript.Step)] = []

        steps: for step in script.steps {
            // After a quit there is nothing on screen to check either: a real
            // terminal shows the shell by then, so headless says so too.
            if runtime.isFinished && step.command != .restart {
                outcome.failures.append("line \(step.line): `\(InertText.escaped(step.text))`: the program had already quit")
                break
            }
            switch step.command {
            case let .press(keys):
                for key in keys {
                    guard spend(&inputsLeft) else { break steps }
                    runtime.send(.input(.key(key)))
                    shown()
                }
            case let .type(text):
                for character in text {
                    guard spend(&inputsLeft) else { break steps }
                    runtime.send(.input(.key(.character(character))))
                    shown()
                }
            case let .typeCode(name, methodName):
                guard let code = Self.code(of: name, method: methodName, runtime: runtime.portal, now: clock.now()) else {
                    outcome.failures.append(failure(step, "\(InertText.escaped(name)) has no method\(methodName.map { " named \"\(InertText.escaped($0))\"" } ?? "") that gives codes", runtime.render()))
                    break steps
                }
                for character in code {
                    guard spend(&inputsLeft) else { break steps }
                    runtime.send(.input(.key(.character(character))))
                    shown()
                }
            case let .wait(seconds):
                guard spend(&inputsLeft) else { break steps }
                clock.advance(by: seconds)
                runtime.send(.tick)
                shown()
            case let .resize(newSize):
                guard spend(&inputsLeft) else { break steps }
                size = newSize
                runtime.send(.input(.resize(size)))
                shown()
            case .restart:
                guard spend(&inputsLeft) else { break steps }
                // Nothing of the last run survives but what its store kept.
                runtime = try target(script, tenant: tenant, context: context, clock: clock, size: size)
                runtime.send(.input(.resize(size)))
                shown()
            case let .click(x, y):
                guard spend(&inputsLeft) else { break steps }
                runtime.send(.input(.mouse(MouseEvent(kind: .click, x: x, y: y))))
                shown()
            case let .expect(text):
                let screen = runtime.render()
                if !screen.text.contains(text) {
                    outcome.failures.append(failure(step, "expected \"\(text)\" on screen", screen))
                }
            case let .expectAbsent(text):
                let screen = runtime.render()
                if screen.text.contains(text) {
                    outcome.failures.append(failure(step, "expected \"\(text)\" to be absent", screen))
                }
            case let .expectRow(row, text):
                let screen = runtime.render()
                if row >= screen.size.height || !screen.row(row).contains(text) {
                    outcome.failures.append(failure(step, "expected \"\(text)\" on row \(row)", screen))
                }
            case let .expectRole(text, role):
                let screen = runtime.render()
                if let problem = RoleExpectation.problem(text, role, on: screen) {
                    outcome.failures.append(failure(step, problem, screen))
                }
            case let .snapshot(label):
                let url = script.goldenURL(label: label)
                let screen = runtime.render()
                observe?(.snapshot(label: label, screen))
                let actual = Snapshot.text(of: screen)
                let expected = try? String(contentsOf: url, encoding: .utf8)
                if expected == actual { continue }
                if updateGoldens {
                    goldens.append((url, actual, step))
                } else if let expected {
                    outcome.failures.append("line \(step.line): `\(InertText.escaped(step.text))`: "
                                            + Snapshot.mismatch(expected: expected, actual: actual, golden: url, script: script.file))
                } else {
                    outcome.failures.append("line \(step.line): `\(InertText.escaped(step.text))`: no golden \(url.lastPathComponent); run portal screens run --update to create it")
                }
            }
        }
        Self.write(goldens, into: &outcome)
        return outcome
    }

    /// Writes the goldens `--update` collected. A golden records a screen the
    /// script vouches for: when any expectation failed, the screens are
    /// suspect and no golden changes.
    static func write(_ goldens: [(url: URL, text: String, step: ScreenScript.Step)], into outcome: inout Outcome) {
        if !outcome.failures.isEmpty {
            if !goldens.isEmpty {
                outcome.failures.append("not updating \(goldens.count) golden\(goldens.count == 1 ? "" : "s") because the script failed")
            }
            return
        }
        for golden in goldens {
            do {
                try golden.text.write(to: golden.url, atomically: true, encoding: .utf8)
                outcome.updatedGoldens.append(golden.url.relativePath)
            } catch {
                outcome.failures.append("line \(golden.step.line): cannot write \(golden.url.relativePath): \(error.localizedDescription)")
            }
        }
    }

    /// New methods' secrets come from a source seeded with this, so goldens hold still.
    static let secretSeed: UInt64 = 11

    /// The code the named method (or the one being registered, or the one
    /// the screen asks for, or the user's default) shows at `now`.
    static func code(of principalName: String, method name: String?, runtime: PortalRuntime, now: Date) -> String? {
        if let registering = PortalApp.methodBeingRegistered(runtime.state),
           registering.user.userPrincipalName.lowercased() == principalName.lowercased(),
           name == nil || registering.method.displayName.lowercased() == name?.lowercased() {
            return registering.method.secret.map { registering.method.oneTimeCode.code(secret: $0, at: now) }
        }
        guard let user = (try? runtime.context.directory.signInFacts(principalName: principalName))?.user else { return nil }
        var method: MfaMethod?
        if let name {
            method = user.mfaMethods.first { $0.displayName.lowercased() == name.lowercased() || $0.id == name }
        } else if case let .secondFactor(asked) = runtime.state.screen, asked.user.id == user.id {
            method = asked.method
        } else {
            method = user.defaultCodeMethod ?? user.mfaMethods.first { $0.givesCodes }
        }
        guard let method, let secret = method.secret else { return nil }
        return method.oneTimeCode.code(secret: secret, at: now)
    }

    private func spend(_ inputsLeft: inout Int) -> Bool {
        guard inputsLeft > 0 else { return false }
        inputsLeft -= 1
        return true
    }

    /// The demo organization a script's `store demo` means, at `iterations`.
    static func demo(_ script: ScreenScript, iterations: Int = fixtureIterations) -> Tenant {
        DemoOrganization.make(now: script.clock, random: SeededRandomSource(seed: 7), iterations: iterations)
    }

    /// A store file or host, relative to the script's folder.
    static func relative(_ script: ScreenScript, _ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : script.file.deletingLastPathComponent().appendingPathComponent(path)
    }

    func loadStore(_ script: ScreenScript) throws(ScriptError) -> Tenant {
        switch script.store {
        case .demo:
            return Self.demo(script)
        case let .file(path):
            let url = Self.relative(script, path)
            do {
                return try JSONStore(url: url).load()
            } catch {
                throw ScriptError(file: script.file.relativePath, line: script.headerLines["store"] ?? 1,
                                  message: InertText.escaped("store: \(error)"))
            }
        }
    }

    /// The inspection of "this Linux machine": a folder is probed at each
    /// inspection, a file holds the facts one gave.
    func hostInspection(_ script: ScreenScript) throws(ScriptError) -> (@Sendable () -> HostFacts)? {
        guard let path = script.host else { return nil }
        let url = Self.relative(script, path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            let probe = HostProbe(root: url)
            return { probe.inspect() }
        }
        do {
            let facts = try JSONDecoder().decode(HostFacts.self, from: Data(contentsOf: url))
            return { facts }
        } catch {
            throw ScriptError(file: script.file.relativePath, line: script.headerLines["host"] ?? 1,
                              message: InertText.escaped("host: \(path): \(error.localizedDescription); give a folder of a machine's etc/, proc/ and sys/ files, or the facts portal probe --json prints"))
        }
    }

    func failure(_ step: ScreenScript.Step, _ what: String, _ screen: CellBuffer) -> String {
        "line \(step.line): `\(InertText.escaped(step.text))`: \(what); the screen was:\n" + Snapshot.numbered(screen)
    }
}
