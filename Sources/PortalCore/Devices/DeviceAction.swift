import Foundation

/// What a user can do to one of their devices from the portal, with the
/// Company Portal's limits. Graph's names: syncDevice, setDeviceName,
/// retire, wipe.
public enum DeviceAction: String, CaseIterable, Sendable {
    case checkStatus, rename, remove, reset

    public var title: String {
        switch self {
        case .checkStatus: "Check status"
        case .rename: "Rename"
        case .remove: "Remove"
        case .reset: "Reset"
        }
    }
}

extension ManagedDevice {
    /// Entra-joined Windows devices: the user signs in to them with the work
    /// account, so the Company Portal offers no Remove on them.
    public var isEntraJoinedWindows: Bool {
        operatingSystem == .windows
            && [.windowsAzureADJoin, .windowsAzureADJoinUsingDeviceAuth, .windowsBulkAzureDomainJoin].contains(deviceEnrollmentType)
    }

    /// Why `action` is not offered to `userId` on this device, or nil when it is.
    public func refusal(of action: DeviceAction, by userId: String) -> String? {
        // Only the primary user acts; anyone else is told the device is not theirs,
        // without learning whose it is.
        guard self.userId == userId else { return DeviceChangeError.notYours.message }
        switch action {
        case .checkStatus, .rename:
            return nil
        case .remove:
            if shownManagementState.isPending { return pendingRefusal(action) }
            if isEntraJoinedWindows {
                return "\(deviceName) is joined to Microsoft Entra ID: you sign in to it with your work account, so it can't be removed here. Ask IT support to remove it."
            }
            return nil
        case .reset:
            if shownManagementState.isPending { return pendingRefusal(action) }
            if managedDeviceOwnerType != .company {
                return "Reset is only for company-owned devices: it erases everything on the device, your personal data too. \(deviceName) is \(managedDeviceOwnerType == .personal ? "personal" : "not marked as company-owned"); to take it out of management, choose Remove."
            }
            return nil
        }
    }

    private func pendingRefusal(_ action: DeviceAction) -> String {
        let state = shownManagementState
        let asked = [.wipePending, .wipeIssued].contains(state) ? "A reset" : "Its removal"
        return "\(action.title) is not offered: \(deviceName) shows \"\(state.label)\". \(asked) was asked for already and happens the next time it checks in."
    }
}

/// The rules for a device's name, as Rename applies them.
public enum DeviceName {
    /// The Company Portal's limit, in characters as people count them.
    public static let limit = 64

    /// The name as it would be stored: trimmed.
    public static func normalized(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Why `name` (already normalized) cannot be the device's new name, or nil.
    public static func problem(_ name: String, for device: ManagedDevice, among devices: [ManagedDevice]) -> String? {
        if name.isEmpty { return "Give the device a name, such as \"Work laptop\"." }
        if name.count > limit { return "Use at most \(limit) characters for the name; this one has \(name.count)." }
        if name.unicodeScalars.contains(where: InertText.isUnsafe) {
            return "Use letters, digits, spaces and punctuation only: the name holds a control or text-direction character."
        }
        let folded = name.lowercased()
        if let other = devices.first(where: { $0.id != device.id && $0.userId == device.userId && $0.deviceName.lowercased() == folded }) {
            return "You already have a device named \"\(InertText.escaped(other.deviceName))\". Choose another name."
        }
        return nil
    }
}
