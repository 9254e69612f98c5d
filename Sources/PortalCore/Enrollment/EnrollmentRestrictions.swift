import Foundation

/// What an organization lets its users enroll (Intune's enrollment
/// restrictions): a device limit per user and, per platform, whether it may
/// enroll at all, whether personal devices may, and the OS versions allowed.
/// Absent from a store means Intune's defaults: 5 devices, every platform.
public struct EnrollmentRestrictions: Codable, Sendable, Equatable {
    public static let defaultDeviceLimit = 5
    /// Intune allows at most 15 devices per user.
    public static let allowedDeviceLimits = 1...15

    /// Graph's deviceEnrollmentLimitConfiguration.limit.
    public var limit: Int
    /// Platforms not listed are allowed without conditions.
    public var platformRestrictions: [PlatformRestriction]

    public init(limit: Int = defaultDeviceLimit, platformRestrictions: [PlatformRestriction] = []) {
        self.limit = limit
        self.platformRestrictions = platformRestrictions
    }

    /// Graph's deviceEnrollmentPlatformRestriction, with the platform it is for.
    public struct PlatformRestriction: Codable, Sendable, Equatable {
        public var platform: DevicePlatform
        public var platformBlocked: Bool
        public var personalDeviceEnrollmentBlocked: Bool
        public var osMinimumVersion: String?
        public var osMaximumVersion: String?

        public init(platform: DevicePlatform, platformBlocked: Bool = false, personalDeviceEnrollmentBlocked: Bool = false,
                    osMinimumVersion: String? = nil, osMaximumVersion: String? = nil) {
            self.platform = platform
            self.platformBlocked = platformBlocked
            self.personalDeviceEnrollmentBlocked = personalDeviceEnrollmentBlocked
            self.osMinimumVersion = osMinimumVersion
            self.osMaximumVersion = osMaximumVersion
        }
    }

    /// One reason a device may not be enrolled, said as the user needs to hear it.
    public enum Block: Equatable, Sendable {
        case deviceLimit(limit: Int)
        case platformBlocked(DevicePlatform)
        case personalBlocked(DevicePlatform)
        case belowMinimum(DevicePlatform, version: String, minimum: String)
        case aboveMaximum(DevicePlatform, version: String, maximum: String)

        public func message(organization: String) -> String {
            switch self {
            case let .deviceLimit(limit):
                "You have enrolled \(Plural.count(limit, "device")), the most \(organization) allows. Remove one under Devices first, or ask your IT department."
            case let .platformBlocked(platform):
                "\(organization) does not allow \(platform.displayName) devices to enroll. Ask your IT department which devices you can use."
            case let .personalBlocked(platform):
                "\(organization) does not allow personal \(platform.displayName) devices. Enroll it only if the organization owns it."
            case let .belowMinimum(platform, version, minimum):
                "\(platform.displayName) \(version) is older than \(organization) allows (\(minimum) or later). Update the device, then enroll it."
            case let .aboveMaximum(platform, version, maximum):
                "\(platform.displayName) \(version) is newer than \(organization) allows (up to \(maximum)). Ask your IT department."
            }
        }
    }

    public func restriction(for platform: DevicePlatform) -> PlatformRestriction? {
        platformRestrictions.first { $0.platform == platform }
    }

    /// Whether the user may enroll one more device at all: checked before the first step.
    public func blockBeforeStart(enrolledCount: Int) -> Block? {
        enrolledCount >= limit ? .deviceLimit(limit: limit) : nil
    }

    /// Everything that keeps this device out, in the order a person fixes them.
    /// `ownership` and `osVersion` are nil while the wizard has not asked yet.
    /// Re-enrolling a device the user already has does not count toward the limit.
    public func blocks(platform: DevicePlatform, ownership: ManagedDeviceOwnerType?, osVersion: String?,
                       enrolledCount: Int, reenrolling: Bool = false) -> [Block] {
        var blocks: [Block] = []
        if !reenrolling, let limitBlock = blockBeforeStart(enrolledCount: enrolledCount) { blocks.append(limitBlock) }
        guard let rule = restriction(for: platform) else { return blocks }
        if rule.platformBlocked { return blocks + [.platformBlocked(platform)] }
        if ownership == .personal, rule.personalDeviceEnrollmentBlocked { blocks.append(.personalBlocked(platform)) }
        if let text = osVersion, let version = VersionNumber(text) {
            if let minimum = rule.osMinimumVersion, let floor = VersionNumber(minimum), version < floor {
                blocks.append(.belowMinimum(platform, version: text, minimum: minimum))
            }
            if let maximum = rule.osMaximumVersion, let ceiling = VersionNumber(maximum), ceiling < version {
                blocks.append(.aboveMaximum(platform, version: text, maximum: maximum))
            }
        }
        return blocks
    }
}

extension Organization {
    public var enrollment: EnrollmentRestrictions { enrollmentRestrictions ?? EnrollmentRestrictions() }
}
