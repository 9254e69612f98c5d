import Foundation
import PortalCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Listens on the store's change channel on a connection of its own and a
/// thread of its own, waiting on the socket (no polling of the database).
/// When the server goes away it says so, connects again every second, and
/// on its return says so and reports a change for everyone and to the
/// catalog, since notices sent meanwhile were missed.
final class ChangeWatcher: @unchecked Sendable {
    private let store: PostgresStore
    private let event: @Sendable (DirectoryEvent) -> Void

    init(store: PostgresStore, event: @escaping @Sendable (DirectoryEvent) -> Void) {
        self.store = store
        self.event = event
    }

    /// The payload the triggers send for a change to the catalog.
    static let catalog = "catalog"

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "portal.changes"
        thread.start()
    }

    private func run() {
        var lost = false
        while true {
            do {
                let connection = try PostgresConnection(store.address)
                try connection.listen(PostgresStore.changesChannel)
                if lost {
                    lost = false
                    event(.unreachable(false))
                    event(.changed(userId: DirectoryEvent.everyone))
                    event(.catalogChanged)
                }
                try listen(on: connection)
            } catch {
                if !lost {
                    lost = true
                    event(.unreachable(true))
                }
                sleep(1)
            }
        }
    }

    /// Returns only by throwing, when the connection breaks.
    private func listen(on connection: PostgresConnection) throws {
        while true {
            var descriptor = pollfd(fd: connection.socket, events: Int16(POLLIN), revents: 0)
            // A wake-up each few seconds notices a connection that died silently.
            let ready = poll(&descriptor, 1, 5_000)
            if ready < 0 && errno != EINTR { throw DatabaseError.connectionLost(address: store.address.description, reason: "poll failed") }
            // Nothing for a while: ask the server, so a dead peer is found
            // (before reading, so notices that came with the answer are read too).
            if ready == 0 { try connection.execute("SELECT 1") }
            let arrived = try connection.notifications()
            let own = store.ownBackendPID
            var payloads: [String] = []
            for notice in arrived where notice.sender != own && !payloads.contains(notice.payload) { payloads.append(notice.payload) }
            for payload in payloads { event(payload == Self.catalog ? .catalogChanged : .changed(userId: payload)) }
        }
    }
}

extension PostgresDirectory: DirectoryChangeFeed {
    public func watchChanges(_ event: @escaping @Sendable (DirectoryEvent) -> Void) {
        ChangeWatcher(store: store, event: event).start()
    }
}
