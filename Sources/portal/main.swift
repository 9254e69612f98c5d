import ArgumentParser
import Foundation
import PortalCore

// Usage errors exit 2, as the store and screen commands promise; argument
// parser's own default for them is 64. Its messages quote what was typed, so
// they are escaped like every other message: an argument cannot drive the terminal.
do {
    var command = try PortalCommand.parseAsRoot()
    try command.run()
} catch {
    let code = PortalCommand.exitCode(for: error)
    if code.isSuccess { PortalCommand.exit(withError: error) }
    let message = PortalCommand.fullMessage(for: error)
    if !message.isEmpty {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { InertText.escaped(String($0)) }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
    exit(code == .validationFailure ? 2 : code.rawValue)
}
