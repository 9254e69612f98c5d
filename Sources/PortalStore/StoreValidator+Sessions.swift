import Foundation
import PortalCore

/// Simulated devices, device categories, walkthroughs under way and terms
/// acceptances: ids unique, references that resolve, text that fits a screen.
extension StoreValidator {
    func checkEnrollmentData(_ tenant: Tenant, userIds: Set<String>, fail: (String, String) -> Void) {
        func unique(_ ids: [String], _ collection: String) -> Set<String> {
            var seen = Set<String>()
            for (index, id) in ids.enumerated() {
                if id.isEmpty { fail("$.\(collection)[\(index)].id", "must not be empty") }
                if !seen.insert(id).inserted { fail("$.\(collection)[\(index)].id", "duplicate id \"\(id)\"") }
            }
            return seen
        }
        func text(_ path: String, _ value: String, limit: Int, required: Bool = true) {
            if required, value.isEmpty { fail(path, "must not be empty") }
            if value.count > limit { fail(path, "\(value.count) characters; at most \(limit) allowed") }
            if value.unicodeScalars.contains(where: InertText.isUnsafe) { fail(path, "holds control characters") }
        }

        let categoryIds = unique(tenant.deviceCategories.map(\.id), "deviceCategories")
        for (index, category) in tenant.deviceCategories.enumerated() {
            text("$.deviceCategories[\(index)].displayName", category.displayName, limit: Self.categoryNameLimit)
            text("$.deviceCategories[\(index)].description", category.description, limit: Organization.Limits.additionalInformation, required: false)
        }

        let deviceIds = unique(tenant.simulatedDevices.map(\.id), "simulatedDevices")
        var serials = Set<String>()
        for (index, device) in tenant.simulatedDevices.enumerated() {
            let path = "$.simulatedDevices[\(index)]"
            text("\(path).displayName", device.displayName, limit: Self.simulatedFieldLimit)
            text("\(path).model", device.model, limit: Self.simulatedFieldLimit)
            text("\(path).manufacturer", device.manufacturer, limit: Self.simulatedFieldLimit)
            text("\(path).serialNumber", device.serialNumber, limit: Self.simulatedFieldLimit)
            if !device.serialNumber.isEmpty, !serials.insert(device.serialNumber).inserted {
                fail("\(path).serialNumber", "another simulated device has serial number \"\(device.serialNumber)\"")
            }
            if !SimulatedDevice.platforms.contains(device.operatingSystem) {
                fail("\(path).operatingSystem", "\(device.operatingSystem.rawValue) cannot be simulated; use iOS, iPadOS, Android, Windows or macOS")
            }
            if VersionNumber(device.osVersion) == nil || device.osVersion.count > Self.versionLength {
                fail("\(path).osVersion", "is not a version like 17.5 or 10.0.22631")
            }
            if let facts = device.passcode { checkPasscode(facts, path: "\(path).passcode", fail: fail) }
        }

        var sessionUsers = Set<String>()
        for (index, session) in tenant.enrollmentSessions.enumerated() {
            let path = "$.enrollmentSessions[\(index)]"
            if !userIds.contains(session.userId) { fail("\(path).userId", "no user has id \"\(session.userId)\"") }
            if !sessionUsers.insert(session.userId).inserted { fail("\(path).userId", "the user has another walkthrough under way") }
            // This Linux machine is not a simulated device: its walkthrough names it by a fixed id.
            if let id = session.simulatedDeviceId, !deviceIds.contains(id), id != HostEnrollment.deviceId {
                fail("\(path).simulatedDeviceId", "no simulated device has id \"\(id)\"")
            }
            if let id = session.categoryId, !categoryIds.contains(id) {
                fail("\(path).categoryId", "no device category has id \"\(id)\"")
            }
            if !session.steps.contains(session.step) { fail("\(path).step", "\(session.step.rawValue) is not one of its planned steps") }
            if session.steps.count > EnrollmentStep.allCases.count { fail("\(path).plannedSteps", "lists more steps than there are") }
            if let name = session.deviceName { text("\(path).deviceName", name, limit: EnrollmentSession.nameLimit, required: false) }
            if let name = session.certificateName { text("\(path).certificateName", name, limit: EnrollmentSession.nameLimit, required: false) }
            if let facts = session.passcode { checkPasscode(facts, path: "\(path).passcode", fail: fail) }
        }

        var accepted = Set<String>()
        for (index, acceptance) in tenant.termsAcceptances.enumerated() {
            let path = "$.termsAcceptances[\(index)]"
            if !userIds.contains(acceptance.userId) { fail("\(path).userId", "no user has id \"\(acceptance.userId)\"") }
            if acceptance.version < 0 { fail("\(path).version", "\(acceptance.version) is below 0") }
            if !accepted.insert("\(acceptance.userId)\u{0}\(acceptance.version)").inserted {
                fail(path, "the user accepted this version already")
            }
        }
    }

    /// Intune's device category names are short labels.
    static let categoryNameLimit = 40
    static let simulatedFieldLimit = 60
}
