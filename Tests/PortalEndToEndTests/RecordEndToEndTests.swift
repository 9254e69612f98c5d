import Foundation
import Testing

/// `portal screens record` in a real terminal, and `screens run --cast`
/// played back in one.
@Suite("Real terminal: recording and casts", .serialized)
struct RecordEndToEndTests {
    /// A project-like folder with an empty Screens/.
    private func project() throws -> URL {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Screens"), withIntermediateDirectories: true)
        return folder
    }

    /// The rows of a golden snapshot, as tmux shows them (right-trimmed).
    private func rows(ofGolden url: URL) throws -> [String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast().map(String.init)
    }

    private func paneRows(_ tmux: Tmux, height: Int) throws -> [String] {
        let lines = try tmux.screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return Array((lines + Array(repeating: "", count: height)).prefix(height))
    }

    @Test func aRecordingInTmuxReplaysHeadlessToWhatWasShown() throws {
        let folder = try project()
        let tmux = try Tmux()
        try tmux.type("cd '\(folder.path)' && clear && '\(PortalBinary.url.path)' screens record signin-tour; echo \"EXIT=$?\"")
        try tmux.press("Enter")
        try tmux.waitFor("Sign in with your Contoso work account.")
        try tmux.type("adele.vance@contoso.com")
        try tmux.press("Tab")
        try tmux.type("Contoso-Adele-1")
        try tmux.press("Enter")
        try tmux.waitFor("You have 4 enrolled devices.")
        let home = try paneRows(tmux, height: 24)
        try tmux.press("F12")
        try tmux.press("2")
        try tmux.waitFor("My devices (4)")
        try tmux.press("Down", "Down")
        try tmux.waitFor("› Adele's MacBook Air")
        let devices = try paneRows(tmux, height: 24)
        try tmux.press("F12")
        try tmux.type("q")
        let end = try tmux.waitFor("EXIT=0")
        #expect(end.contains("recorded Screens/signin-tour.screen: 2 snapshots"), "\(end)")
        #expect(end.contains("pass  Screens/signin-tour.screen (updated 2 goldens)"), "\(end)")

        let screens = folder.appendingPathComponent("Screens")
        let script = try String(contentsOf: screens.appendingPathComponent("signin-tour.screen"), encoding: .utf8)
        for line in ["size 80x24", "store demo", "clock 2026-11-22T09:00:00Z", "type adele.vance@contoso.com", "press Tab",
                     "type Contoso-Adele-1", "press Enter", "snapshot signin-tour-1", "type 2", "press Down*2", "snapshot signin-tour-2", "type q"] {
            #expect(script.contains("\n\(line)\n"), "\(line) missing from:\n\(script)")
        }
        // The goldens are the screens the person saw when pressing F12.
        #expect(try rows(ofGolden: screens.appendingPathComponent("signin-tour.signin-tour-1.txt")) == home)
        #expect(try rows(ofGolden: screens.appendingPathComponent("signin-tour.signin-tour-2.txt")) == devices)

        // Replayed headless, the recording passes against them.
        let replay = try portal("screens", "run", "Screens/signin-tour.screen", directory: folder)
        #expect(replay.status == 0, "\(replay.output)\(replay.error)")
        #expect(replay.output.contains("1 passed, 0 failed"))
    }

    @Test func recordRefusesToOverwriteAndChecksItsName() throws {
        let folder = try project()
        try "press q\n".write(to: folder.appendingPathComponent("Screens/taken.screen"), atomically: true, encoding: .utf8)
        let taken = try portal("screens", "record", "taken", directory: folder)
        #expect(taken.status == 2)
        #expect(taken.error.contains("Screens/taken.screen exists; pass --force to replace it"), "\(taken.error)")
        #expect(try String(contentsOf: folder.appendingPathComponent("Screens/taken.screen"), encoding: .utf8) == "press q\n")
        for bad in ["../escape", "a/b", "tour.screen", ""] {
            let result = try portal("screens", "record", bad, directory: folder)
            #expect(result.status == 2, "\(bad)")
            #expect(result.error.contains("NAME must be 1 to 100 letters, digits, - and _"), "\(result.error)")
        }
        let key = try portal("screens", "record", "x", "--snapshot-key", "s", directory: folder)
        #expect(key.status == 2)
        #expect(key.error.contains("types text"), "\(key.error)")
        let nowhere = try portal("screens", "record", "x", directory: try temporaryFolder())
        #expect(nowhere.status == 2)
        #expect(nowhere.error.contains("no Screens/ folder here"), "\(nowhere.error)")
        let store = try portal("screens", "record", "x", "--store", "missing.json", directory: folder)
        #expect(store.status == 2)
        #expect(store.error.contains("store:"), "\(store.error)")
    }

    @Test func aCastCatIntoTmuxShowsTheLastSnapshot() throws {
        let folder = try project()
        let script = """
        size 80x24
        theme high-contrast
        type zoe.angstrom@contoso.com
        press Tab
        type Contoso-Zoe-5
        press Enter
        press 2
        snapshot devices
        press Enter
        snapshot device
        """
        try script.write(to: folder.appendingPathComponent("Screens/cast-tour.screen"), atomically: true, encoding: .utf8)
        let result = try portal("screens", "run", "--update", "--cast", "casts", "--svg", "pictures", "Screens/cast-tour.screen", directory: folder)
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(result.output.contains("wrote 1 cast in casts, 2 pictures in pictures"), "\(result.output)")

        // The terminal output of every event, in order, as one stream.
        let cast = try String(contentsOf: folder.appendingPathComponent("casts/cast-tour.cast"), encoding: .utf8)
        var stream = ""
        for line in cast.split(separator: "\n").dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            stream += try #require(event[2] as? String)
        }
        let output = folder.appendingPathComponent("cast-tour.out")
        try stream.write(to: output, atomically: true, encoding: .utf8)
        let tmux = try Tmux()
        try tmux.type("cat '\(output.path)'; sleep 600")
        try tmux.press("Enter")
        let golden = try rows(ofGolden: folder.appendingPathComponent("Screens/cast-tour.device.txt"))
        try tmux.waitFor(golden[3].trimmingCharacters(in: .whitespaces))
        #expect(try paneRows(tmux, height: 24) == golden)
    }
}
