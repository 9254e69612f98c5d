import Foundation

/// "How to resolve this" text for a failed setting, in the words of the
/// device's own settings app.
struct ResolutionGuide {
    let platform: DevicePlatform

    func howToResolve(_ setting: String, policy: CompliancePolicy) -> String {
        switch setting {
        case "passcodeRequired", "passwordRequired":
            return "\(lockSettings) and set a \(secretWord)."
        case "passcodeMinimumLength", "passwordMinimumLength":
            let length = policy.passcodeMinimumLength ?? policy.passwordMinimumLength ?? 0
            return "\(lockSettings) and choose a \(secretWord) of at least \(Plural.count(length, "character"))."
        case "passcodeRequiredType", "passwordRequiredType":
            let type = policy.passcodeRequiredType ?? policy.passwordRequiredType ?? .deviceDefault
            return "\(lockSettings) and choose a \(secretWord) that uses \(type.label)."
        case "passwordMinimumDigits":
            return "Run passwd and choose a password with at least \(Plural.count(policy.passwordMinimumDigits ?? 0, "digit"))."
        case "passwordMinimumLowerCase":
            return "Run passwd and choose a password with at least \(Plural.count(policy.passwordMinimumLowerCase ?? 0, "lowercase letter"))."
        case "passwordMinimumUpperCase":
            return "Run passwd and choose a password with at least \(Plural.count(policy.passwordMinimumUpperCase ?? 0, "uppercase letter"))."
        case "passwordMinimumSymbols":
            return "Run passwd and choose a password with at least \(Plural.count(policy.passwordMinimumSymbols ?? 0, "symbol"))."
        case "storageRequireEncryption":
            return encryptionSteps
        case "securityBlockJailbrokenDevices":
            return "Restore the device to its manufacturer's software; \(platform == .android ? "rooted" : "jailbroken") devices cannot reach company data."
        case "osMinimumVersion":
            return "\(updateSettings) and install the latest update (at least \(policy.osMinimumVersion ?? ""))."
        case "osMaximumVersion":
            return "This OS version (newer than \(policy.osMaximumVersion ?? "")) is not supported yet; contact support before upgrading further."
        case "deviceThreatProtectionRequiredSecurityLevel":
            return "Open your threat defense app, remove the threats it lists, then check status again."
        case "allowedDistributions":
            return "Use a supported distribution and version, then check status again."
        case "managedEmailProfileRequired":
            return "Remove the work email account you added yourself (Settings > Mail > Accounts > Delete Account); the Company Portal then recreates it."
        default:
            return "Contact your IT support."
        }
    }

    /// Steps for a setting the device did not report: what makes it report
    /// that setting, not how to change it.
    func howToReport(_ setting: String, device: ManagedDevice) -> String {
        let checkStatus = "open the \(platform.managementApp) on \(device.deviceName) and choose Check status"
        let stillMissing = "If it still shows Not reported, contact IT support."
        switch setting {
        case "passcodeRequired", "passcodeMinimumLength", "passcodeRequiredType", "passwordRequired",
             "passwordMinimumLength", "passwordRequiredType", "passwordMinimumDigits", "passwordMinimumLowerCase",
             "passwordMinimumUpperCase", "passwordMinimumSymbols":
            let missing = platform == .linux ? "the Microsoft Intune app has not read your password settings" : "the device has not reported its \(secretWord) settings"
            return "So far \(missing). Unlock the device, \(checkStatus). \(stillMissing)"
        case "storageRequireEncryption":
            return "The device has not reported whether its storage is encrypted. \(checkStatus.capitalizedFirst). \(stillMissing)"
        case "securityBlockJailbrokenDevices":
            return "The device has not reported whether it is \(platform == .android ? "rooted" : "jailbroken"). \(checkStatus.capitalizedFirst). \(stillMissing)"
        case "osMinimumVersion", "osMaximumVersion":
            return "The device reported an OS version the policy cannot compare (\"\(device.osVersion)\"). Install the latest update, then \(checkStatus). \(stillMissing)"
        case "deviceThreatProtectionRequiredSecurityLevel":
            return "Your threat defense app has not reported this device's threat level. Open it, sign in and let it scan, then \(checkStatus)."
        case "allowedDistributions":
            return "The Microsoft Intune app reads the distribution from /etc/os-release: make sure that file exists, then \(checkStatus). \(stillMissing)"
        default:
            return "The device has not reported this setting. \(checkStatus.capitalizedFirst). \(stillMissing)"
        }
    }

    private var secretWord: String { platform.secretWord }

    private var lockSettings: String {
        switch platform {
        case .iOS, .iPadOS: "Open Settings > Face ID & Passcode"
        case .android: "Open Settings > Security > Screen lock"
        case .windows: "Open Settings > Accounts > Sign-in options"
        case .macOS: "Open System Settings > Touch ID & Password"
        case .linux: "Run passwd in a terminal"
        }
    }

    private var updateSettings: String {
        switch platform {
        case .iOS, .iPadOS: "Open Settings > General > Software Update"
        case .android: "Open Settings > System > System update"
        case .windows: "Open Settings > Windows Update"
        case .macOS: "Open System Settings > General > Software Update"
        case .linux: "Run your package manager's upgrade"
        }
    }

    private var encryptionSteps: String {
        switch platform {
        case .iOS, .iPadOS: "Set a passcode; iOS encrypts the device when a passcode is set."
        case .android: "Open Settings > Security > Encryption and encrypt the device."
        case .windows: "Turn on BitLocker: Settings > Privacy & security > Device encryption."
        case .macOS: "Turn on FileVault: System Settings > Privacy & Security > FileVault."
        case .linux: "Encrypt the system disk with dm-crypt (LUKS); /boot and /boot/efi may stay unencrypted."
        }
    }
}
