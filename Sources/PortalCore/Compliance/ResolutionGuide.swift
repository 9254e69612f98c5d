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
            return "\(lockSettings) and choose a \(secretWord) of at least \(length) characters."
        case "passcodeRequiredType", "passwordRequiredType":
            let type = policy.passcodeRequiredType ?? policy.passwordRequiredType ?? .deviceDefault
            return "\(lockSettings) and choose a \(secretWord) that uses \(type.label)."
        case "passwordMinimumDigits", "passwordMinimumLowerCase", "passwordMinimumUpperCase", "passwordMinimumSymbols":
            return "Run passwd and choose a password with more digits, lowercase, uppercase letters and symbols as the policy lists."
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
        default:
            return "Contact your IT support."
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
