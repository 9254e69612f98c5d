import CNcursesw
import Foundation

/// A terminal curses knows but the portal cannot draw on.
public struct UnusableTerminal: Error, CustomStringConvertible {
    public var term: String

    public var description: String {
        "cannot start the terminal interface: TERM=\(term) cannot move the cursor, so no screen can be drawn on it. "
            + "Run the portal in a terminal that can, e.g. TERM=xterm-256color."
    }
}

enum TerminalCapabilities {
    /// Whether the terminal curses was set up for can put the cursor anywhere
    /// ("cup"). TERM=dumb and hard-copy terminals cannot: curses would start,
    /// draw nothing and still read keys.
    static var canAddressCursor: Bool {
        guard let cup = tigetstr("cup") else { return false }
        return Int(bitPattern: cup) != -1 && tigetflag("hc") <= 0
    }
}
