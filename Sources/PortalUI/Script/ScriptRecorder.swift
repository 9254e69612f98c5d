import Foundation
import PortalCore

/// Runs the portal on a terminal and writes down what a person does as a
/// screen script. The portal runs exactly as a replay runs it: the script's
/// world (store held in memory, seeded secrets, the virtual clock) and each
/// input's work finished before the next, so the recording replays exactly.
/// The wall clock only proposes waits: a pause of a second or more before an
/// input becomes `wait Ns`, and an idle portal gets the ticks it would have
/// had (on the virtual clock, recorded as waits) so the screen stays live.
public final class ScriptRecorder {
    /// The world recorded in; its size becomes the terminal's when recording starts.
    public private(set) var script: ScreenScript
    public let snapshotKey: Key
    /// Snapshots are labelled `PREFIX-1`, `PREFIX-2`...
    public let labelPrefix: String
    public private(set) var recording: ScriptRecording
    /// What the screen showed at each snapshot, to check the replay against.
    public private(set) var snapshots: [(label: String, screen: CellBuffer)] = []
    /// The signal that ended the recording, if one did.
    public private(set) var signal: Int32?

    private let wall: Clock
    private let context: PortalContext

    /// Loads the script's world first, so a store or theme that cannot be
    /// used is said before the terminal changes.
    public init(script: ScreenScript, snapshotKey: Key, labelPrefix: String, wall: Clock = SystemClock()) throws(ScriptError) {
        self.script = script
        self.snapshotKey = snapshotKey
        self.labelPrefix = labelPrefix
        self.wall = wall
        context = try ScriptRunner().context(for: script)
        recording = ScriptRecording(script: script, comment: Self.comment(snapshotKey))
    }

    static func comment(_ key: Key) -> String { "Recorded with portal screens record; \(key.name) took each snapshot." }

    /// Records until the portal quits or a signal ends it.
    public func run(on backend: TerminalBackend) {
        script.size = backend.size
        recording = ScriptRecording(script: script, comment: Self.comment(snapshotKey))
        let clock = VirtualClock(start: script.clock)
        var size = script.size
        let runtime = PortalRuntime(context: context, clock: clock, size: size)
        runtime.send(.input(.resize(size)))
        backend.setBrandColor(context.organization.themeColor)

        var shown: CellBuffer?
        func show() {
            let frame = runtime.render()
            if frame != shown {
                backend.draw(frame)
                shown = frame
            }
        }
        func wait(_ seconds: TimeInterval) {
            clock.advance(by: seconds)
            runtime.send(.tick)
            recording.add(.wait(seconds))
        }

        show()
        var idleSince = wall.now()
        while !runtime.isFinished {
            let now = clock.now()
            let tickDue = TerminalLoop.nextTick(after: now, every: runtime.tickSeconds)
            let idle = wall.now().timeIntervalSince(idleSince)
            let untilTick = tickDue.timeIntervalSince(now) - idle
            let timeout = min(max(1, Int((untilTick * 1_000).rounded(.up))), TerminalLoop.longestWaitMilliseconds)
            switch backend.poll(timeoutMilliseconds: timeout) {
            case let .terminate(signal):
                self.signal = signal
                return
            case .timeout:
                // An idle portal ticks when the screen would change on its own.
                let idle = wall.now().timeIntervalSince(idleSince)
                if idle >= tickDue.timeIntervalSince(now) {
                    // Far behind (after Ctrl+Z, say), one wait covers it all.
                    let step = max(tickDue.timeIntervalSince(now), idle.rounded(.down))
                    wait(step)
                    idleSince = idleSince.addingTimeInterval(step)
                }
            case .input(.key(snapshotKey)):
                // The screen as shown is the one the replay reaches here: the
                // pause so far stays pending and goes before the next input.
                let label = "\(labelPrefix)-\(snapshots.count + 1)"
                snapshots.append((label, runtime.render()))
                recording.add(.snapshot(label))
            case let .input(event):
                let inputs = ScriptRecording.keys(for: event)
                if inputs.isEmpty { break }
                let paused = wall.now().timeIntervalSince(idleSince).rounded(.down)
                if paused >= 1 { wait(paused) }
                idleSince = wall.now()
                for input in inputs {
                    switch input {
                    case let .key(key): runtime.send(.input(.key(key)))
                    case let .click(x, y): runtime.send(.input(.mouse(MouseEvent(kind: .click, x: x, y: y))))
                    case let .resize(newSize):
                        size = newSize
                        runtime.send(.input(.resize(newSize)))
                    case .wait, .snapshot: continue
                    }
                    recording.add(input)
                }
            }
            for request in runtime.takeTerminalRequests() {
                switch request {
                case .redraw:
                    backend.invalidate()
                    shown = nil
                case .brandColor:
                    break
                case .suspend:
                    backend.suspend()
                    shown = nil
                    // The window may have changed while the program was stopped.
                    if backend.size != size {
                        size = backend.size
                        runtime.send(.input(.resize(size)))
                        recording.add(.resize(size))
                    }
                }
            }
            show()
        }
    }
}
