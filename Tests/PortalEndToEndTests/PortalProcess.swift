import Foundation
import PortalCore
import PortalStore
import PortalUI
import Testing

/// The built `portal` binary, beside the test bundle in the build folder.
enum PortalBinary {
    static let url: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("portal")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/portal")
    }()
}

struct CommandResult {
    var status: Int32
    var output: String
    var error: String
}

/// Runs a command to completion with no terminal attached (see `ChildProcess`).
func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws -> CommandResult {
    let result = try ChildProcess.run(executable, arguments, environment: environment, directory: directory)
    return CommandResult(status: result.status, output: result.output, error: result.error)
}

func portal(_ arguments: String..., environment: [String: String] = [:], directory: URL? = nil) throws -> CommandResult {
    try run(PortalBinary.url, arguments, environment: environment, directory: directory)
}

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("portal-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The demo organization in a store file of its own, at the store's lowest
/// iteration count so the commands that read it stay quick.
func commandDemoStore() throws -> URL {
    let url = try temporaryFolder().appendingPathComponent("portal.json")
    let tenant = DemoOrganization.make(now: Date(), random: SeededRandomSource(seed: 8), iterations: PasswordHash.allowedIterations.lowerBound)
    try StoreCodec.encode(tenant).write(to: url)
    return url
}

/// A command's JSON output as an object.
func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}
