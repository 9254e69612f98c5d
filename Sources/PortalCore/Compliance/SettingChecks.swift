import Foundation

/// Checks each setting one policy sets against one device's facts.
struct SettingChecks {
    let device: ManagedDevice
    let policy: CompliancePolicy

    private var guide: ResolutionGuide { ResolutionGuide(platform: device.operatingSystem) }
    private var secretWord: String { device.operatingSystem.secretWord }
    private var isApple: Bool { device.operatingSystem.policyPlatform == .iOS }

    /// The settings a passcode (iOS) or password (Android) decides.
    static let passcodeSettings: Set<String> = [
        "passcodeRequired", "passcodeMinimumLength", "passcodeRequiredType",
        "passwordRequired", "passwordMinimumLength", "passwordRequiredType",
    ]

    func results() -> [SettingResult] {
        var out: [SettingResult] = []
        let required = isApple ? policy.passcodeRequired : policy.passwordRequired
        let minimum = isApple ? policy.passcodeMinimumLength : policy.passwordMinimumLength
        let type = isApple ? policy.passcodeRequiredType : policy.passwordRequiredType
        let prefix = secretWord

        if required == true {
            out.append(passcodeCheck(setting: "\(prefix)Required", title: "\(secretWord.capitalized) required",
                                     expected: "Set") { $0.isSet ? nil : "Not set" } actual: { _ in "Set" })
        }
        if let minimum {
            out.append(passcodeCheck(setting: "\(prefix)MinimumLength", title: "Minimum \(secretWord) length",
                                     expected: "At least \(Plural.count(minimum, "character"))") {
                $0.isSet && $0.length >= minimum ? nil : lengthText($0)
            } actual: { lengthText($0) })
        }
        if let type, type != .deviceDefault {
            out.append(passcodeCheck(setting: "\(prefix)RequiredType", title: "Required \(secretWord) type",
                                     expected: type.label.capitalizedFirst) {
                type.isSatisfied(by: $0) ? nil : shapeText($0)
            } actual: { shapeText($0) })
        }
        let classes: [(String, String, Int?, KeyPath<PasscodeFacts, Int>)] = [
            ("passwordMinimumDigits", "digit", policy.passwordMinimumDigits, \.digits),
            ("passwordMinimumLowerCase", "lowercase letter", policy.passwordMinimumLowerCase, \.lowercase),
            ("passwordMinimumUpperCase", "uppercase letter", policy.passwordMinimumUpperCase, \.uppercase),
            ("passwordMinimumSymbols", "symbol", policy.passwordMinimumSymbols, \.symbols),
        ]
        for (setting, noun, minimumCount, path) in classes {
            guard let minimumCount else { continue }
            out.append(passcodeCheck(setting: setting, title: "Minimum \(noun)s in password",
                                     expected: "At least \(Plural.count(minimumCount, noun))") {
                $0[keyPath: path] >= minimumCount ? nil : Plural.count($0[keyPath: path], noun)
            } actual: { Plural.count($0[keyPath: path], noun) })
        }
        if policy.storageRequireEncryption == true { out.append(encryption()) }
        if policy.securityBlockJailbrokenDevices == true { out.append(jailbreak()) }
        if let minimumVersion = policy.osMinimumVersion { out.append(osVersion(minimum: minimumVersion)) }
        if let maximumVersion = policy.osMaximumVersion { out.append(osVersion(maximum: maximumVersion)) }
        if let level = policy.deviceThreatProtectionRequiredSecurityLevel { out.append(threat(level)) }
        if let allowed = policy.allowedDistributions, !allowed.isEmpty { out.append(distribution(allowed)) }
        if policy.managedEmailProfileRequired == true, isApple { out.append(emailProfile()) }
        return out
    }

    private func result(_ setting: String, _ title: String, expected: String, actual: String,
                        _ outcome: SettingResult.Outcome) -> SettingResult {
        SettingResult(policyId: policy.id, setting: setting, title: title, expected: expected, actual: actual,
                      outcome: outcome, howToResolve: howToResolve(setting, outcome))
    }

    /// A failed setting gets the steps to change it; one the device did not
    /// report gets the steps that make the device report it.
    private func howToResolve(_ setting: String, _ outcome: SettingResult.Outcome) -> String {
        switch outcome {
        case .pass: ""
        case .fail: guide.howToResolve(setting, policy: policy)
        case .notReported: guide.howToReport(setting, device: device)
        }
    }

    /// A passcode setting: `failure` returns the actual text when the passcode fails.
    private func passcodeCheck(setting: String, title: String, expected: String,
                               failure: (PasscodeFacts) -> String?, actual: (PasscodeFacts) -> String) -> SettingResult {
        guard let facts = device.passcode else {
            return result(setting, title, expected: expected, actual: "Not reported", .notReported)
        }
        if let failed = failure(facts) {
            return result(setting, title, expected: expected, actual: failed, .fail)
        }
        return result(setting, title, expected: expected, actual: actual(facts), .pass)
    }

    private func lengthText(_ facts: PasscodeFacts) -> String {
        facts.isSet ? Plural.count(facts.length, "character") : "No \(secretWord)"
    }

    private func shapeText(_ facts: PasscodeFacts) -> String {
        guard facts.isSet else { return "No \(secretWord)" }
        var kinds: [String] = []
        if facts.letters > 0 { kinds.append("letters") }
        if facts.digits > 0 { kinds.append("numbers") }
        if facts.symbols > 0 { kinds.append("symbols") }
        return kinds.isEmpty ? "Set" : kinds.joined(separator: ", ").capitalizedFirst
    }

    private func encryption() -> SettingResult {
        let title = "Storage encryption"
        switch device.isEncrypted {
        case nil: return result("storageRequireEncryption", title, expected: "Encrypted", actual: "Not reported", .notReported)
        case true?: return result("storageRequireEncryption", title, expected: "Encrypted", actual: "Encrypted", .pass)
        case false?: return result("storageRequireEncryption", title, expected: "Encrypted", actual: "Not encrypted", .fail)
        }
    }

    private func jailbreak() -> SettingResult {
        let word = device.operatingSystem == .android ? "rooted" : "jailbroken"
        let title = "Not \(word)"
        switch device.jailBroken {
        case .unknown: return result("securityBlockJailbrokenDevices", title, expected: "Not \(word)", actual: "Not reported", .notReported)
        case .no: return result("securityBlockJailbrokenDevices", title, expected: "Not \(word)", actual: "Not \(word)", .pass)
        case .yes: return result("securityBlockJailbrokenDevices", title, expected: "Not \(word)", actual: word.capitalizedFirst, .fail)
        }
    }

    private func osVersion(minimum: String? = nil, maximum: String? = nil) -> SettingResult {
        let setting = minimum != nil ? "osMinimumVersion" : "osMaximumVersion"
        let bound = minimum ?? maximum ?? ""
        let title = minimum != nil ? "Minimum OS version" : "Maximum OS version"
        let expected = minimum != nil ? "\(bound) or later" : "\(bound) or earlier"
        guard let actual = VersionNumber(device.osVersion), let limit = VersionNumber(bound) else {
            return result(setting, title, expected: expected, actual: device.osVersion.isEmpty ? "Not reported" : device.osVersion, .notReported)
        }
        let passes = minimum != nil ? actual >= limit : actual <= limit
        return result(setting, title, expected: expected, actual: device.osVersion, passes ? .pass : .fail)
    }

    private func threat(_ level: DeviceThreatLevel) -> SettingResult {
        let setting = "deviceThreatProtectionRequiredSecurityLevel"
        let title = "Device threat level"
        let expected = level == .secured ? "Secured" : "\(level.rawValue.capitalizedFirst) or lower"
        guard let reported = device.partnerReportedThreatState.threatLevel else {
            return result(setting, title, expected: expected, actual: "Not reported", .notReported)
        }
        return result(setting, title, expected: expected, actual: reported.rawValue.capitalizedFirst, reported <= level ? .pass : .fail)
    }

    /// Seed 002's "Unable to set up email on the device": a work account the
    /// user added keeps the portal from adding the one it manages.
    private func emailProfile() -> SettingResult {
        let setting = "managedEmailProfileRequired", title = "Work email account", expected = "Set up by the Company Portal"
        switch device.managedEmailProfile {
        case nil: return result(setting, title, expected: expected, actual: "Not reported", .notReported)
        case true?: return result(setting, title, expected: expected, actual: "Set up by the Company Portal", .pass)
        case false?: return result(setting, title, expected: expected, actual: "Unable to set up email on the device", .fail)
        }
    }

    private func distribution(_ allowed: [AllowedDistribution]) -> SettingResult {
        let setting = "allowedDistributions"
        let title = "Allowed distribution"
        let expected = allowed.map(Self.describe).joined(separator: " or ")
        guard let reported = device.distribution else {
            return result(setting, title, expected: expected, actual: "Not reported", .notReported)
        }
        // A distribution without a type is named as the machine names itself.
        let actual = reported.type == .other ? device.osPrettyName ?? "\(reported.type.displayName) \(reported.version)"
            : "\(reported.type.displayName) \(reported.version)"
        let passes = allowed.contains { rule in
            guard rule.type == reported.type, rule.type != .other else { return false }
            guard let version = VersionNumber(reported.version) else { return false }
            if let low = rule.minimumVersion.flatMap(VersionNumber.init), version < low { return false }
            if let high = rule.maximumVersion.flatMap(VersionNumber.init), version > high { return false }
            return true
        }
        return result(setting, title, expected: expected, actual: actual, passes ? .pass : .fail)
    }

    private static func describe(_ rule: AllowedDistribution) -> String {
        switch (rule.minimumVersion, rule.maximumVersion) {
        case let (low?, high?): "\(rule.type.displayName) \(low)-\(high)"
        case let (low?, nil): "\(rule.type.displayName) \(low) or later"
        case let (nil, high?): "\(rule.type.displayName) \(high) or earlier"
        case (nil, nil): rule.type.displayName
        }
    }
}
