import CNcursesw
import Foundation
import PortalCore
import PortalUI

/// The only code that calls curses: draws cell buffers, reads keys and mouse
/// events, and restores the terminal however the program ends.
public final class CursesBackend: TerminalBackend {
    public enum StartError: Error, CustomStringConvertible {
        case notATerminal
        case unknownTerminal(String)

        public var description: String {
            switch self {
            case .notATerminal:
                "portal needs a terminal on standard input and output. To replay screens without one, use: portal screens run"
            case let .unknownTerminal(term):
                "cannot start the terminal interface: TERM=\(term.isEmpty ? "(unset)" : term) is unknown here. Set TERM to a known type, e.g. TERM=xterm-256color."
            }
        }
    }

    private var palette: ColorPairs
    private let theme: Theme
    private var depth = ColorDepth.none
    /// False under a locale such as LANG=C: cells are then drawn in ASCII.
    public let localeIsUTF8: Bool
    private var previous: CellBuffer?
    /// Events already read but not yet handed out.
    private var pending: [BackendEvent] = []
    private var mouse = MouseClicks()
    private var isActive = false
    private var cursorVisible: Int32 = -1

    /// Whether standard input and output are a terminal to draw on.
    public static var hasTerminal: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    public static func checkTerminal() throws {
        guard hasTerminal else { throw StartError.notATerminal }
    }

    public init(theme: Theme, brandColor: (UInt8, UInt8, UInt8), mouse: Bool) throws {
        try Self.checkTerminal()
        setlocale(LC_ALL, "")
        localeIsUTF8 = LocaleCharset.isUTF8
        guard let screen = portal_newterm() else {
            throw StartError.unknownTerminal(ProcessInfo.processInfo.environment["TERM"] ?? "")
        }
        guard TerminalCapabilities.canAddressCursor else {
            endwin()
            delscreen(screen)
            throw UnusableTerminal(term: ProcessInfo.processInfo.environment["TERM"] ?? "")
        }
        isActive = true
        portal_install_signal_handlers()
        raw()
        noecho()
        nonl()
        keypad(portal_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        self.theme = theme
        if has_colors() {
            start_color()
            use_default_colors()
            depth = ColorDepth(colorCount: Int(portal_colors()))
        }
        palette = ColorPairs(theme: theme, depth: depth, brand: brandColor)
        portal_bracketed_paste(1)
        if mouse {
            mousemask(portal_mouse_mask(), nil)
            // Presses and releases as they come: MouseClicks pairs them, with
            // no delay to wait for a click curses would otherwise assemble.
            mouseinterval(0)
        }
    }

    /// Leaves curses mode; safe to call more than once.
    public func shutdown() {
        guard isActive else { return }
        isActive = false
        portal_bracketed_paste(0)
        curs_set(1)
        endwin()
    }

    deinit { shutdown() }

    /// The organization's color arrives with the store, after the first frame.
    public func setBrandColor(_ hex: String) {
        guard let rgb = ColorText.rgb(hex) else { return }
        palette = ColorPairs(theme: theme, depth: depth, brand: rgb)
        invalidate()
    }

    public func invalidate() {
        previous = nil
        clearok(portal_curscr(), true)
    }

    /// Ctrl+Z arrives as a key in raw mode: leave curses mode, stop as the
    /// shell's job control expects, and repaint everything on resume.
    public func suspend() {
        portal_bracketed_paste(0)
        endwin()
        portal_stop_self()
        refresh()
        portal_bracketed_paste(1)
        invalidate()
    }

    public var size: Size {
        Size(width: Int(getmaxx(portal_stdscr())), height: Int(getmaxy(portal_stdscr())))
    }

    public func draw(_ buffer: CellBuffer) {
        let full = previous?.size != buffer.size
        if full { erase() }
        for y in 0..<buffer.size.height {
            for x in 0..<buffer.size.width {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                if !full, let previous, previous[x, y] == cell,
                   x + 1 >= buffer.size.width || previous[x + 1, y] == buffer[x + 1, y] { continue }
                put(cell, x: x, y: y)
            }
        }
        previous = buffer
        let wanted: Int32 = buffer.cursor == nil ? 0 : 1
        if wanted != cursorVisible {
            curs_set(wanted)
            cursorVisible = wanted
        }
        if let cursor = buffer.cursor { move(Int32(cursor.y), Int32(cursor.x)) }
        refresh()
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        let (pair, attributes) = palette.pair(for: cell.role)
        guard localeIsUTF8 else { return ASCIICells.put(cell.character, x: x, y: y, pair: pair, attributes: attributes) }
        let width = TextWidth.of(cell.character)
        for (column, characters) in CursesGlyph.strings(for: cell.character, width: width).enumerated() {
            var complex = cchar_t()
            setcchar(&complex, characters, attributes, pair, nil)
            mvadd_wch(Int32(y), Int32(x + column), &complex)
        }
    }

    public func poll(timeoutMilliseconds: Int) -> BackendEvent {
        if let signal = takeSignal() { return signal }
        if !pending.isEmpty { return pending.removeFirst() }
        wtimeout(portal_stdscr(), Int32(timeoutMilliseconds))
        if !localeIsUTF8 { return pollBytes() }
        var character: wint_t = 0
        let result = wget_wch(portal_stdscr(), &character)
        if let signal = takeSignal() { return signal }
        if result == ERR { return .timeout }
        if result == portal_key_code_yes() { return functionKey(Int32(character)) }
        guard let key = KeyDecoder.key(forCharacter: UInt32(character)) else { return .timeout }
        return key == .escape ? escape() : .input(.key(key))
    }

    /// A locale that is not UTF-8 (LANG=C) reads keys as bytes: in such a
    /// locale the wide-character read takes a byte above 127 (one half of an
    /// "é" typed in a UTF-8 terminal) as the start of a character that never
    /// completes, and the keys after it were lost. Such bytes type nothing.
    private func pollBytes() -> BackendEvent {
        let code = wgetch(portal_stdscr())
        if let signal = takeSignal() { return signal }
        if code == ERR { return .timeout }
        if code >= KEY_MIN { return functionKey(code) }
        guard code < 0x80, let key = KeyDecoder.key(forCharacter: UInt32(code)) else { return .timeout }
        return key == .escape ? escape() : .input(.key(key))
    }

    /// Esc: on its own, or the start of a sequence curses did not know. The
    /// rest of a sequence is already waiting, so read it without blocking.
    private func escape() -> BackendEvent {
        wtimeout(portal_stdscr(), 0)
        var following: [Character] = []
        while !EscapeSequence.isComplete(following) {
            var character: wint_t = 0
            let result = wget_wch(portal_stdscr(), &character)
            if result == portal_key_code_yes() {
                // A resize (or a key curses knew) right after Esc is its own
                // event, not part of a sequence: keep it for the next poll.
                pending.append(functionKey(Int32(character)))
                break
            }
            guard result == OK, let scalar = Unicode.Scalar(UInt32(character)) else { break }
            following.append(Character(scalar))
        }
        if following.isEmpty { return .input(.key(.escape)) }
        if following == Array("[200~") { return readPaste() }
        switch EscapeSequence.decode(following) {
        case let .key(key): return .input(.key(key))
        case .ignored, .alt: return .timeout
        }
    }

    /// Reads pasted text up to the terminal's end mark. A paste can arrive in
    /// pieces, so wait a little for the rest; past the cap the rest is dropped
    /// (no field takes that much) while still looking for the end mark.
    private func readPaste() -> BackendEvent {
        let endMark = Array("\u{1B}[201~".unicodeScalars)
        let cap = 64 * 1_024
        var text = String.UnicodeScalarView()
        var tail: [Unicode.Scalar] = []
        wtimeout(portal_stdscr(), 200)
        defer { wtimeout(portal_stdscr(), 0) }
        while true {
            var character: wint_t = 0
            let result = wget_wch(portal_stdscr(), &character)
            if result == portal_key_code_yes() {
                // curses decoded part of the paste as a key; keep the paste going.
                if Int32(character) == KEY_RESIZE { pending.append(functionKey(Int32(character))) }
                continue
            }
            guard result == OK, let scalar = Unicode.Scalar(UInt32(character)) else { break }
            tail.append(scalar)
            if tail.count > endMark.count { tail.removeFirst() }
            if text.count < cap + endMark.count { text.append(scalar) }
            if tail == endMark {
                if Array(text.suffix(endMark.count)) == endMark { text.removeLast(endMark.count) }
                break
            }
        }
        if text.count > cap { text.removeLast(text.count - cap) }
        return .input(.paste(String(text)))
    }

    private func takeSignal() -> BackendEvent? {
        let signal = portal_take_signal()
        return signal == 0 ? nil : .terminate(signal: signal)
    }

    private func reports(_ event: MEVENT) -> [MouseClicks.Report] {
        let state = event.bstate, x = Int(event.x), y = Int(event.y)
        var reports: [MouseClicks.Report] = []
        if state & portal_button4() != 0 { reports.append(.wheelUp(x: x, y: y)) }
        if state & portal_button5() != 0 { reports.append(.wheelDown(x: x, y: y)) }
        if state & portal_button1_pressed() != 0 { reports.append(.press(x: x, y: y)) }
        if state & portal_button1_released() != 0 { reports.append(.release(x: x, y: y)) }
        if state & portal_button1_clicked() != 0 { reports.append(.click(x: x, y: y)) }
        return reports
    }

    private func functionKey(_ code: Int32) -> BackendEvent {
        switch code {
        case KEY_RESIZE:
            previous = nil
            return .input(.resize(size))
        case KEY_MOUSE:
            // A burst (a press, its release and typed keys in one read) leaves
            // several events queued, and getmouse hands out the newest first:
            // drain them all and replay them oldest first.
            var queued: [MEVENT] = []
            var event = MEVENT()
            while queued.count < 64, getmouse(&event) == OK { queued.append(event) }
            let events: [BackendEvent] = queued.reversed().flatMap(reports).compactMap { report in
                mouse.event(for: report).map { .input(.mouse($0)) }
            }
            guard let first = events.first else { return .timeout }
            pending.insert(contentsOf: events.dropFirst(), at: 0)
            return first
        default:
            guard let key = KeyDecoder.key(forCode: code) else { return .timeout }
            return .input(.key(key))
        }
    }
}
