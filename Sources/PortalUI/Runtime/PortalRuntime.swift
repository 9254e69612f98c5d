import Foundation
import PortalCore

/// Runs the program: feeds messages to update and performs the effects update
/// asks for. Slow effects run on a worker thread and their results come back
/// as messages, so keys, signals and resizes are never kept waiting; screen
/// scripts and tests wait for that work before they look at the screen.
public final class PortalRuntime {
    public private(set) var state: AppState
    /// Replaced once when a store loaded in the background arrives.
    public private(set) var context: PortalContext
    /// Why the store could not be loaded, when that ended the program.
    public private(set) var loadFailure: String?
    private let tenantBox = TenantBox()
    public let clock: Clock
    private let inbox = WorkInbox()
    private let worker = DispatchQueue(label: "portal.effects")
    private var running = 0
    private var requests: [TerminalRequest] = []

    public init(context: PortalContext, clock: Clock, size: Size) {
        self.context = context
        self.clock = clock
        state = AppState(size: size, now: clock.now())
    }

    public var isFinished: Bool { state.isFinished }

    /// Whether slow work is under way.
    public var isBusy: Bool { running > 0 }

    /// Loads the organization off the terminal thread, so the first frame is
    /// drawn at once; work queued after it (signing in) waits for it, since
    /// the worker runs jobs in order.
    public func loadTenant(_ load: @escaping @Sendable () throws -> Tenant) {
        context.isLoading = true
        running += 1
        let inbox = inbox, box = tenantBox
        worker.async {
            do {
                box.tenant = try load()
                inbox.post(.storeLoaded)
            } catch {
                inbox.post(.storeFailed(String(describing: error)))
            }
        }
    }

    /// Sends a message and starts the effects it causes, without waiting for slow ones.
    public func post(_ message: Message) {
        switch message {
        case .storeLoaded:
            if let tenant = tenantBox.tenant {
                var loaded = PortalContext(tenant: tenant, timeZone: context.timeZone, mouseEnabled: context.mouseEnabled)
                loaded.localeIsUTF8 = context.localeIsUTF8
                context = loaded
                requests.append(.brandColor(tenant.organization.themeColor))
            }
        case let .storeFailed(reason):
            loadFailure = reason
            state.isFinished = true
            return
        default:
            break
        }
        var queue = [message]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            state.now = clock.now()
            for effect in PortalApp.update(&state, next, context: context) {
                if let result = start(effect) { queue.append(result) }
            }
        }
    }

    /// Sends a message and waits until all the work it caused is done.
    public func send(_ message: Message) {
        post(message)
        waitUntilIdle()
    }

    /// Feeds back the results of finished work; returns whether there were any.
    @discardableResult
    public func deliverFinishedWork() -> Bool {
        let results = inbox.take()
        for result in results {
            running -= 1
            post(result)
        }
        return !results.isEmpty
    }

    public func waitUntilIdle() {
        while isBusy {
            inbox.waitForResult()
            deliverFinishedWork()
        }
    }

    /// What the terminal was asked to do (repaint, suspend) since the last call.
    public func takeTerminalRequests() -> [TerminalRequest] {
        defer { requests = [] }
        return requests
    }

    public func render() -> CellBuffer {
        PortalApp.view(state, context: context)
    }

    /// Performs a quick effect at once (returning its result) or starts a slow one.
    private func start(_ effect: Effect) -> Message? {
        switch effect {
        case let .authenticate(userPrincipalName, password):
            running += 1
            let loaded = context.tenant
            let inbox = inbox, box = tenantBox
            worker.async {
                // A store still loading was queued first and has finished by now.
                let tenant = box.tenant ?? loaded
                let message: Message
                switch Authenticator().authenticate(userPrincipalName: userPrincipalName, password: password, in: tenant) {
                case let .success(user): message = .signInSucceeded(user)
                case let .failure(failure): message = .signInFailed(failure)
                }
                inbox.post(message)
            }
            return nil
        case .quit:
            state.isFinished = true
            return nil
        case .redraw:
            requests.append(.redraw)
            return nil
        case .suspend:
            requests.append(.suspend)
            return nil
        }
    }
}

/// Things only the terminal can do, asked for by update and done by the loop.
public enum TerminalRequest: Equatable, Sendable {
    case redraw, suspend
    /// The store brought the organization's theme color.
    case brandColor(String)
}

/// The tenant a background load produced, read by the jobs queued after it.
final class TenantBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Tenant?

    var tenant: Tenant? {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

/// Results of background work, handed from worker threads to the terminal thread.
final class WorkInbox: @unchecked Sendable {
    private let condition = NSCondition()
    private var results: [Message] = []

    func post(_ message: Message) {
        condition.lock()
        results.append(message)
        condition.signal()
        condition.unlock()
    }

    func take() -> [Message] {
        condition.lock()
        defer { condition.unlock() }
        let taken = results
        results = []
        return taken
    }

    func waitForResult() {
        condition.lock()
        while results.isEmpty { condition.wait() }
        condition.unlock()
    }
}
