import Foundation

/// The input steps of a screen script, paced for people to watch: what the
/// kiosk plays while nobody uses it. Expectations and snapshots are left
/// out; the kiosk's own store, clock and terminal size stand in for the
/// script's headers.
public struct AttractScript: Equatable, Sendable {
    public enum Input: Equatable, Sendable {
        case key(Key)
        case click(x: Int, y: Int)
        /// Types the code the account's method shows at the moment it plays.
        case typeCode(principalName: String, method: String?)
    }

    /// One input, played `delay` seconds after the one before; no input is a pause.
    public struct Item: Equatable, Sendable {
        public var delay: TimeInterval
        public var input: Input?
    }

    public var items: [Item]
    /// The time between two keys, typed code digits included.
    public var pace: TimeInterval

    /// Default pace: 80 ms a key reads as brisk typing.
    public static let defaultPace: TimeInterval = 0.08

    public init(_ script: ScreenScript, pace: TimeInterval = defaultPace) {
        // Every key takes some time, so the loop never spins without waiting.
        let pace = max(pace, 0.001)
        self.pace = pace
        var items: [Item] = []
        var waited: TimeInterval = 0
        func add(_ input: Input) {
            items.append(Item(delay: waited + pace, input: input))
            waited = 0
        }
        for step in script.steps {
            switch step.command {
            case let .press(keys): keys.forEach { add(.key($0)) }
            case let .type(text): text.forEach { add(.key(.character($0))) }
            case let .typeCode(name, method): add(.typeCode(principalName: name, method: method))
            case let .click(x, y): add(.click(x: x, y: y))
            case let .wait(seconds): waited += seconds
            // The kiosk always fills its terminal, and each loop starts a fresh session anyway.
            case .resize, .restart: break
            case .expect, .expectAbsent, .expectRow, .expectRole, .snapshot: break
            }
        }
        if waited > 0 { items.append(Item(delay: waited, input: nil)) }
        self.items = items
    }

    /// Whether there is anything to show: a script of only waits plays nothing.
    public var isEmpty: Bool { !items.contains { $0.input != nil } }

    /// Where the loop is: the next item, when it is due, and digits of a code still to type.
    public struct Position: Equatable, Sendable {
        public var index = 0
        public var due: Date
        public var typing: [Character] = []
        /// How many times the script has started from the top.
        public var loops = 0
    }
}

extension AttractScript {
    /// Reads a `Screens/*.screen` file with the screen scripts' parser; a
    /// malformed script is an error at its line, as `screens run` reports it.
    public static func load(_ url: URL, pace: TimeInterval = defaultPace) throws(ScriptError) -> AttractScript {
        AttractScript(try ScriptParser.parse(ScriptRunner.read(url), file: url), pace: pace)
    }
}
