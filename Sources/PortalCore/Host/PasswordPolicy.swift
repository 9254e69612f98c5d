import Foundation

/// A configuration file's text and the name it is reported under
/// (its path under the inspected root, such as `etc/login.defs`).
public struct ConfigFile: Sendable, Equatable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// The settings of pwquality.conf(5) that compliance reads, as libpwquality
/// applies them: its defaults, then each file in turn, a later value winning.
public struct PwqualitySettings: Codable, Sendable, Equatable {
    /// Minimum length; with positive credits a shorter password can pass.
    public var minlen: HostFact<Int>
    /// Credits per class: above 0 the most a class counts toward minlen,
    /// below 0 the number of characters of that class required.
    public var dcredit: HostFact<Int>
    public var ucredit: HostFact<Int>
    public var lcredit: HostFact<Int>
    public var ocredit: HostFact<Int>
    /// How many of the four classes a password needs.
    public var minclass: HostFact<Int>
    /// The files read, in the order they were applied.
    public var files: [String]

    public init(minlen: HostFact<Int> = .known(8), dcredit: HostFact<Int> = .known(0), ucredit: HostFact<Int> = .known(0),
                lcredit: HostFact<Int> = .known(0), ocredit: HostFact<Int> = .known(0), minclass: HostFact<Int> = .known(0),
                files: [String] = []) {
        self.minlen = minlen
        self.dcredit = dcredit
        self.ucredit = ucredit
        self.lcredit = lcredit
        self.ocredit = ocredit
        self.minclass = minclass
        self.files = files
    }

    /// libpwquality refuses a minlen under 6 by raising it to 6.
    public static let lowestMinlen = 6

    /// `files` in the order libpwquality reads them: pwquality.conf.d/*.conf in
    /// ASCII order first, then pwquality.conf.
    public static func parse(_ files: [ConfigFile]) -> PwqualitySettings {
        var settings = PwqualitySettings(files: files.map(\.name))
        let keys: [String: WritableKeyPath<PwqualitySettings, HostFact<Int>>] = [
            "minlen": \.minlen, "dcredit": \.dcredit, "ucredit": \.ucredit, "lcredit": \.lcredit,
            "ocredit": \.ocredit, "minclass": \.minclass,
        ]
        for file in files {
            for (number, rawLine) in file.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                // libpwquality cuts a line at its first '#'.
                let line = rawLine.prefix { $0 != "#" }
                guard let equals = line.firstIndex(of: "=") else { continue }
                let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
                guard let path = keys[key] else { continue }
                let text = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                guard let value = Int(text) else {
                    settings[keyPath: path] = .unknown("\(file.name) line \(number + 1): \(key) \"\(text)\" is not a whole number")
                    continue
                }
                switch key {
                case "minlen": settings[keyPath: path] = .known(max(value, lowestMinlen))
                case "minclass": settings[keyPath: path] = .known(min(max(value, 0), 4))
                default: settings[keyPath: path] = .known(value)
                }
            }
        }
        return settings
    }
}

/// The password settings of login.defs(5) that compliance reports.
public struct LoginDefsSettings: Codable, Sendable, Equatable {
    public var passMaxDays: HostFact<Int>
    public var passMinDays: HostFact<Int>
    /// Read by passwd only when it is built without PAM; reported, not applied.
    public var passMinLen: HostFact<Int>
    public var encryptMethod: HostFact<String>

    public init(passMaxDays: HostFact<Int>, passMinDays: HostFact<Int>, passMinLen: HostFact<Int>, encryptMethod: HostFact<String>) {
        self.passMaxDays = passMaxDays
        self.passMinDays = passMinDays
        self.passMinLen = passMinLen
        self.encryptMethod = encryptMethod
    }

    /// `NAME VALUE` lines; `#` starts a comment line; a value may be quoted.
    public static func parse(_ file: ConfigFile) -> LoginDefsSettings {
        var values: [String: (line: Int, value: String)] = [:]
        for (number, rawLine) in file.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2 else { continue }
            var value = parts[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            values[String(parts[0])] = (number + 1, value)
        }
        func number(_ name: String) -> HostFact<Int> {
            guard let (line, text) = values[name] else { return .unknown("not set in \(file.name)") }
            guard let value = Int(text) else { return .unknown("\(file.name) line \(line): \(name) \"\(text)\" is not a whole number") }
            return .known(value)
        }
        return LoginDefsSettings(passMaxDays: number("PASS_MAX_DAYS"), passMinDays: number("PASS_MIN_DAYS"),
                                 passMinLen: number("PASS_MIN_LEN"),
                                 encryptMethod: values["ENCRYPT_METHOD"].map { .known($0.value) } ?? .unknown("not set in \(file.name)"))
    }
}

/// The host's password policy as far as its files say.
public struct PasswordPolicyFacts: Codable, Sendable, Equatable {
    public var pwquality: HostFact<PwqualitySettings>
    public var loginDefs: HostFact<LoginDefsSettings>

    public init(pwquality: HostFact<PwqualitySettings>, loginDefs: HostFact<LoginDefsSettings>) {
        self.pwquality = pwquality
        self.loginDefs = loginDefs
    }
}
