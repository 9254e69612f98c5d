import ArgumentParser
import Foundation

// Usage errors exit 2, as the store and screen commands promise; argument
// parser's own default for them is 64.
do {
    var command = try PortalCommand.parseAsRoot()
    try command.run()
} catch {
    if PortalCommand.exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((PortalCommand.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    PortalCommand.exit(withError: error)
}
