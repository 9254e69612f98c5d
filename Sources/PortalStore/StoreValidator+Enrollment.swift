import Foundation
import PortalCore

/// The organization's enrollment restrictions: a limit in Intune's range,
/// one rule per platform, versions that parse and a floor below the ceiling.
extension StoreValidator {
    func checkEnrollmentRestrictions(_ restrictions: EnrollmentRestrictions, fail: (String, String) -> Void) {
        let path = "$.organization.enrollmentRestrictions"
        range("\(path).limit", restrictions.limit, EnrollmentRestrictions.allowedDeviceLimits, fail: fail)
        var seen = Set<DevicePlatform>()
        for (index, rule) in restrictions.platformRestrictions.enumerated() {
            let at = "\(path).platformRestrictions[\(index)]"
            if !seen.insert(rule.platform).inserted { fail("\(at).platform", "\(rule.platform.rawValue) has a rule already") }
            let minimum = rule.osMinimumVersion.map { ($0, VersionNumber($0)) }
            let maximum = rule.osMaximumVersion.map { ($0, VersionNumber($0)) }
            for (field, value) in [("osMinimumVersion", minimum), ("osMaximumVersion", maximum)] {
                if let (text, parsed) = value, parsed == nil || text.count > Self.versionLength {
                    fail("\(at).\(field)", "is not a version like 16.0 or 10.0.22631")
                }
            }
            if let floor = minimum?.1, let ceiling = maximum?.1, ceiling < floor {
                fail("\(at).osMaximumVersion", "is below osMinimumVersion")
            }
        }
    }

    /// Longer than any real version string; keeps messages and screens short.
    static let versionLength = 32
}
