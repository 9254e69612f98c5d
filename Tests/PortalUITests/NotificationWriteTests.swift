import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// Marking read through a real store file: a failed write says why and
/// changes nothing; a write that succeeds is seen by the next sign-in of a
/// second portal on the same file.
@Suite("Writing read notifications to the store")
struct NotificationWriteTests {
    @Test func aFailedMarkSaysWhyAndASecondPortalSeesTheMarksThatWorked() throws {
        let writes = AccountWriteTests()
        let store = try writes.demoStore()
        let runtime = try writes.portal(on: store)
        runtime.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        runtime.press(.character("6"))
        // The lock cannot be taken: a folder is in its place.
        let lock = writes.lockURL(of: store)
        try? FileManager.default.removeItem(at: lock)
        try FileManager.default.createDirectory(at: lock, withIntermediateDirectories: false)
        let before = try Data(contentsOf: store.url)
        runtime.press(.character("a"))
        #expect(runtime.screenText.contains("Could not take the store"), "\(runtime.screenText)")
        #expect(runtime.screenText.contains("[ 6 Notifications (8) ]"))
        #expect(try Data(contentsOf: store.url) == before)
        // Fixed, the same key works, and the file keeps it.
        try FileManager.default.removeItem(at: lock)
        runtime.press(.character("a"))
        #expect(runtime.screenText.contains("Notifications: 0 unread of 8"))
        let second = try writes.portal(on: store)
        second.signIn("adele.vance@contoso.com", "Contoso-Adele-1")
        #expect(second.screenText.contains("6 Notifications (0)"))
    }
}
