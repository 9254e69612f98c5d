import Foundation

/// What an install error code (Graph's `errorCode` of an install status, an
/// HRESULT) means for the user. Only codes whose meaning is certain are
/// explained; any other is shown as the code for IT support to look up.
public enum AppInstallError {
    /// The code as Intune shows it: 32-bit hexadecimal, e.g. 0x87D1041C.
    public static func hex(_ code: Int) -> String {
        String(format: "0x%08X", UInt32(truncatingIfNeeded: code))
    }

    static let explanations: [UInt32: String] = [
        0x87D1_041C: "The app was not found on the device after it installed.",
        0x8007_0070: "The device does not have enough free storage.",
        0x8007_0005: "The device refused access to a file or setting the app needs.",
        0x8007_0643: "The installer failed on the device.",
    ]

    /// One sentence with the code, for the notification and the app's detail.
    public static func sentence(_ code: Int?) -> String {
        guard let code else { return "The device reported no error code." }
        let known = explanations[UInt32(truncatingIfNeeded: code)]
        return (known.map { $0 + " " } ?? "") + "Error \(hex(code))."
    }
}
