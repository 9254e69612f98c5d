import Foundation
import PortalCore
import PortalStore

// A process that writes a store, for the crash-safety and concurrency tests:
// they kill it mid-write or run two at once. Not a user command.
//
// PATH may be a postgresql:// URL: the same changes then go to the database.
//
//   store-writer PATH PREFIX COUNT
//
// applies COUNT updates, each under the store's lock, each adding the group
// PREFIX-<n> (n from 0), so a reader can tell which updates landed.
//
//   store-writer PATH --fail-sign-in NAME COUNT
//
// counts COUNT failed sign-ins of NAME through the portal's directory, as
// portals on other terminals would.
//
//   store-writer PATH --enroll USER-ID SIMULATED-DEVICE-ID
//
// enrolls the simulated device for the user (company-owned, the walkthrough
// finished) through the portal's directory; exits 3 when the restrictions
// refuse it, as when another terminal took the last place.
let arguments = CommandLine.arguments
if arguments.count == 5, arguments[2] == "--enroll" {
    do {
        let directory = try StoreTarget.named(arguments[1]).directory()
        var session = EnrollmentSession(userId: arguments[3], now: Date())
        session.simulatedDeviceId = arguments[4]
        session.ownership = .company
        _ = try directory.perform(.enroll(session), now: Date())
        exit(0)
    } catch EnrollmentChangeError.blocked {
        exit(3)
    } catch {
        FileHandle.standardError.write(Data("store-writer: \(error)\n".utf8))
        exit(1)
    }
}
if arguments.count == 5, arguments[2] == "--fail-sign-in", let count = Int(arguments[4]), count >= 0 {
    do {
        let directory = try StoreTarget.named(arguments[1]).directory()
        for _ in 0..<count { _ = try directory.perform(.signInFailed(principalName: arguments[3]), now: Date()) }
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("store-writer: \(error)\n".utf8))
        exit(1)
    }
}
guard arguments.count == 4, let count = Int(arguments[3]), count >= 0 else {
    FileHandle.standardError.write(Data("usage: store-writer PATH PREFIX COUNT\n".utf8))
    exit(2)
}
let store = StoreTarget.named(arguments[1])
let prefix = arguments[2]
do {
    for index in 0..<count {
        try store.updateAll { $0.groups.append(Group(id: "\(prefix)-\(index)", displayName: "\(prefix) \(index)")) }
    }
} catch {
    FileHandle.standardError.write(Data("store-writer: \(error)\n".utf8))
    exit(1)
}
