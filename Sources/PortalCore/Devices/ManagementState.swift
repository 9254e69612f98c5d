import Foundation

/// Graph's managedDevice `managementState`: whether an administrator asked
/// to retire or wipe the device. Optional in the store; absent means managed.
public enum ManagementState: String, GraphEnum {
    case managed, retirePending, retireFailed, wipePending, wipeFailed, unhealthy, deleting
    case retireIssued, wipeIssued, wipeCanceled, retireCanceled, discovered

    /// What the device detail says of a state other than managed.
    public var label: String {
        switch self {
        case .managed: "Managed"
        case .retirePending, .retireIssued: "Remove pending"
        case .retireFailed: "Remove failed"
        case .wipePending, .wipeIssued: "Reset pending"
        case .wipeFailed: "Reset failed"
        case .unhealthy: "Unhealthy"
        case .deleting: "Being deleted"
        case .wipeCanceled: "Reset canceled"
        case .retireCanceled: "Remove canceled"
        case .discovered: "Discovered"
        }
    }

    /// A retire or wipe was asked for and the device has not carried it out yet.
    public var isPending: Bool {
        [.retirePending, .retireIssued, .wipePending, .wipeIssued, .deleting].contains(self)
    }

    /// What the pending action will do, for the device detail.
    public var explanation: String? {
        switch self {
        case .retirePending, .retireIssued:
            "This device will be removed from management the next time it checks in: company apps, data and profiles leave it."
        case .wipePending, .wipeIssued:
            "This device will be reset to its factory settings the next time it checks in: everything on it is erased."
        case .deleting:
            "This device is being deleted from your organization."
        case .retireFailed, .wipeFailed:
            "The device could not carry out what was asked. Contact IT support."
        default:
            nil
        }
    }
}

extension ManagedDevice {
    /// The state shown; a store without the field means managed.
    public var shownManagementState: ManagementState { managementState ?? .managed }
}
