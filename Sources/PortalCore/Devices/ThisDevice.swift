import Foundation

/// The mark of the device the portal runs on, glyph and word.
public enum ThisDevice {
    public static let label = "This device"
    public static let glyph = "•"
    public static var mark: String { "\(glyph) \(label)" }
}
