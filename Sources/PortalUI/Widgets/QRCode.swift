import CQrencode
import Foundation

/// A QR code symbol as libqrencode makes it: a square of dark and light
/// modules, without its quiet zone.
public struct QRCode: Equatable, Sendable {
    /// Modules on a side (21 for version 1, 4 more for each version up).
    public let size: Int
    /// The symbol version libqrencode chose (1-40).
    public let version: Int
    public let level: Level
    /// Row by row, true for a dark module.
    private let modules: [Bool]

    /// Error correction: M restores about 15% of the symbol, L about 7%.
    public enum Level: Sendable, Equatable {
        case low, medium

        var encoding: QRecLevel {
            switch self {
            case .low: QR_ECLEVEL_L
            case .medium: QR_ECLEVEL_M
            }
        }
    }

    /// The text's UTF-8 bytes at error-correction level M, or L when M cannot
    /// hold them; nil when libqrencode refuses (too long for version 40).
    public init?(text: String) {
        guard let code = QRCode(text: text, level: .medium) ?? QRCode(text: text, level: .low) else { return nil }
        self = code
    }

    /// The text at one level, in the smallest version that holds it.
    public init?(text: String, level: Level) {
        let bytes = Array(text.utf8)
        // encodeData, not encodeString8bit: it takes a length, so a NUL byte
        // cannot cut the text short.
        let encoded = bytes.withUnsafeBufferPointer { buffer in
            QRcode_encodeData(Int32(buffer.count), buffer.baseAddress, 0, level.encoding)
        }
        guard let encoded else { return nil }
        defer { QRcode_free(encoded) }
        let width = Int(encoded.pointee.width)
        guard width > 0, let data = encoded.pointee.data else { return nil }
        // Bit 0 of each byte is the module's colour; the other bits describe
        // what the module is part of.
        let modules = (0..<width * width).map { data[$0] & 1 == 1 }
        self.init(size: width, version: Int(encoded.pointee.version), level: level, modules: modules)
    }

    /// A matrix given module by module (row by row), for tests of the drawing.
    init(size: Int, version: Int = 0, level: Level = .medium, modules: [Bool]) {
        precondition(modules.count == size * size, "a QR code is square")
        self.size = size
        self.version = version
        self.level = level
        self.modules = modules
    }

    /// Whether the module at column x, row y is dark; outside the symbol
    /// (the quiet zone) every module is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }
}
