import Foundation
import PortalCore
import PortalStore

/// `portal bench --store URL`'s load test: N portal sessions at once, each a
/// thread with its own store and connection (as a separate portal process
/// would have), looping over sign-in, the device list, a status check and an
/// app install, for a fixed time. Users are spread over the organization.
struct BenchLoadTest {
    enum Operation: String, CaseIterable, Encodable {
        case signIn, listDevices, checkStatus, installApp

        var label: String {
            switch self {
            case .signIn: "sign-in"
            case .listDevices: "list devices"
            case .checkStatus: "check status"
            case .installApp: "install an app"
            }
        }
    }

    /// What one N gave.
    struct Outcome {
        let sessions: Int
        /// From the start until the last session stopped.
        let seconds: Double
        /// Milliseconds of each operation that succeeded, sorted.
        let latencies: [Operation: [Double]]
        let errors: Int
        let firstError: String?
        /// Installs that read the whole catalog to find an app.
        let catalogReads: Int
    }

    let address: DatabaseAddress
    let accounts: [(id: String, principalName: String)]
    let password: String
    let seconds: Double

    func run(sessions: Int) -> Outcome {
        let recorders = (0..<sessions).map { _ in SessionRecorder() }
        let ready = DispatchGroup(), done = DispatchGroup()
        let gate = StartGate()
        for (index, recorder) in recorders.enumerated() {
            ready.enter()
            done.enter()
            let session = Session(address: address, accounts: accounts, password: password, index: index,
                                  stride: sessions, recorder: recorder)
            let thread = Thread {
                session.connect()
                ready.leave()
                session.loop(until: gate.waitForStart())
                done.leave()
            }
            thread.stackSize = 1 << 21
            thread.start()
        }
        // Every session has connected (or failed to) before the clock starts.
        ready.wait()
        let started = Date()
        gate.start(deadline: started.addingTimeInterval(seconds))
        done.wait()
        // Operations under way at the deadline finish: rates are over the time taken.
        let elapsed = Date().timeIntervalSince(started)
        var latencies: [Operation: [Double]] = [:]
        var errors = 0, catalogReads = 0
        var firstError: String?
        for recorder in recorders {
            catalogReads += recorder.catalogReads
            for (operation, values) in recorder.latencies { latencies[operation, default: []] += values }
            errors += recorder.errors
            if firstError == nil { firstError = recorder.firstError }
        }
        return Outcome(sessions: sessions, seconds: elapsed, latencies: latencies.mapValues { $0.sorted() },
                       errors: errors, firstError: firstError, catalogReads: catalogReads)
    }
}

/// One portal session: its own store, connection and directory.
private final class Session: @unchecked Sendable {
    let address: DatabaseAddress
    let accounts: [(id: String, principalName: String)]
    let password: String
    let recorder: SessionRecorder
    private var directory: PostgresDirectory?
    /// Which account comes next: sessions take turns through the list.
    private var next: Int
    private let stride: Int
    private var installTurn = 0

    init(address: DatabaseAddress, accounts: [(id: String, principalName: String)], password: String, index: Int,
         stride: Int, recorder: SessionRecorder) {
        self.address = address
        self.accounts = accounts
        self.password = password
        self.recorder = recorder
        next = index
        self.stride = stride
    }

    /// A refused connection (max_connections, say) counts as an error.
    func connect() {
        do {
            directory = try PostgresDirectory(store: PostgresStore(address: address))
        } catch {
            recorder.failed(error)
        }
    }

    func loop(until deadline: Date) {
        while Date() < deadline {
            guard let directory else {
                // As a portal would: try again in a second.
                Thread.sleep(forTimeInterval: min(1, max(0, deadline.timeIntervalSinceNow)))
                if Date() < deadline { connect() }
                continue
            }
            guard !accounts.isEmpty else { return }
            let account = accounts[next % accounts.count]
            next += stride
            cycle(account, on: directory, until: deadline)
        }
    }

    /// The four operations for one account; one that fails ends the cycle.
    private func cycle(_ account: (id: String, principalName: String), on directory: PostgresDirectory, until deadline: Date) {
        let now = Date()
        let signedIn = timed(.signIn) { () throws -> Bool in
            let facts = try directory.signInFacts(principalName: account.principalName)
            guard let user = facts.user, user.password.verify(password) else { throw LoadTestError.signInRefused(account.principalName) }
            _ = try directory.perform(.signedIn(principalName: account.principalName), now: now)
            return true
        }
        guard signedIn == true, Date() < deadline, let data = timed(.listDevices, { try directory.portalData(userId: account.id) }) ?? nil else { return }
        let devices = data.devices
        let device = devices.isEmpty ? nil : devices[installTurn % devices.count]
        guard Date() < deadline,
              timed(.checkStatus, { try directory.perform(.checkStatus(userId: account.id, deviceId: device?.id, host: nil), now: now) }) != nil,
              Date() < deadline else { return }
        _ = timed(.installApp) { () throws -> AppInstallChangeResult in
            // A portal reads the whole catalog after sign-in: asked here only
            // when none of the apps sign-in read can be installed.
            var choice = installable(data.catalog, data)
            if choice == nil, !data.catalogIsComplete {
                recorder.readCatalog()
                choice = try directory.catalog(userId: account.id).flatMap { installable($0, data) }
            }
            guard let (appId, deviceId) = choice else { throw LoadTestError.nothingToInstall(account.principalName) }
            return try directory.perform(.request(userId: account.id, appId: appId, deviceId: deviceId, action: .install), now: now)
        }
    }

    /// An app of the catalog that can go on one of the devices and is not
    /// being installed there yet (so the request is written), taking turns
    /// through the catalog.
    private func installable(_ catalog: [CatalogEntry], _ data: UserPortalData) -> (appId: String, deviceId: String)? {
        guard !catalog.isEmpty, !data.devices.isEmpty else { return nil }
        for offset in 0..<catalog.count {
            let entry = catalog[(installTurn + offset) % catalog.count]
            if let device = data.devices.first(where: { device in
                AppAvailability.refusal(entry.app, intent: entry.intent, on: device) == nil
                    && data.installs.record(appId: entry.id, deviceId: device.id)?.installRequest == nil
            }) {
                installTurn += offset + 1
                return (entry.id, device.id)
            }
        }
        return nil
    }

    private func timed<R>(_ operation: BenchLoadTest.Operation, _ work: () throws -> R) -> R? {
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let result = try work()
            let parts = (clock.now - started).components
            recorder.record(operation, Double(parts.seconds) * 1_000 + Double(parts.attoseconds) / 1e15)
            return result
        } catch {
            recorder.failed(error)
            return nil
        }
    }
}

enum LoadTestError: Error, CustomStringConvertible {
    case signInRefused(String)
    case nothingToInstall(String)

    var description: String {
        switch self {
        case let .signInRefused(name): "the password of \(InertText.escaped(name)) was refused"
        case let .nothingToInstall(name): "\(InertText.escaped(name)) has no app left to install on their devices"
        }
    }
}

/// One session's figures; read only once its thread is done.
private final class SessionRecorder: @unchecked Sendable {
    private(set) var latencies: [BenchLoadTest.Operation: [Double]] = [:]
    private(set) var errors = 0
    private(set) var firstError: String?
    /// Installs that had to read the user's whole catalog.
    private(set) var catalogReads = 0

    func readCatalog() { catalogReads += 1 }

    func record(_ operation: BenchLoadTest.Operation, _ milliseconds: Double) {
        latencies[operation, default: []].append(milliseconds)
    }

    func failed(_ error: Error) {
        errors += 1
        if firstError == nil { firstError = "\(error)" }
    }
}

/// Holds every session until all have connected, then lets them go together.
private final class StartGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var deadline: Date?

    func start(deadline: Date) {
        condition.withLock {
            self.deadline = deadline
            condition.broadcast()
        }
    }

    func waitForStart() -> Date {
        condition.withLock {
            while deadline == nil { condition.wait() }
            return deadline!
        }
    }
}
