import Foundation
import PortalCore
import Testing
@testable import PortalUI

/// `portal screens record`: what a person does becomes a script that replays
/// to the screens they saw.
@Suite("Recording scripts")
struct ScriptRecorderTests {
    @Test func keysBecomeTypeAndPressLinesTheParserReadsBack() throws {
        var script = ScreenScript(file: URL(fileURLWithPath: "Screens/x.screen"))
        script.size = Size(width: 100, height: 30)
        script.theme = "dark"
        var recording = ScriptRecording(script: script, comment: "test")
        let inputs: [ScriptRecording.Input] = [
            .key(.character("a")), .key(.character("#")), .key(.character(" ")), .key(.character("\"")), .key(.character("\\")),
            .key(.tab), .key(.down), .key(.down), .key(.down), .key(.function(5)), .key(.control("l")),
            .key(.character(" ")), .key(.character(" ")),
            .wait(3), .wait(0.25), .click(x: 4, y: 2), .resize(Size(width: 90, height: 25)), .snapshot("x-1"),
            .key(.character(" ")), .key(.character("q")), .key(.character(" ")), .key(.escape),
        ]
        inputs.forEach { recording.add($0) }
        let text = recording.text
        #expect(text.contains("""
        size 100x30
        store demo
        theme dark
        clock 2026-11-22T09:00:00Z
        timezone UTC
        mouse on

        type "a# \\"\\\\"
        press Tab Down*3 F5 Ctrl+L
        press Space*2
        wait 3s
        wait 250ms
        click 4 2
        resize 90x25
        snapshot x-1
        type " q "
        press Esc

        """), "\(text)")
        let parsed = try ScriptParser.parse(text, file: URL(fileURLWithPath: "x.screen"))
        #expect(parsed.size == Size(width: 100, height: 30))
        #expect(parsed.theme == "dark")
        var replayed: [ScriptRecording.Input] = []
        for step in parsed.steps {
            switch step.command {
            case let .press(keys): replayed += keys.map { .key($0) }
            case let .type(typed): replayed += typed.map { .key(.character($0)) }
            case let .wait(seconds): replayed.append(.wait(seconds))
            case let .click(x, y): replayed.append(.click(x: x, y: y))
            case let .resize(size): replayed.append(.resize(size))
            case let .snapshot(label): replayed.append(.snapshot(label))
            default: Issue.record("unexpected \(step.text)")
            }
        }
        #expect(replayed == inputs)
    }

    @Test func pastesTypeAndTheWheelIsLeftOut() {
        #expect(ScriptRecording.keys(for: .paste("ab\ncd")) == "abcd".map { .key(.character($0)) })
        #expect(ScriptRecording.keys(for: .mouse(MouseEvent(kind: .scrollDown, x: 1, y: 1))).isEmpty)
        #expect(ScriptRecording.keys(for: .key(.character("\u{202E}"))).isEmpty)
        #expect(ScriptRecording.keys(for: .mouse(MouseEvent(kind: .click, x: 1, y: 2))) == [.click(x: 1, y: 2)])
    }

    @Test func aRecordingReplaysToTheScreensItSaw() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("tour.screen")
        let wall = VirtualClock(start: testNow)
        func keys(_ text: String, after pause: TimeInterval = 0.2) -> [TimedBackend.Event] {
            text.map { .init(after: pause, event: .input(.key(.character($0)))) }
        }
        var events: [TimedBackend.Event] = [.init(after: 0.5, event: .input(.key(.character("x"))))]
        events += [.init(after: 0.1, event: .input(.key(.control("u"))))]
        events += keys("alex.wilber@contoso.com")
        events += [.init(after: 0.3, event: .input(.key(.tab)))]
        events += keys("Contoso-Alex-2")
        events += [.init(after: 0.3, event: .input(.key(.enter)))]
        // Idle on the code screen for 75 s: the demo ticks every 30 s.
        events += [.init(after: 75.4, event: .input(.key(.function(12))))]
        events += [.init(after: 0.2, event: .input(.mouse(MouseEvent(kind: .scrollDown, x: 3, y: 3))))]
        events += [.init(after: 2.6, event: .input(.key(.escape)))]
        events += [.init(after: 0.4, event: .input(.resize(Size(width: 90, height: 26))))]
        events += [.init(after: 0.1, event: .input(.key(.function(12))))]
        events += [.init(after: 0.1, event: .input(.key(.control("c"))))]
        let backend = TimedBackend(size: Size(width: 80, height: 24), events: events, wall: wall)
        let recorder = try ScriptRecorder(script: ScreenScript(file: file), snapshotKey: .function(12), labelPrefix: "tour", wall: wall)
        recorder.run(on: backend)
        #expect(recorder.signal == nil)
        let text = recorder.recording.text
        #expect(text.contains("""
        type x
        press Ctrl+U
        type alex.wilber@contoso.com
        press Tab
        type Contoso-Alex-2
        press Enter
        wait 30s
        wait 30s
        snapshot tour-1
        wait 18s
        press Esc
        resize 90x26
        snapshot tour-2
        press Ctrl+C

        """), "\(text)")
        #expect(recorder.snapshots.count == 2)
        #expect(recorder.snapshots[0].screen.text.contains("code"), "\(recorder.snapshots[0].screen.text)")
        // Each snapshot holds a screen the person was shown.
        #expect(recorder.snapshots.allSatisfy { snapshot in backend.drawn.contains(snapshot.screen) })

        try text.write(to: file, atomically: true, encoding: .utf8)
        let outcome = try ScriptRunner(updateGoldens: true).run(file: file)
        #expect(outcome.passed, "\(outcome.failures)")
        for (label, screen) in recorder.snapshots {
            let golden = try String(contentsOf: folder.appendingPathComponent("tour.\(label).txt"), encoding: .utf8)
            #expect(golden == Snapshot.text(of: screen), "\(label)")
        }
        // A replay of the written script passes against those goldens.
        #expect(try ScriptRunner().run(file: file).passed)
    }

    @Test func aStoreThatCannotBeReadIsSaidBeforeRecording() {
        var script = ScreenScript(file: URL(fileURLWithPath: "Screens/x.screen"))
        script.store = .file("no-such-store.json")
        #expect(throws: ScriptError.self) {
            _ = try ScriptRecorder(script: script, snapshotKey: .function(12), labelPrefix: "x")
        }
    }
}

/// A terminal whose events come after pauses on a virtual wall clock: a
/// poll that times out first lets that much time pass.
final class TimedBackend: TerminalBackend {
    struct Event {
        var after: TimeInterval
        var event: BackendEvent
    }

    private(set) var size: Size
    private(set) var drawn: [CellBuffer] = []
    private var events: [Event]
    private let wall: VirtualClock

    init(size: Size, events: [Event], wall: VirtualClock) {
        self.size = size
        self.events = events
        self.wall = wall
    }

    func draw(_ buffer: CellBuffer) { drawn.append(buffer) }

    func poll(timeoutMilliseconds: Int) -> BackendEvent {
        guard !events.isEmpty else { return .terminate(signal: 15) }
        let timeout = Double(timeoutMilliseconds) / 1_000
        if events[0].after > timeout {
            events[0].after -= timeout
            wall.advance(by: timeout)
            return .timeout
        }
        let next = events.removeFirst()
        wall.advance(by: next.after)
        if case let .input(.resize(newSize)) = next.event { size = newSize }
        return next.event
    }
}
