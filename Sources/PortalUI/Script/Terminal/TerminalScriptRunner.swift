import Foundation
import PortalCore

/// Replays a screen script in a real terminal: the portal binary in a
/// private tmux pane (`TerminalSession`), compared with the goldens the
/// headless runner checks. A headless runtime plays the same steps alongside
/// for what only the program's state can tell: the code `type-code` types,
/// and the roles `expect-role` checks, on the headless screen and, mapped
/// to the colors and attributes the theme gives them, in the terminal.
public struct TerminalScriptRunner {
    public var portal: URL
    public var updateGoldens: Bool
    /// The longest the program may take to take an input and go idle.
    public var timeout: TimeInterval

    public init(portal: URL, updateGoldens: Bool = false, timeout: TimeInterval = 20) {
        self.portal = portal
        self.updateGoldens = updateGoldens
        self.timeout = timeout
    }

    public func run(file: URL) throws(ScriptError) -> ScriptRunner.Outcome {
        try run(ScriptParser.parse(ScriptRunner.read(file), file: file))
    }

    public func run(_ script: ScreenScript) throws(ScriptError) -> ScriptRunner.Outcome {
        let headless = ScriptRunner()
        let (tenant, context) = try headless.world(for: script)
        var outcome = ScriptRunner.Outcome(script: script.file.relativePath)
        let session: TerminalSession
        do {
            session = try TerminalSession(script: script, portal: portal, timeout: timeout)
        } catch {
            outcome.failures.append("the portal did not start in tmux: \(Self.describe(error))")
            return outcome
        }
        let clock = VirtualClock(start: script.clock)
        var size = script.size
        var shadow = try headless.target(script, tenant: tenant, context: context, clock: clock, size: size)
        shadow.send(.input(.resize(size)))
        var goldens: [(url: URL, text: String, step: ScreenScript.Step)] = []

        func fail(_ step: ScreenScript.Step, _ what: String, _ screen: TerminalScreen?) {
            let shown = screen ?? (try? session.screen())
            outcome.failures.append("line \(step.line): `\(InertText.escaped(step.text))`: \(what)"
                                    + (shown.map { "; the terminal showed:\n" + $0.numbered } ?? ""))
        }

        steps: for step in script.steps {
            if shadow.isFinished && step.command.isInput && step.command != .restart {
                outcome.failures.append("line \(step.line): `\(InertText.escaped(step.text))`: the program had already quit")
                break
            }
            do {
                switch step.command {
                case let .press(keys):
                    for key in keys {
                        try session.press(key)
                        shadow.send(.input(.key(key)))
                    }
                case let .type(text):
                    try session.type(text)
                    for character in text { shadow.send(.input(.key(.character(character)))) }
                case let .typeCode(name, methodName):
                    guard let code = ScriptRunner.code(of: name, method: methodName, runtime: shadow.portal, now: clock.now()) else {
                        fail(step, "\(InertText.escaped(name)) has no method that gives codes", nil)
                        break steps
                    }
                    try session.type(code)
                    for character in code { shadow.send(.input(.key(.character(character)))) }
                case let .wait(seconds):
                    try session.wait(seconds)
                    clock.advance(by: seconds)
                    shadow.send(.tick)
                case let .resize(newSize):
                    try session.resize(newSize)
                    size = newSize
                    shadow.send(.input(.resize(size)))
                case .restart:
                    try session.restart()
                    shadow = try headless.target(script, tenant: tenant, context: context, clock: clock, size: size)
                    shadow.send(.input(.resize(size)))
                case let .click(x, y):
                    try session.click(x: x, y: y)
                    shadow.send(.input(.mouse(MouseEvent(kind: .click, x: x, y: y))))
                case let .expect(text):
                    let screen = try session.screen(expected: Snapshot.text(of: shadow.render()))
                    if !screen.text.contains(text) { fail(step, "expected \"\(text)\" on screen", screen) }
                case let .expectAbsent(text):
                    let screen = try session.screen(expected: Snapshot.text(of: shadow.render()))
                    if screen.text.contains(text) { fail(step, "expected \"\(text)\" to be absent", screen) }
                case let .expectRow(row, text):
                    let screen = try session.screen(expected: Snapshot.text(of: shadow.render()))
                    if row >= screen.rows.count || !screen.rows[row].contains(text) {
                        fail(step, "expected \"\(text)\" on row \(row)", screen)
                    }
                case let .expectRole(text, role):
                    let screen = try session.screen(expected: Snapshot.text(of: shadow.render()))
                    if !screen.text.contains(text) {
                        fail(step, "expected \"\(text)\" on screen", screen)
                    } else if let problem = RoleExpectation.problem(text, role, on: shadow.render()) {
                        fail(step, problem + " (on the headless screen)", screen)
                    } else if let problem = try roleStyles(script, shadow.portal.context).problem(text, role, on: session.tmux.styledScreen()) {
                        fail(step, problem, screen)
                    }
                case let .snapshot(label):
                    let url = script.goldenURL(label: label)
                    let actual = try session.screen(expected: try? String(contentsOf: url, encoding: .utf8)).snapshot
                    let expected = try? String(contentsOf: url, encoding: .utf8)
                    if expected == actual { continue }
                    if updateGoldens {
                        goldens.append((url, actual, step))
                    } else if let expected {
                        // Whether headless agrees with the golden tells a terminal
                        // difference from a change of the screen itself.
                        let headless = Snapshot.text(of: shadow.render()) == expected
                            ? "\nthe headless replay shows the golden here: the terminal and headless disagree" : ""
                        outcome.failures.append("line \(step.line): `\(InertText.escaped(step.text))`: the terminal "
                                                + Snapshot.mismatch(expected: expected, actual: actual, golden: url, script: script.file)
                                                    .dropFirst("the ".count) + headless)
                    } else {
                        outcome.failures.append("line \(step.line): `\(InertText.escaped(step.text))`: no golden \(url.lastPathComponent); run portal screens run --update to create it")
                    }
                }
            } catch {
                fail(step, Self.describe(error), nil)
                break steps
            }
        }
        ScriptRunner.write(goldens, into: &outcome)
        return outcome
    }

    /// The styles the terminal shows roles in: the script's theme at 256
    /// colors (the pane's terminal type) with the organization's brand color.
    private func roleStyles(_ script: ScreenScript, _ context: PortalContext) throws -> TerminalRoleStyles {
        let brand = ColorText.rgb(context.organization.themeColor) ?? Self.defaultBrand
        return TerminalRoleStyles(theme: try ThemeCatalog.load(script.theme), depth: .colors256, brand: brand)
    }

    /// The brand color the portal draws with until its store brings one.
    static let defaultBrand: (UInt8, UInt8, UInt8) = (0, 120, 212)

    private static func describe(_ error: Error) -> String {
        if let error = error as? TerminalSession.StepError { return error.message }
        return String(describing: error)
    }
}
