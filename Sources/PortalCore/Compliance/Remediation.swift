import Foundation

/// "How to resolve this" for one setting a device fails: the concrete steps
/// on its platform, in the words of the device's own settings, ending with
/// the check that confirms the fix.
public struct Remediation: Sendable, Equatable {
    public var title: String
    /// What the policy expects and what the device reported.
    public var summary: String
    public var steps: [String]
    /// Said after the steps; notes that are not steps (why, what stays).
    public var notes: [String]

    public static let confirm = "Then choose Check status (c) to confirm the fix."

    public init(for result: SettingResult, device: ManagedDevice) {
        // The Company Portal names this failure by its message (seed 002).
        title = result.setting == "managedEmailProfileRequired" && result.outcome == .fail ? result.actual : result.title
        summary = "Expected: \(result.expected) · Reported: \(result.actual)"
        let guide = RemediationSteps(device: device, result: result)
        (steps, notes) = result.outcome == .notReported ? ([result.howToResolve], []) : guide.steps()
    }
}

/// The steps per platform and setting. Where no concrete steps are known the
/// compliance evaluator's one-line answer stands alone.
struct RemediationSteps {
    let device: ManagedDevice
    let result: SettingResult

    private var platform: DevicePlatform { device.operatingSystem }
    private var app: String { platform.managementApp }

    func steps() -> ([String], [String]) {
        switch result.setting {
        case "passcodeRequired", "passcodeMinimumLength", "passcodeRequiredType",
             "passwordRequired", "passwordMinimumLength", "passwordRequiredType":
            return passcode()
        case "passwordMinimumDigits", "passwordMinimumLowerCase", "passwordMinimumUpperCase", "passwordMinimumSymbols":
            return linuxPasswordPolicy()
        case "storageRequireEncryption": return encryption()
        case "securityBlockJailbrokenDevices": return jailbreak()
        case "osMinimumVersion": return update()
        case "osMaximumVersion":
            return (["Do not install further OS updates on \(device.deviceName) for now.",
                     "Contact IT support: they say when \(result.actual) is supported, or how to go back to \(result.expected.replacingOccurrences(of: " or earlier", with: ""))."],
                    ["Your organization has not yet tested this version, so it cannot reach company data."])
        case "deviceThreatProtectionRequiredSecurityLevel": return threat()
        case "allowedDistributions": return distribution()
        case "lastSyncDateTime":
            return (["Connect \(device.deviceName) to the internet.",
                     "Open the \(app) on it and sign in with your work account.",
                     "Choose Check status and wait until it reports."],
                    ["A device that has not reported for longer than your organization allows loses access, whatever its settings."])
        case "managedEmailProfileRequired": return emailProfile()
        default:
            return ([result.howToResolve], [])
        }
    }

    private func passcode() -> ([String], [String]) {
        let wanted = "\(result.expected.lowercased())"
        switch platform {
        case .iOS, .iPadOS:
            return (["Open Settings > Face ID & Passcode (Touch ID & Passcode on devices with Touch ID) and enter your current passcode.",
                     "Tap Change Passcode (or Turn Passcode On).",
                     "Tap Passcode Options and choose Custom Alphanumeric Code or Custom Numeric Code, as your organization needs.",
                     "Enter a new passcode: \(wanted)."],
                    ["iOS gives you up to 60 minutes to set the passcode before the device counts as not compliant."])
        case .android:
            return (["Open Settings > Security > Screen lock and confirm your current PIN, pattern or password.",
                     "Choose PIN or Password (a pattern does not meet the policy).",
                     "Enter a new one: \(wanted)."], [])
        case .windows:
            return (["Open Settings > Accounts > Sign-in options.",
                     "Under Password, choose Change and follow the steps.",
                     "Choose a new password: \(wanted)."], [])
        case .macOS:
            return (["Open System Settings > Touch ID & Password (Users & Groups on older macOS).",
                     "Choose Change Password and enter your current password.",
                     "Enter a new password: \(wanted)."], [])
        case .linux:
            return (["Open a terminal on \(device.deviceName) and run passwd.",
                     "Enter your current password, then a new one: \(wanted)."], [])
        }
    }

    private func linuxPasswordPolicy() -> ([String], [String]) {
        (["Open a terminal on \(device.deviceName) with an administrator account.",
          "Edit /etc/security/pwquality.conf (sudoedit /etc/security/pwquality.conf).",
          "Set the rule the policy needs (\(result.expected.lowercased())): a negative credit requires characters, e.g. dcredit = -1 for one digit, ucredit, lcredit and ocredit for uppercase, lowercase and symbols.",
          "Run passwd and choose a new password that meets the rule."],
         ["The Microsoft Intune app checks the password policy the machine enforces, not your password itself."])
    }

    private func encryption() -> ([String], [String]) {
        switch platform {
        case .iOS, .iPadOS:
            return (["Open Settings > Face ID & Passcode and turn the passcode on.",
                     "iOS encrypts the device as soon as a passcode is set; nothing else to do."], [])
        case .android:
            return (["Plug the device into its charger: encryption can take an hour or more.",
                     "Open Settings > Security > Encryption (Encrypt phone or Encrypt tablet).",
                     "Follow the steps and keep the device plugged in until it restarts."], [])
        case .windows:
            return (["Open Settings > Privacy & security > Device encryption (BitLocker on Windows Pro).",
                     "Turn device encryption on and keep the device plugged in.",
                     "Save the recovery key where your organization asks."], [])
        case .macOS:
            return (["Open System Settings > Privacy & Security > FileVault.",
                     "Choose Turn On and keep the recovery key safe.",
                     "Keep the Mac plugged in while FileVault encrypts the disk."], [])
        case .linux:
            return (["Back up your files: a running system cannot be encrypted in place.",
                     "Reinstall the distribution with full-disk encryption (dm-crypt with LUKS) chosen in the installer's disk step.",
                     "Restore your files and enroll the machine again with the Microsoft Intune app."],
                    ["Only /boot, /boot/efi, read-only, tmpfs and /proc mounts may stay unencrypted; swap must be encrypted too."])
        }
    }

    private func jailbreak() -> ([String], [String]) {
        if platform == .android {
            return (["Back up your personal data.",
                     "Remove root: flash the manufacturer's factory image, or use the maker's repair tool.",
                     "Set the device up again and enroll it in the Company Portal app."],
                    ["Rooted devices cannot keep company data safe, so they never reach it."])
        }
        return (["Back up the device to iCloud or to your computer.",
                 "Connect it to a Mac (Finder) or a PC (iTunes) and choose Restore to install Apple's software again.",
                 "Restore your backup and open the Company Portal app to sign in again."],
                ["Jailbroken devices cannot keep company data safe, so they never reach it."])
    }

    private func update() -> ([String], [String]) {
        let minimum = result.expected.replacingOccurrences(of: " or later", with: "")
        switch platform {
        case .iOS, .iPadOS:
            return (["Connect to Wi-Fi and plug in the device.", "Open Settings > General > Software Update.",
                     "Tap Download and Install (at least iOS \(minimum))."], [])
        case .android:
            return (["Open Settings > System > System update.", "Download and install the update (at least Android \(minimum))."],
                    ["If no update is offered, the device's maker no longer supports it; contact IT support."])
        case .windows:
            return (["Open Settings > Windows Update.", "Choose Check for updates and install them (at least \(minimum)).", "Restart when asked."], [])
        case .macOS:
            return (["Open System Settings > General > Software Update.", "Install the update (at least macOS \(minimum))."], [])
        case .linux:
            return (["Run sudo apt update && sudo apt full-upgrade on Ubuntu, or sudo dnf upgrade on RHEL.",
                     "Restart the machine."], [])
        }
    }

    private func threat() -> ([String], [String]) {
        (["Open Microsoft Defender (your threat defense app) on \(device.deviceName) and sign in.",
          "Review the threats it lists and remove or uninstall each flagged app.",
          "In Defender, choose to scan or recheck the device until it reports no threat."],
         ["Access comes back once the device's threat level is at or below \(result.expected.lowercased())."])
    }

    private func distribution() -> ([String], [String]) {
        (["Your organization allows: \(result.expected).",
          "Upgrade to an allowed release: sudo do-release-upgrade on Ubuntu, the Leapp upgrade on RHEL (ask IT support first).",
          "Restart and open the Microsoft Intune app."],
         ["The distribution is read from /etc/os-release."])
    }

    private func emailProfile() -> ([String], [String]) {
        (["Open Settings > Mail > Accounts (Mail, Contacts, Calendars on older iOS).",
          "Tap your work email account that the Company Portal did not set up, and tap Delete Account.",
          "The Company Portal recreates the work account; open it and enter your password when asked."],
         ["The device already has a work email account the organization cannot manage; only one managed account fits on a device."])
    }
}
