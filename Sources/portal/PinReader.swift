import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a PIN at the terminal without showing it. The terminal reads key by
/// key with echo and signals off, so Ctrl-C cancels here and the settings are
/// always put back; nothing typed reaches the screen or the shell's history.
enum PinReader {
    /// Nil when cancelled (Ctrl-C, Esc, end of input).
    static func ask(_ prompt: String) -> String? {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return readLine(strippingNewline: true) }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG)
        tcsetattr(0, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(0, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        var bytes: [UInt8] = []
        while bytes.count < 256 {
            var byte: UInt8 = 0
            guard read(0, &byte, 1) == 1 else { return nil }
            switch byte {
            case 0x0A, 0x0D: return String(decoding: bytes, as: UTF8.self)
            case 0x03, 0x04, 0x1B: return nil
            case 0x7F, 0x08: if !bytes.isEmpty { bytes.removeLast() }
            default: if byte >= 0x20 { bytes.append(byte) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
