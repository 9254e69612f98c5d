import ArgumentParser
import Foundation
import PortalCore
import PortalProbe

/// `portal probe`: what the portal finds out about this Linux machine (or a
/// copy of one under --root) when it enrolls it.
struct ProbeCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "probe",
                             abstract: "Inspect this Linux machine: distribution, host name, vendor and model, disk encryption and password policy.",
                             discussion: "Facts that cannot be read are shown as unknown with the reason. Exit 0, or 2 for a bad option or a root that is not a folder.")
    }

    @Option(help: ArgumentHelp("Read the host's files under this folder instead of / (a fixture tree, a mounted image).", valueName: "dir"))
    var root: String?

    @Flag(help: "Print the facts as JSON with sorted keys.")
    var json = false

    func run() throws {
        let rootURL = URL(fileURLWithPath: root ?? "/")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootURL.path, isDirectory: &isFolder), isFolder.boolValue else {
            printError("portal probe: --root \(InertText.escaped(root ?? "/")): not a folder")
            throw ExitCode(2)
        }
        let facts = HostProbe(root: rootURL).inspect()
        print(json ? try Self.json(facts) : Self.lines(facts).joined(separator: "\n"))
    }

    /// The JSON document, escaped as every command's JSON is (CommandJSON).
    static func json(_ facts: HostFacts) throws -> String { try CommandJSON.text(facts) }

    /// One fact a line, `label: value`, unknowns with their reason; every
    /// text read from the machine is escaped by InertText.
    static func lines(_ facts: HostFacts) -> [String] {
        var rows: [(String, String)] = []
        func add<Value>(_ label: String, _ fact: HostFact<Value>, _ describe: (Value) -> String) {
            switch fact {
            case let .known(value): rows.append((label, describe(value)))
            case let .unknown(reason): rows.append((label, "unknown (\(reason))"))
            }
        }
        func number(_ value: Int) -> String { String(value) }
        add("Distribution", facts.distributionId) { $0 }
        add("Version", facts.versionId) { $0 }
        add("Name", facts.prettyName) { $0 }
        add("Derived from", facts.idLike) { $0.isEmpty ? "none" : $0.joined(separator: " ") }
        add("Host name", facts.hostName) { $0 }
        add("Vendor", facts.vendor) { $0 }
        add("Model", facts.model) { $0 }
        switch facts.filesystems {
        case let .known(filesystems):
            if filesystems.isEmpty { rows.append(("Filesystems", "none that count")) }
            for filesystem in filesystems {
                rows.append(("Filesystem \(filesystem.mountPoint)",
                             "\(filesystem.encryption.word), \(filesystem.encryption.detail) (\(filesystem.source), \(filesystem.type))"))
            }
        case let .unknown(reason):
            rows.append(("Filesystems", "unknown (\(reason))"))
        }
        add("Every filesystem encrypted", facts.everyFilesystemEncrypted) { $0 ? "yes" : "no" }
        switch facts.passwordPolicy.pwquality {
        case let .known(settings):
            rows.append(("pwquality files", settings.files.isEmpty ? "none" : settings.files.joined(separator: ", ")))
            add("pwquality minlen", settings.minlen, number)
            add("pwquality dcredit", settings.dcredit, number)
            add("pwquality ucredit", settings.ucredit, number)
            add("pwquality lcredit", settings.lcredit, number)
            add("pwquality ocredit", settings.ocredit, number)
            add("pwquality minclass", settings.minclass, number)
        case let .unknown(reason):
            rows.append(("pwquality", "unknown (\(reason))"))
        }
        if let weakest = HostDeviceFacts(facts).passcode {
            rows.append(("Weakest password allowed", describe(weakest)))
        }
        switch facts.passwordPolicy.loginDefs {
        case let .known(defs):
            add("login.defs PASS_MAX_DAYS", defs.passMaxDays, number)
            add("login.defs PASS_MIN_DAYS", defs.passMinDays, number)
            add("login.defs PASS_MIN_LEN", defs.passMinLen, number)
            add("login.defs ENCRYPT_METHOD", defs.encryptMethod) { $0 }
        case let .unknown(reason):
            rows.append(("login.defs", "unknown (\(reason))"))
        }
        // A long mount point gets a longer label, not a wider column for every line.
        let width = min(rows.map { InertText.escaped($0.0).count }.max() ?? 0, 28)
        return rows.map { label, value in
            let safeLabel = InertText.escaped(label) + ":"
            let padded = safeLabel.count >= width + 2 ? safeLabel + " " : safeLabel.padding(toLength: width + 2, withPad: " ", startingAt: 0)
            return padded + InertText.escaped(value)
        }
    }

    private static func describe(_ password: PasscodeFacts) -> String {
        var parts = [Plural.count(password.length, "character")]
        if password.digits > 0 { parts.append(Plural.count(password.digits, "digit")) }
        if password.lowercase > 0 { parts.append(Plural.count(password.lowercase, "lowercase letter")) }
        if password.uppercase > 0 { parts.append(Plural.count(password.uppercase, "uppercase letter")) }
        if password.symbols > 0 { parts.append(Plural.count(password.symbols, "symbol")) }
        return parts.joined(separator: ", ")
    }
}
