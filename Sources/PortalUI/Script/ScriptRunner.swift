import Foundation
import PortalCore
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

    public init(updateGoldens: Bool = false) { self.updateGoldens = updateGoldens }

    /// Reads, parses and plays a script file. Malformed scripts throw.
    public func run(file: URL) throws(ScriptError) -> Outcome {
        guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
            throw ScriptError(file: file.relativePath, line: 0, message: "cannot read the script")
        }
        return try run(ScriptParser.parse(text, file: file))
    }

    public func run(_ script: ScreenScript) throws(ScriptError) -> Outcome {
        var outcome = Outcome(script: script.file.relativePath)
        let clock = VirtualClock(start: script.clock)
        let tenant = try loadStore(script)
        do {
            _ = try ThemeCatalog.load(script.theme)
        } catch {
            throw ScriptError(file: script.file.relativePath, line: 0, message: "theme: \(error)")
        }
        let context = PortalContext(tenant: tenant, timeZone: script.timeZone, mouseEnabled: script.mouse)
        let runtime = PortalRuntime(context: context, clock: clock, size: script.size)
        runtime.send(.input(.resize(script.size)))

        for step in script.steps {
            if runtime.isFinished && step.command.isInput {
                outcome.failures.append("line \(step.line): `\(step.text)`: the program had already quit")
                break
            }
            switch step.command {
            case let .press(keys):
                for key in keys { runtime.send(.input(.key(key))) }
            case let .type(text):
                for character in text { runtime.send(.input(.key(.character(character)))) }
            case let .wait(seconds):
                clock.advance(by: seconds)
                runtime.send(.tick)
            case let .resize(size):
                runtime.send(.input(.resize(size)))
            case let .click(x, y):
                runtime.send(.input(.mouse(MouseEvent(kind: .click, x: x, y: y))))
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
            case let .snapshot(label):
                compare(runtime.render(), label: label, step: step, script: script, outcome: &outcome)
            }
        }
        return outcome
    }

    private func loadStore(_ script: ScreenScript) throws(ScriptError) -> Tenant {
        switch script.store {
        case .demo:
            return DemoOrganization.make(now: script.clock, random: SeededRandomSource(seed: 7), iterations: Self.fixtureIterations)
        case let .file(path):
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
                : script.file.deletingLastPathComponent().appendingPathComponent(path)
            do {
                return try JSONStore(url: url).load()
            } catch {
                throw ScriptError(file: script.file.relativePath, line: 0, message: "store: \(error)")
            }
        }
    }

    private func failure(_ step: ScreenScript.Step, _ what: String, _ screen: CellBuffer) -> String {
        "line \(step.line): `\(step.text)`: \(what); the screen was:\n" + Snapshot.text(of: screen)
    }

    private func compare(_ screen: CellBuffer, label: String, step: ScreenScript.Step, script: ScreenScript, outcome: inout Outcome) {
        let url = script.goldenURL(label: label)
        let actual = Snapshot.text(of: screen)
        let expected = (try? String(contentsOf: url, encoding: .utf8))
        if expected == actual { return }
        if updateGoldens {
            do {
                try actual.write(to: url, atomically: true, encoding: .utf8)
                outcome.updatedGoldens.append(url.relativePath)
            } catch {
                outcome.failures.append("line \(step.line): cannot write \(url.relativePath): \(error.localizedDescription)")
            }
            return
        }
        guard let expected else {
            outcome.failures.append("line \(step.line): `\(step.text)`: no golden \(url.lastPathComponent); run portal screens run --update to create it")
            return
        }
        outcome.failures.append("line \(step.line): `\(step.text)`: the screen differs from \(url.lastPathComponent):\n"
                                + Snapshot.diff(expected: expected, actual: actual))
    }
}
