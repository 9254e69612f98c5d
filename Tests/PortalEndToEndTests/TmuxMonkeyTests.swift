import Foundation
import PortalCore
import PortalStore
import Testing

/// The real binary in tmux under seeded random keys, clicks, wheel turns and
/// resizes. Like the headless monkey it checks only what must always hold:
/// the process runs or ended cleanly, the pane shows a whole frame, and the
/// store holds what it held but for failed sign-ins and sign-in methods
/// (random keys can reach Security info). PORTAL_TMUX_MONKEY_EVENTS and
/// PORTAL_TMUX_MONKEY_SEED change the run.
@Suite("Real terminal monkey", .serialized)
struct TmuxMonkeyTests {
    /// tmux key names; letters and signs go literally.
    static let keys = ["Tab", "BTab", "Enter", "Escape", "Up", "Down", "Left", "Right", "PPage", "NPage", "Home", "End",
                       "BSpace", "DC", "F1", "F5", "F10", "Space"]
    static let literals = Array("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789?!@#/.-_jkhlgGqoy")
    static let sizes = [(80, 24), (132, 43), (100, 30), (79, 24), (80, 23), (40, 10), (200, 50), (20, 5)]

    /// Starts the portal; its exit status lands in `exitFile`. Then cat
    /// swallows, without echo, the keys still coming once the portal has
    /// ended, so random keys never reach the shell nor scroll the pane.
    private func start(_ tmux: Tmux, store: URL, exitFile: URL) throws {
        try? FileManager.default.removeItem(at: exitFile)
        try tmux.type("clear; stty echo; '\(PortalBinary.url.path)' --store '\(store.path)'; echo $? >'\(exitFile.path)'; stty -echo; cat >/dev/null")
        try tmux.press("Enter")
        try tmux.waitUntil("the portal's first frame") { $0.contains("Company Portal") || $0.contains("Terminal too small") }
    }

    /// A frame is sane when the program draws its header, or at a size below
    /// the minimum says so, and nothing spills past the pane.
    private func isSaneFrame(_ screen: String, width: Int, height: Int) -> Bool {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard rows.count <= height + 1 else { return false }
        if width < 80 || height < 24 {
            // Narrow panes cut the message; where it fits, it names the new size.
            return screen.contains("too small") && (width < 40 || screen.contains("\(width)x\(height)"))
        }
        // Overlays may cover any row, so the header is looked for anywhere.
        return screen.contains("Company Portal") && !screen.contains("too small")
    }

    @Test(.timeLimit(.minutes(10)))
    func randomInputThroughTheRealTerminal() throws {
        let count = Int(ProcessInfo.processInfo.environment["PORTAL_TMUX_MONKEY_EVENTS"] ?? "") ?? 400
        let seed = UInt64(ProcessInfo.processInfo.environment["PORTAL_TMUX_MONKEY_SEED"] ?? "") ?? 3
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("portal.json")
        let created = try portal("store", "init", "--demo", "--store", store.path)
        #expect(created.status == 0, "\(created.error)")
        let before = try Data(contentsOf: store)

        let exitFile = folder.appendingPathComponent("exit")
        func exitStatus() -> String? {
            (try? String(contentsOf: exitFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let tmux = try Tmux()
        try start(tmux, store: store, exitFile: exitFile)
        // Signed in first, as a user would be; the random keys may sign out again.
        try tmux.type("adele.vance@contoso.com")
        try tmux.press("Tab")
        try tmux.type("Contoso-Adele-1")
        try tmux.press("Enter")
        try tmux.waitFor("enrolled device", seconds: 120)

        var random = SeededGenerator(seed: seed)
        var (width, height) = (80, 24)
        var restarts = 0
        for index in 0..<count {
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<45: try tmux.type(String(Self.literals[Int.random(in: 0..<Self.literals.count, using: &random)]))
            case 45..<75: try tmux.press(Self.keys[Int.random(in: 0..<Self.keys.count, using: &random)])
            case 75..<88: try tmux.click(x: Int.random(in: 0..<width, using: &random), y: Int.random(in: 0..<height, using: &random))
            case 88..<92:
                let button = 64 + Int.random(in: 0..<2, using: &random)
                try tmux.mouse(button: button, x: Int.random(in: 0..<width, using: &random), y: Int.random(in: 0..<height, using: &random), release: false)
            default:
                (width, height) = Self.sizes[Int.random(in: 0..<Self.sizes.count, using: &random)]
                try tmux.resize(width: width, height: height)
            }
            // Every 25 events, and at the end, the program must have caught up
            // with a sane frame, or have ended cleanly (then it starts again).
            guard index % 25 == 24 || index == count - 1 else { continue }
            let screen = try tmux.waitUntil("a sane frame after event \(index)") {
                exitStatus() != nil || isSaneFrame($0, width: width, height: height)
            }
            if let exit = exitStatus() {
                #expect(exit == "0", "the portal ended with \(exit) after event \(index):\n\(screen)")
                guard exit == "0" else { return }
                restarts += 1
                if width < 80 || height < 24 { (width, height) = (80, 24); try tmux.resize(width: 80, height: 24) }
                try tmux.press("C-c")
                try tmux.waitUntil("the shell prompt") {
                    $0.split(separator: "\n").last { !$0.isEmpty }?.hasPrefix("e2e$") == true
                }
                try start(tmux, store: store, exitFile: exitFile)
            }
        }
        try tmux.press("C-c")
        let end = try tmux.waitUntil("the portal's end") { _ in exitStatus() != nil }
        #expect(exitStatus() == "0", "\(end)")
        // Failed sign-ins are counted in the store now, and Security info may
        // rename, remove or make default a method; nothing else may change.
        var after = try JSONStore(url: store).load()
        var original = try StoreCodec.decode(before, path: store.path)
        for index in after.users.indices {
            after.users[index].mfaMethods = []
            after.users[index].preferredMfaMethodId = nil
        }
        for index in original.users.indices {
            original.users[index].mfaMethods = []
            original.users[index].preferredMfaMethodId = nil
        }
        after.signInLockouts = []
        original.signInLockouts = []
        #expect(after == original, "the store changed beyond failed sign-ins and sign-in methods")
        print("tmux monkey: \(count) events, seed \(seed), \(restarts) restarts")
    }
}
