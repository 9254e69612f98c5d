import Foundation

/// One step of the enrollment walkthrough, as the sources name them.
public enum EnrollmentStep: String, GraphEnum {
    /// Which (simulated) device to enroll.
    case device
    case ownership, privacy, terms
    /// iOS, iPadOS, macOS: the device category, when the organization has categories.
    case category
    /// iOS, iPadOS, macOS: the management profile's warning, Trust / Install, Done.
    case managementProfile
    case deviceName
    /// iOS, iPadOS, macOS: only when the policy requires a passcode the device lacks.
    case passcode
    /// Android: what device management can do, agreed with Activate.
    case deviceManagement
    /// Android: install the management certificate and name it.
    case certificate
    /// Android: PIN and encryption, with no grace.
    case requirements
    /// Windows: connect the work account.
    case workAccount
    /// This Linux machine: the portal reads its facts (HostProbe).
    case inspecting
    case checking, result

    public var title: String {
        switch self {
        case .device: "Choose the device"
        case .ownership: "Who owns this device?"
        case .privacy: "What your organization can see"
        case .terms: "Terms and conditions"
        case .category: "Device category"
        case .managementProfile: "Install the management profile"
        case .deviceName: "Name the device"
        case .passcode: "Set a passcode"
        case .deviceManagement: "What device management can do"
        case .certificate: "Install the management certificate"
        case .requirements: "Meet the compliance requirements"
        case .workAccount: "Connect your work account"
        case .inspecting: "Inspecting this machine"
        case .checking: "Checking compliance"
        case .result: "Enrollment result"
        }
    }
}

/// A walkthrough under way, kept in the store after every step so it resumes
/// at the same step with the same choices after a quit, a lost connection or
/// a killed process. Holds facts only, never a secret: a passcode typed on
/// the passcode step is kept as its shape.
public struct EnrollmentSession: Codable, Sendable, Equatable {
    public var userId: String
    public var step: EnrollmentStep
    public var simulatedDeviceId: String?
    /// The steps decided when the device was chosen, so "Step N of M" never moves.
    public var plannedSteps: [EnrollmentStep]?
    public var ownership: ManagedDeviceOwnerType?
    public var termsAccepted: Bool
    public var categoryId: String?
    public var profileInstalled: Bool
    public var deviceName: String?
    public var passcode: PasscodeFacts?
    /// iOS lets a passcode wait for the grace period; the device is then enrolled out of compliance.
    public var passcodeDeferred: Bool
    public var managementActivated: Bool
    public var certificateName: String?
    public var encrypted: Bool
    public var workAccountConnected: Bool
    /// This Linux machine as inspected, when it is the device being enrolled.
    public var hostFacts: HostFacts?
    public var startedDateTime: Date
    public var updatedDateTime: Date

    public init(userId: String, now: Date) {
        self.userId = userId
        step = .device
        termsAccepted = false
        profileInstalled = false
        passcodeDeferred = false
        managementActivated = false
        encrypted = false
        workAccountConnected = false
        startedDateTime = now
        updatedDateTime = now
    }

    /// The steps of this walkthrough; before a device is chosen, only the choice is known.
    public var steps: [EnrollmentStep] { plannedSteps ?? [.device] }

    /// 1-based position of the current step.
    public var stepNumber: Int { (steps.firstIndex(of: step) ?? 0) + 1 }

    public var previousStep: EnrollmentStep? {
        guard let index = steps.firstIndex(of: step), index > 0 else { return nil }
        return steps[index - 1]
    }

    public var nextStep: EnrollmentStep? {
        guard let index = steps.firstIndex(of: step), index + 1 < steps.count else { return nil }
        return steps[index + 1]
    }

    /// The longest device or certificate name the walkthrough takes.
    public static let nameLimit = 40
}

extension EnrollmentSession {
    /// The steps for a platform, as the sources describe each flow.
    public static func plan(for platform: DevicePlatform, termsAccepted: Bool, hasCategories: Bool,
                            needsPasscode: Bool) -> [EnrollmentStep] {
        var steps: [EnrollmentStep] = [.device, .ownership, .privacy]
        // Terms accepted before (this version) are not asked again.
        if !termsAccepted { steps.append(.terms) }
        switch platform {
        case .iOS, .iPadOS, .macOS:
            if hasCategories { steps.append(.category) }
            steps += [.managementProfile, .deviceName]
            if needsPasscode { steps.append(.passcode) }
        case .android:
            steps += [.deviceManagement, .certificate, .requirements]
        case .windows, .linux:
            steps.append(.workAccount)
        }
        return steps + [.checking, .result]
    }
}

extension EnrollmentSession {
    /// The first planned step whose answer is missing, or nil when every
    /// step was walked: the store enrolls only a finished walkthrough.
    public var unfinishedStep: EnrollmentStep? {
        steps.first { step in
            switch step {
            case .device: simulatedDeviceId == nil
            case .ownership: ownership == nil
            case .terms: !termsAccepted
            case .category: categoryId == nil
            case .managementProfile: !profileInstalled
            case .deviceName: deviceName == nil
            case .passcode: passcode == nil && !passcodeDeferred
            case .deviceManagement: !managementActivated
            case .certificate: certificateName == nil
            case .workAccount: !workAccountConnected
            case .inspecting: hostFacts == nil
            case .privacy, .requirements, .checking, .result: false
            }
        }
    }
}
