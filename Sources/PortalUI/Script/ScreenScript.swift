import Foundation

/// A parsed `Screens/*.screen` file: the world it pins and the steps it plays.
public struct ScreenScript: Sendable {
    public enum StoreSource: Equatable, Sendable {
        /// The built-in demo organization, made at the script's clock.
        case demo
        /// A store document, relative to the script's folder.
        case file(String)
    }

    public enum Command: Equatable, Sendable {
        case press([Key])
        case type(String)
        /// Types the code a user's method shows now on the script's clock.
        case typeCode(principalName: String, method: String?)
        case wait(TimeInterval)
        case resize(Size)
        case click(x: Int, y: Int)
        /// The portal starts again on the same store, as after a quit or a lost connection.
        case restart
        case expect(String)
        case expectAbsent(String)
        case expectRow(Int, String)
        /// The first occurrence of the text is drawn, every cell of it, in the role.
        case expectRole(String, Role)
        case snapshot(String)

        /// Steps that send something to the program, as opposed to checking it.
        public var isInput: Bool {
            switch self {
            case .press, .type, .typeCode, .wait, .resize, .click, .restart: true
            case .expect, .expectAbsent, .expectRow, .expectRole, .snapshot: false
            }
        }
    }

    public struct Step: Equatable, Sendable {
        public var line: Int
        public var text: String
        public var command: Command
    }

    public var file: URL
    public var size = Size(width: 80, height: 24)
    public var store: StoreSource = .demo
    public var theme = "default"
    public var clock = Date(timeIntervalSince1970: 1_795_338_000) // 2026-11-22T09:00:00Z
    public var timeZone = TimeZone(identifier: "UTC")!
    public var mouse = true
    /// "This Linux machine", relative to the script's folder: a folder of a
    /// host's files (etc/, proc/, sys/) the probe inspects as `--probe-root`
    /// does, or a file of facts as `portal probe --json` prints them; nil
    /// offers no machine.
    public var host: String?
    /// Drives `portal kiosk` around the portal (the `kiosk` header); nil drives the portal.
    public var kiosk: ScriptKiosk?
    public var steps: [Step] = []
    /// Where each header was given, so a header that fails later (a theme or
    /// store that cannot be loaded) is reported at its own line.
    public var headerLines: [String: Int] = [:]

    public init(file: URL) { self.file = file }

    public var name: String { file.deletingPathExtension().lastPathComponent }

    /// `Screens/signin.screen` + `home` -> `Screens/signin.home.txt`
    public func goldenURL(label: String) -> URL {
        file.deletingLastPathComponent().appendingPathComponent("\(name).\(label).txt")
    }
}

/// `file:line: what is wrong`
public struct ScriptError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
