import Foundation
import PortalCore

/// Runs a kiosk: a `PortalRuntime` per visitor session, each over its own
/// copy of the organization held in memory, and the kiosk's state around
/// them. Nothing is ever written to the store the kiosk was started from.
public final class KioskRuntime: LoopRuntime {
    public private(set) var state: KioskState
    /// The visitor's (or the attract loop's) portal; replaced at each reset.
    public private(set) var session: PortalRuntime
    public let clock: Clock
    public let settings: KioskSettings
    /// Sessions started, the first included: the kiosk keeps none of the old ones.
    public private(set) var sessionsStarted = 0
    private var tenant: Tenant
    /// Where each visit's copy comes from when the organization lives in a
    /// database many kiosks share: what an administrator changed shows from
    /// the next visitor on. nil keeps the copy read at start.
    public var freshTenant: (() -> Tenant?)?
    /// Raised from the store's listening thread when an administrator or
    /// another portal changed the store: the visitor on screen sees the
    /// organization's part of it at once (a new notification, say), and a
    /// kiosk waiting for a visitor takes all of it.
    public let storeChanges = LockedValue(false)
    private let makeContext: (Tenant) -> PortalContext
    private var size: Size
    private var sessionTickDue: Date
    /// The session was signed in after the last work: signing out then resets it.
    private var sessionSignedIn = false
    private var requests: [TerminalRequest]
    private let pinCheck = PinCheck()
    /// Most deadlines one tick catches up on (a suspended machine wakes hours late).
    static let catchUpLimit = 1_000
    /// When the kiosk last looked at its deadlines.
    private var lastTick: Date

    /// `context` makes each session's portal context over its copy of `tenant`.
    public init(tenant: Tenant, settings: KioskSettings, clock: Clock, size: Size,
                context: @escaping (Tenant) -> PortalContext) {
        self.tenant = tenant
        self.settings = settings
        self.clock = clock
        self.size = size
        makeContext = context
        state = KioskState(now: clock.now())
        lastTick = clock.now()
        session = Self.makeSession(context(tenant), clock: clock, size: size)
        sessionsStarted = 1
        sessionTickDue = TerminalLoop.nextTick(after: clock.now(), every: session.tickSeconds)
        requests = [.brandColor(tenant.organization.themeColor)]
    }

    public var isFinished: Bool { state.exited }

    public var isBusy: Bool { session.isBusy || pinCheck.isRunning }

    public func nextTick(after now: Date) -> Date {
        min(sessionTickDue, KioskApp.nextDeadline(state, now: now, settings: settings))
    }

    public func post(_ message: Message) {
        let now = clock.now()
        switch message {
        case let .input(input):
            if case let .resize(newSize) = input { size = newSize }
            apply(KioskApp.update(&state, .input(input), now: now, settings: settings, session: session.state), at: now)
        case .tick:
            // The session ticks at its own pace: once a minute, not at each attract key.
            if now >= sessionTickDue { session.post(.tick) }
            // Deadlines passed since the last tick are met in order, each at
            // its own time: a script's `wait 2s` plays the keys of two
            // seconds, and a late wake-up does not skip a reset.
            var moment = lastTick
            for _ in 0..<Self.catchUpLimit {
                let due = KioskApp.nextDeadline(state, now: moment, settings: settings)
                guard due < now, due > moment else { break }
                apply(KioskApp.update(&state, .tick, now: due, settings: settings, session: session.state), at: due)
                // What a key started (a sign-in) finishes before the next key, as it would have in time.
                session.waitUntilIdle()
                moment = due
            }
            apply(KioskApp.update(&state, .tick, now: now, settings: settings, session: session.state), at: now)
            lastTick = now
        default:
            session.post(message)
        }
        afterSessionWork(now: now)
    }

    /// Posts and waits until the work it caused is done (scripts and tests).
    public func send(_ message: Message) {
        post(message)
        waitUntilIdle()
    }

    public func waitUntilIdle() {
        while isBusy {
            session.waitUntilIdle()
            if pinCheck.isRunning { pinCheck.wait() }
            deliverFinishedWork()
        }
    }

    public var idleWaitMilliseconds: Int { freshTenant == nil ? TerminalLoop.longestWaitMilliseconds : 200 }

    @discardableResult
    public func deliverFinishedWork() -> Bool {
        var delivered = session.deliverFinishedWork()
        if storeChanges.exchange(false), let fresh = freshTenant?() {
            tenant = fresh
            if let directory = session.context.directory as? InMemoryDirectory {
                // Before anyone signed in, the visit's copy is the store as it is now;
                // a visitor keeps what they did and gets the organization's changes.
                if case .portal = session.state.screen {
                    directory.takeOrganizationWide(from: fresh)
                } else {
                    directory.replace(with: fresh)
                }
            }
            session.post(.storeEvent(.changed(userId: DirectoryEvent.everyone)))
            session.post(.storeEvent(.catalogChanged))
            delivered = true
        }
        if let right = pinCheck.take() {
            let now = clock.now()
            apply(KioskApp.update(&state, .pinChecked(right), now: now, settings: settings, session: session.state), at: now)
            delivered = true
        }
        if delivered { afterSessionWork(now: clock.now()) }
        return delivered
    }

    /// The session's requests, except suspending: a kiosk never hands the terminal to a shell.
    public func takeTerminalRequests() -> [TerminalRequest] {
        defer { requests = [] }
        return requests + session.takeTerminalRequests().filter { $0 != .suspend }
    }

    public func render() -> CellBuffer {
        KioskApp.view(state, session: session.render(), sessionState: session.state, context: session.context,
                      now: clock.now(), settings: settings)
    }

    /// Performs what update asked for; `moment` is the time it was asked at (a deadline when catching up).
    private func apply(_ effects: [KioskEffect], at moment: Date) {
        for effect in effects {
            switch effect {
            case let .forward(message):
                session.post(message)
            case .freshSession:
                startSession()
            case let .checkPin(pin):
                guard let hash = settings.exitPinHash else { continue }
                pinCheck.start { hash.verify(pin) }
            case let .lookUpCode(name, method):
                // A code the script cannot type is skipped: the show goes on.
                let code = ScriptRunner.code(of: name, method: method, runtime: session, now: clock.now()) ?? ""
                apply(KioskApp.update(&state, .attractTyping(code), now: moment, settings: settings, session: session.state), at: moment)
            case .exit:
                break
            }
        }
    }

    /// A fresh copy of the organization for the next visitor; the old
    /// session, its copy and any work it had under way are dropped.
    private func startSession() {
        if let fresh = freshTenant?() { tenant = fresh }
        session = Self.makeSession(makeContext(tenant), clock: clock, size: size)
        sessionsStarted += 1
        sessionSignedIn = false
        sessionTickDue = TerminalLoop.nextTick(after: clock.now(), every: session.tickSeconds)
    }

    private static func makeSession(_ context: PortalContext, clock: Clock, size: Size) -> PortalRuntime {
        var context = context
        // Visitors leave nothing on the machine: no diagnostic reports either.
        context.savesFiles = false
        context.offersQuit = false
        let session = PortalRuntime(context: context, clock: clock, size: size)
        session.post(.input(.resize(size)))
        return session
    }

    /// A session that quit anyway (no key should let it) starts again
    /// rather than ending the kiosk; the session's tick follows its screen.
    private func afterSessionWork(now: Date) {
        // A visitor who signs out is done: the next one starts on a fresh
        // copy, and the welcome screen plays the show again when left alone.
        let signedIn = if case .portal = session.state.screen { true } else { false }
        let signedOut = sessionSignedIn && !signedIn
        if session.isFinished || signedOut {
            state = KioskState(resetFrom: state, now: now)
            startSession()
        }
        sessionSignedIn = if case .portal = session.state.screen { true } else { false }
        sessionTickDue = min(TerminalLoop.nextTick(after: now, every: session.tickSeconds),
                             now >= sessionTickDue ? .distantFuture : sessionTickDue)
    }
}

/// The PIN check, off the terminal thread: PBKDF2 at the store's rounds takes a moment.
final class PinCheck: @unchecked Sendable {
    private let lock = NSLock()
    private let group = DispatchGroup()
    private let queue = DispatchQueue(label: "portal.kiosk.pin")
    private var running = false
    private var result: Bool?

    var isRunning: Bool { lock.withLock { running } }

    func start(_ check: @escaping @Sendable () -> Bool) {
        lock.withLock { running = true }
        queue.async(group: group) {
            let right = check()
            self.lock.withLock { self.result = right }
        }
    }

    func wait() { group.wait() }

    /// The finished check's answer, once.
    func take() -> Bool? {
        lock.withLock {
            guard let taken = result else { return nil }
            result = nil
            running = false
            return taken
        }
    }
}
