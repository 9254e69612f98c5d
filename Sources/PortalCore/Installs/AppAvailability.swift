import Foundation

/// Whether an app can be installed on a device, and if not, why: the same
/// answer for the app's detail, the store's change and `portal app install`.
public enum AppAvailability {
    /// Nil when the app can go on the device; else a sentence saying why not
    /// and what to do, to the user (or naming `assignee`, for a script).
    public static func refusal(_ app: MobileApp, intent: InstallIntent?, on device: ManagedDevice, assignee: String? = nil) -> String? {
        let name = InertText.escaped(app.displayName)
        guard intent != nil else {
            return "\(name) is not assigned to \(assignee.map(InertText.escaped) ?? "you"). Ask IT support if \(assignee == nil ? "you need" : "they need") it."
        }
        guard app.platforms.contains(device.operatingSystem) else {
            let platforms = app.platforms.map(\.displayName).joined(separator: ", ")
            return "\(name) is not available for \(device.operatingSystem.displayName); it runs on \(platforms)."
        }
        if let minimum = app.minimumSupportedOperatingSystem,
           !CatalogScope(device: device).applies(to: app) {
            return "\(name) needs \(device.operatingSystem.displayName) \(InertText.escaped(minimum)) or later; "
                + "\(InertText.escaped(device.deviceName)) has \(InertText.escaped(device.osVersion)). Update the device, then install."
        }
        let management = device.shownManagementState
        if management.isPending {
            return "Apps can't be installed on \(InertText.escaped(device.deviceName)): it shows \"\(management.label)\"."
        }
        return nil
    }
}

extension Tenant {
    /// The app's assignment for the user: required wins over available; nil when not assigned.
    public func intent(of appId: String, for user: User) -> InstallIntent? {
        let groups = Set(user.groups)
        var intent: InstallIntent?
        for assignment in mobileAppAssignments where assignment.appId == appId && groups.contains(assignment.groupId) {
            switch assignment.intent {
            case .required: return .required
            case .available, .availableWithoutEnrollment: intent = .available
            case .uninstall: break
            }
        }
        return intent
    }
}
