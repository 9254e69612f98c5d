import Foundation
import PortalCore
import PortalStore

/// One pass of `portal bench` over a store file: the time of each step a
/// person feels, measured through the runtime as the terminal loop drives it.
/// Timing lives here, never in PortalCore.
public struct BenchScenario {
    /// Milliseconds per step of one pass, by figure key.
    public typealias Timings = [String: Double]

    /// What one pass measured.
    public struct Pass {
        public var timings: Timings = [:]
        /// A list before and after one cursor move, by list ("devices",
        /// "apps"), for counting what a terminal is sent for it.
        public var cursorMoves: [String: (before: CellBuffer, after: CellBuffer)] = [:]
    }

    /// Where the organization is read from.
    public enum Source: Sendable {
        /// A JSON file, loaded whole into memory; saving it is timed too.
        case file(storeURL: URL, saveURL: URL)
        /// A directory opened by this (a database): loading is opening it,
        /// and the screens read through it. The busiest user's hash must be
        /// cheap in it already; a database is never saved whole.
        case directory(@Sendable () throws -> any PortalDirectory)
    }

    /// Whether the store is over the size `JSONStore` will read (the huge one
    /// is): it is then read and decoded directly, the same work without the cap.
    public var isOverSizeCap: Bool {
        guard case let .file(storeURL, _) = source else { return false }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: storeURL.path)[.size] as? Int) ?? 0
        return bytes > JSONStore.maximumSize
    }

    public let source: Source
    public let size: Size

    public init(storeURL: URL, saveURL: URL, size: Size = Size(width: 80, height: 24)) {
        self.init(source: .file(storeURL: storeURL, saveURL: saveURL), size: size)
    }

    public init(source: Source, size: Size = Size(width: 80, height: 24)) {
        self.source = source
        self.size = size
    }

    /// Runs every step once. From a file the busiest user's hash is replaced
    /// in memory by a one-round hash, so sign-in measures the portal, not PBKDF2.
    public func run(userId: String, password: String) throws -> Pass {
        var pass = Pass()
        pass.timings = try measure(userId: userId, password: password) { pass.cursorMoves[$0] = ($1, $2) }
        return pass
    }

    private func measure(userId: String, password: String,
                         cursorMove: (String, CellBuffer, CellBuffer) -> Void) throws -> Timings {
        var timings: Timings = [:]
        let timeZone = TimeZone(identifier: "UTC") ?? .current
        let context: PortalContext
        let upn: String
        // What `portal run` hands the runtime to load in the background.
        let opened: @Sendable () throws -> any PortalDirectory
        switch source {
        case let .file(storeURL, saveURL):
            var loaded: Tenant?
            let overCap = isOverSizeCap
            timings["storeLoadMs"] = try milliseconds {
                loaded = overCap ? try StoreCodec.decode(try Data(contentsOf: storeURL), path: storeURL.path)
                    : try JSONStore(url: storeURL).load()
            }
            guard var tenant = loaded else { return timings }
            timings["storeSaveMs"] = try milliseconds { try JSONStore(url: saveURL).create(tenant, force: true) }
            guard let index = tenant.users.firstIndex(where: { $0.id == userId }) else { return timings }
            tenant.users[index].password = PasswordHash.make(password: password, iterations: 1, random: SeededRandomSource(seed: 7))
            upn = tenant.users[index].userPrincipalName
            context = PortalContext(tenant: tenant, timeZone: timeZone)
            let loadedTenant = tenant
            opened = { InMemoryDirectory(loadedTenant) }
        case let .directory(open):
            // Opening is what `portal run` does before its sign-in screen can sign anyone in.
            var made: (PortalContext, any PortalDirectory)?
            timings["storeLoadMs"] = try milliseconds {
                let directory = try open()
                made = (try PortalContext(directory: directory, timeZone: timeZone), directory)
            }
            guard let made else { return timings }
            let (openedContext, directory) = made
            guard let user = try directory.user(id: userId) else { throw BenchError.signInFailed(userId) }
            context = openedContext
            upn = user.userPrincipalName
            opened = { directory }
        }
        let clock = VirtualClock(start: Date())

        var runtime: PortalRuntime?
        timings["firstFrameMs"] = milliseconds {
            let started = PortalRuntime(context: context, clock: clock, size: size)
            _ = started.render()
            runtime = started
        }
        guard let runtime else { return timings }
        // What a person waits for: `portal run` draws the sign-in screen while
        // the store is still being read in the background.
        timings["coldStartMs"] = milliseconds {
            let waiting = PortalContext.awaitingStore(timeZone: timeZone)
            let starting = PortalRuntime(context: waiting, clock: clock, size: size)
            starting.post(.input(.resize(size)))
            starting.loadDirectory(opened)
            _ = starting.render()
        }
        for character in upn { runtime.send(.input(.key(.character(character)))) }
        runtime.send(.input(.key(.tab)))
        for character in password { runtime.send(.input(.key(.character(character)))) }
        // Home drawn, then all the work sign-in started done (the catalog
        // folded; on a database, read first).
        var homeShown = 0.0
        timings["signInToHomeMs"] = milliseconds {
            homeShown = milliseconds {
                runtime.post(.input(.key(.enter)))
                runtime.waitUntil { if case .portal = $0.screen { true } else { false } }
                _ = runtime.render()
            }
            runtime.waitUntilIdle()
            _ = runtime.render()
        }
        timings["signInToHomeFrameMs"] = homeShown
        // A figure for a screen never reached would be meaningless: each step checks where it is.
        guard case .portal = runtime.state.screen else { throw BenchError.signInFailed(upn) }
        try expect("Home", in: runtime) { $0.section == .home && $0.detail == nil }
        timings["homeKeyMs"] = frameAfter(.down, in: runtime)
        // Opening Devices evaluates every device of the user once.
        timings["devicesOpenMs"] = frameAfter(.character("2"), in: runtime)
        try expect("the Devices list", in: runtime) { $0.section == .devices && $0.detail == nil }
        let listBefore = runtime.render()
        timings["devicesKeyMs"] = frameAfter(.down, in: runtime)
        cursorMove("devices", listBefore, runtime.render())
        // A sort or a filter reorders the evaluated rows.
        timings["devicesSortMs"] = frameAfter(.character("s"), in: runtime)
        timings["devicesFilterMs"] = frameAfter(.character("f"), in: runtime)
        try expect("the Devices list sorted and filtered", in: runtime) { $0.deviceListing.query.state != nil }
        runtime.send(.input(.key(.escape)))
        runtime.send(.input(.key(.enter)))
        try expect("a device's detail", in: runtime) { if case .device? = $0.detail { true } else { false } }
        timings["deviceDetailKeyMs"] = frameAfter(.down, in: runtime)
        runtime.send(.input(.key(.escape)))
        // Opening Apps folds and sorts the whole catalog once.
        timings["appsOpenMs"] = frameAfter(.character("3"), in: runtime)
        try expect("the Apps list", in: runtime) { $0.section == .apps && $0.detail == nil }
        let appsBefore = runtime.render()
        timings["appsKeyMs"] = frameAfter(.down, in: runtime)
        cursorMove("apps", appsBefore, runtime.render())
        runtime.send(.input(.key(.character("/"))))
        // The first letter scans every app; the next narrows that result.
        timings["searchKeyMs"] = frameAfter(.character("m"), in: runtime)
        timings["searchNarrowKeyMs"] = frameAfter(.character("i"), in: runtime)
        try expect("the Apps search", in: runtime) { $0.appListing.searchText == "mi" }
        runtime.send(.input(.key(.escape)))
        runtime.send(.input(.key(.enter)))
        try expect("an app's detail", in: runtime) { if case .app? = $0.detail { true } else { false } }
        timings["appDetailKeyMs"] = frameAfter(.down, in: runtime)
        // An install under way: each tick moves its progress bar on the open detail.
        for _ in 0..<64 where !canInstall(runtime) { runtime.send(.input(.key(.character("d")))) }
        runtime.send(.input(.key(.character("i"))))
        try expect("an install under way", in: runtime) { !$0.installs.underWay.isEmpty }
        timings["installTickMs"] = milliseconds {
            clock.advance(by: 0.5)
            runtime.send(.tick)
            _ = runtime.render()
        }
        return timings
    }

    /// The open app's detail shows a device it can be installed on.
    private func canInstall(_ runtime: PortalRuntime) -> Bool {
        guard case let .portal(portal) = runtime.state.screen, case let .app(id)? = portal.detail,
              let entry = portal.data.entry(id: id), let device = AppInstalls.target(entry, portal) else { return false }
        return AppAvailability.refusal(entry.app, intent: entry.intent, on: device) == nil
            && portal.installs.record(appId: id, deviceId: device.id)?.installRequest == nil
    }

    private func expect(_ screen: String, in runtime: PortalRuntime, _ isThere: (PortalState) -> Bool) throws {
        guard case let .portal(portal) = runtime.state.screen, isThere(portal) else { throw BenchError.notReached(screen) }
    }

    /// What a key costs until its frame is drawn: update, then view.
    private func frameAfter(_ key: Key, in runtime: PortalRuntime) -> Double {
        milliseconds {
            runtime.send(.input(.key(key)))
            _ = runtime.render()
        }
    }

    private func milliseconds(_ work: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let elapsed = try clock.measure(work)
        let parts = elapsed.components
        return Double(parts.seconds) * 1_000 + Double(parts.attoseconds) / 1e15
    }
}

public enum BenchError: Error, CustomStringConvertible {
    case signInFailed(String)
    case notReached(String)

    public var description: String {
        switch self {
        case let .signInFailed(upn): "sign-in as \(upn) did not reach Home"
        case let .notReached(screen): "the keys meant to open \(screen) did not"
        }
    }
}

/// The largest resident set the process has had, in megabytes.
public func peakResidentMegabytes() -> Double {
    var usage = rusage()
    // Linux reports kilobytes, macOS bytes.
    #if os(macOS)
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_maxrss) / 1_048_576
    #else
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1_024
    #endif
}
