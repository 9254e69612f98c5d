import Foundation

/// The outcome of a device health check against an app protection policy.
public enum AppProtectionHealthState: String, GraphEnum {
    /// Under the maximum threat level (or none set): the app has access.
    case healthy
    /// A maximum is set and the threat-defense app is not on the device.
    case threatDefenseAppMissing
    /// The threat-defense app is there but has reported no threat level yet.
    case threatNotReported
    /// Above the maximum, and the policy only warns: access stays.
    case warned
    /// Above the maximum: the app is blocked until a recheck finds the device healthy.
    case accessBlocked
    /// Above the maximum: the company data in the app was wiped.
    case dataWiped

    public var hasAccess: Bool { self == .healthy || self == .warned }

    public var label: String {
        switch self {
        case .healthy: "Healthy, access granted"
        case .threatDefenseAppMissing: "Threat-defense app missing"
        case .threatNotReported: "Waiting for the threat-defense app"
        case .warned: "Threat found, access kept with a warning"
        case .accessBlocked: "Threat found, access blocked"
        case .dataWiped: "Threat found, company data wiped"
        }
    }
}

/// The device health check: the device's facts against the policy's
/// conditional launch. Pure, so every level x maximum x action is a table test.
public enum AppProtectionHealthCheck {
    public static func evaluate(threatState: ManagedDevicePartnerReportedHealthState, threatDefenseAppInstalled: Bool,
                                policy: ManagedAppProtection) -> (state: AppProtectionHealthState, level: DeviceThreatLevel?) {
        guard let maximum = policy.maximumAllowedDeviceThreatLevel.maximum else { return (.healthy, nil) }
        guard threatDefenseAppInstalled else { return (.threatDefenseAppMissing, nil) }
        guard let level = threatState.threatLevel else { return (.threatNotReported, nil) }
        if level <= maximum { return (.healthy, level) }
        switch policy.mobileThreatDefenseRemediationAction {
        case .block: return (.accessBlocked, level)
        case .wipe: return (.dataWiped, level)
        case .warn: return (.warned, level)
        }
    }
}
