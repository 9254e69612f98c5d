import Foundation

/// One device as the device list shows it, decided once: the terminal and
/// `portal devices` draw the same rows.
public struct DeviceRow: Sendable, Equatable {
    public let device: ManagedDevice
    public let evaluation: ComplianceEvaluation
    /// The OS as people know it (FriendlyOSName).
    public let operatingSystem: String
    /// "Microsoft Surface Laptop 6"
    public let makeAndModel: String
    /// The device the portal runs on.
    public let isThisDevice: Bool

    public init(_ device: ManagedDevice, evaluation: ComplianceEvaluation, thisDeviceSerial: String?) {
        self.device = device
        self.evaluation = evaluation
        operatingSystem = FriendlyOSName.of(device)
        makeAndModel = Self.makeAndModel(manufacturer: device.manufacturer, model: device.model)
        isThisDevice = thisDeviceSerial.map { !$0.isEmpty && $0 == device.serialNumber } ?? false
    }

    /// The maker once: "Apple" and "Apple iPhone 15" give "Apple iPhone 15".
    public static func makeAndModel(manufacturer: String, model: String) -> String {
        let maker = manufacturer.trimmingCharacters(in: .whitespaces), name = model.trimmingCharacters(in: .whitespaces)
        if maker.isEmpty { return name.isEmpty ? "Not reported" : name }
        if name.isEmpty { return maker }
        if name.lowercased().hasPrefix(maker.lowercased()) { return name }
        return "\(maker) \(name)"
    }

    /// The rows of a user's devices, evaluated at `now`, in the devices' order.
    /// - Parameter evaluate: the devices' evaluations when the caller has them already.
    public static func rows(_ devices: [ManagedDevice], data: UserPortalData, thisDeviceSerial: String?, now: Date,
                            evaluate: ((ManagedDevice) -> ComplianceEvaluation)? = nil) -> [DeviceRow] {
        devices.map { DeviceRow($0, evaluation: evaluate?($0) ?? data.evaluate($0, now: now), thisDeviceSerial: thisDeviceSerial) }
    }
}
