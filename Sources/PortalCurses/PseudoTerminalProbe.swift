import CNcursesw
import Foundation
import PortalUI

/// Counts the bytes the real ncurses backend sends to a terminal for one
/// change of frame, by drawing into a pseudo-terminal for `portal bench`.
/// Standard input and output are pointed at the pseudo-terminal while it
/// runs (curses draws on them) and put back afterwards.
public enum PseudoTerminalProbe {
    public struct Result: Sendable {
        /// What the backend wrote for the second frame.
        public let bytes: Int
        /// The UTF-8 bytes of the rows that differ between the frames: the
        /// least a terminal could be sent without cursor-addressing tricks.
        public let changedRowBytes: Int
    }

    public enum Failure: Error, CustomStringConvertible {
        case noPseudoTerminal(Int32)
        case backend(String)

        public var description: String {
            switch self {
            case let .noPseudoTerminal(code): "openpty failed (errno \(code))"
            case let .backend(message): message
            }
        }
    }

    /// Draws `before`, then `after`, and counts what the second draw sent.
    public static func bytesForChange(from before: CellBuffer, to after: CellBuffer, theme: Theme) throws -> Result {
        var master: Int32 = -1, slave: Int32 = -1
        var size = winsize(ws_row: UInt16(before.size.height), ws_col: UInt16(before.size.width), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw Failure.noPseudoTerminal(errno) }
        // A fixed terminal type, so the figure does not depend on where it runs.
        setenv("TERM", "xterm-256color", 1)

        // The counter closes the far side itself once the near side is gone:
        // closing it here could hand its number to a later file the reader would then read.
        let counter = ByteCounter(fd: master)
        counter.start()
        defer { counter.finish() }
        fflush(nil)
        let savedIn = dup(STDIN_FILENO), savedOut = dup(STDOUT_FILENO)
        dup2(slave, STDIN_FILENO)
        dup2(slave, STDOUT_FILENO)
        close(slave)
        func restore() {
            fflush(nil)
            dup2(savedIn, STDIN_FILENO)
            dup2(savedOut, STDOUT_FILENO)
            close(savedIn)
            close(savedOut)
        }

        let backend: CursesBackend
        do {
            backend = try CursesBackend(theme: theme, brandColor: (0, 120, 212), mouse: false)
        } catch {
            restore()
            throw Failure.backend("\(error)")
        }
        backend.draw(before)
        let settled = counter.waitForQuiet()
        backend.draw(after)
        let total = counter.waitForQuiet()
        backend.shutdown()
        restore()

        let changed = (0..<after.size.height).filter { before.row($0) != after.row($0) }
        return Result(bytes: total - settled, changedRowBytes: changed.reduce(0) { $0 + after.row($1).utf8.count })
    }
}

/// Reads the pseudo-terminal's far side on its own thread, so curses never
/// blocks on a full buffer, and counts what arrives.
private final class ByteCounter: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var count = 0
    private var lastArrival = Date()
    private let finished = DispatchSemaphore(value: 0)

    init(fd: Int32) { self.fd = fd }

    func start() {
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let got = read(fd, &buffer, buffer.count)
                if got <= 0 {
                    close(fd)
                    finished.signal()
                    return
                }
                lock.withLock {
                    count += got
                    lastArrival = Date()
                }
            }
        }
    }

    /// Waits for the reader to see the near side closed and close the far
    /// side; after a second it gives up and leaves the descriptor open.
    func finish() {
        _ = finished.wait(timeout: .now() + 1)
    }

    /// The count once nothing has arrived for 100 ms.
    func waitForQuiet() -> Int {
        while true {
            usleep(20_000)
            let (total, last) = lock.withLock { (count, lastArrival) }
            if Date().timeIntervalSince(last) > 0.1 { return total }
        }
    }
}
