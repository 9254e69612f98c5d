import Foundation
import PortalTestCluster
import Testing

/// The real binary in tmux on a PostgreSQL database: another process's
/// change shows without a key pressed, and the server going away and coming
/// back is shown in the header.
@Suite("Real terminal on a database", .serialized)
struct DatabaseTerminalEndToEndTests {
    /// Polls the screen until `text` is gone, failing after `seconds`.
    private func waitUntilGone(_ tmux: Tmux, _ text: String, seconds: Double = 30) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try tmux.screen()
            if !last.contains(text) { return }
            usleep(50_000)
        }
        throw TmuxError(message: "\"\(text)\" stayed; the screen was:\n\(last)")
    }

    @Test func aRenameElsewhereShowsAtOnceAndAStoppedServerShowsReconnecting() throws {
        // A server of its own, since this test stops it.
        guard let cluster = try DatabaseTests.ownCluster() else { return }
        let url = try cluster.createDatabase()
        let created = try portal("store", "init", "--demo", url)
        #expect(created.status == 0, "\(created.error)")

        let tmux = try Tmux()
        try tmux.type("clear; '\(PortalBinary.url.path)' --store '\(url)'; echo \"EXIT=$?\"")
        try tmux.press("Enter")
        try tmux.waitFor("Sign in with your Contoso work account.")
        try tmux.type("adele.vance@contoso.com")
        try tmux.press("Tab")
        try tmux.type("Contoso-Adele-1")
        try tmux.press("Enter")
        try tmux.waitFor("You have 4 enrolled devices.")
        try tmux.press("2")
        try tmux.waitFor("My devices (4)")
        // A change made before the portal's LISTEN took effect would never be announced.
        try cluster.waitUntilListening(url)

        // An administrator renames a device in SQL; no key is pressed after it.
        try cluster.psql(url, #"UPDATE "managedDevices" SET data = jsonb_set(data, '{deviceName}', '"Adele Pixel Renamed"') WHERE id = 'dev-adele-pixel'"#)
        let renamed = try tmux.waitFor("Adele Pixel Renamed")
        #expect(renamed.contains("My devices (4)"))
        #expect(!renamed.contains("Reconnecting"))

        try cluster.stop()
        let away = try tmux.waitFor("! Reconnecting…")
        #expect(away.split(separator: "\n").first?.contains("Reconnecting") == true, "not in the header:\n\(away)")
        try cluster.start()
        try waitUntilGone(tmux, "Reconnecting")
        #expect(try tmux.screen().contains("Adele Pixel Renamed"))

        try tmux.type("q")
        try tmux.waitFor("EXIT=0")
    }
}
