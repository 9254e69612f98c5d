import Foundation
import PortalCore
import PortalStore

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
    /// The context a background load produced, read by the jobs queued after it.
    private let loaded = LockedValue<PortalContext?>(nil)
    public let clock: Clock
    private let inbox = WorkInbox()
    private let worker = DispatchQueue(label: "portal.effects")
    private var running = 0
    private var requests: [TerminalRequest] = []
    /// The store announces other portals' changes (a database).
    public private(set) var watchesStore = false

    public init(context: PortalContext, clock: Clock, size: Size) {
        self.context = context
        self.clock = clock
        state = AppState(size: size, now: clock.now())
    }

    public var isFinished: Bool { state.isFinished }

    /// How often the screen changes on its own.
    public var tickSeconds: TimeInterval { PortalApp.tickSeconds(state, context: context) }

    /// Whether slow work is under way.
    public var isBusy: Bool { running > 0 }

    /// Opens the organization's store off the terminal thread, so the first
    /// frame is drawn at once; work queued after it (signing in) waits for
    /// it, since the worker runs jobs in order.
    public func loadDirectory(_ open: @escaping @Sendable () throws -> any PortalDirectory) {
        context.isLoading = true
        running += 1
        let inbox = inbox, box = loaded, waiting = context
        worker.async {
            do {
                var context = try PortalContext(directory: open(), timeZone: waiting.timeZone,
                                                mouseEnabled: waiting.mouseEnabled, random: waiting.random)
                context.localeIsUTF8 = waiting.localeIsUTF8
                context.inspectHost = waiting.inspectHost
                context.about = waiting.about
                box.value = context
                inbox.post(.storeLoaded)
            } catch {
                inbox.post(.storeFailed(String(describing: error)))
            }
        }
    }

    /// Loads a tenant into memory in the background (the bench and tests).
    public func loadTenant(_ load: @escaping @Sendable () throws -> Tenant) {
        loadDirectory { InMemoryDirectory(try load()) }
    }

    /// Sends a message and starts the effects it causes, without waiting for slow ones.
    public func post(_ message: Message) {
        switch message {
        case .storeLoaded:
            if let loaded = loaded.value {
                context = loaded
                requests.append(.brandColor(loaded.organization.themeColor))
                if let feed = loaded.directory as? any DirectoryChangeFeed {
                    let inbox = inbox
                    feed.watchChanges { inbox.postEvent(.storeEvent($0)) }
                    watchesStore = true
                }
            }
        case .accountChanged where context.isDemo:
            // The demo list shows each account's current method: read off the terminal thread.
            work(orElse: { _ in .demoAccountsRead([]) }) { directory, _ in .demoAccountsRead(try PortalContext.demoAccounts(in: directory)) }
        case let .demoAccountsRead(accounts):
            if !accounts.isEmpty { context.demoAccounts = accounts }
            return
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
        let events = inbox.takeEvents()
        events.forEach(post)
        return !results.isEmpty || !events.isEmpty
    }

    /// Delivers finished work until the state is as wanted or nothing is
    /// under way (the bench: Home drawn while the catalog is still coming).
    public func waitUntil(_ reached: (AppState) -> Bool) {
        while !reached(state), isBusy {
            inbox.waitForResult()
            deliverFinishedWork()
        }
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

    /// Runs store work on the worker, against the store loaded by then, and
    /// posts its message back; a job that throws posts `failed` with the
    /// error in the one line a screen has for it.
    private func work(orElse failed: @escaping @Sendable (String) -> Message,
                      _ job: @escaping @Sendable (any PortalDirectory, Date) throws -> Message) {
        running += 1
        let inbox = inbox, box = loaded, waiting = context.directory, clock = clock
        worker.async {
            // A store still loading was queued first and has finished by now.
            let directory = box.value?.directory ?? waiting
            do {
                inbox.post(try job(directory, clock.now()))
            } catch {
                inbox.post(failed(Self.oneLine(error)))
            }
        }
    }

    @Sendable private static func signInFailed(_ reason: String) -> Message { .signInChecked(.failed(.unavailable(reason))) }

    /// A sign-in step's result; when sign-in is complete, the user's portal
    /// is read in the same job so it opens with its data.
    private static func signInMessage(_ directory: any PortalDirectory, _ outcome: SignInService.Outcome) throws -> Message {
        guard case let .passed(user, .done) = outcome else { return .signInChecked(outcome) }
        guard let data = try directory.portalData(userId: user.id) else { return signInFailed(AccountChangeError.userNotFound.message) }
        return .portalOpened(data)
    }

    /// Writes how far each install under way got, to the second, so a portal
    /// started again continues from here rather than from the last
    /// checkpoint. At quit and when a signal ends the program; on this thread,
    /// since the program is about to end.
    public func saveInstallProgress() {
        guard case let .portal(portal) = state.screen, !portal.installs.underWay.isEmpty else { return }
        let data = portal.data
        let reports = portal.appInstalls.agent.reports(portal.installs.underWay, apps: { data.app(id: $0) }, every: 1)
        guard !reports.isEmpty else { return }
        _ = try? context.directory.perform(.report(userId: portal.user.id, reports), now: clock.now())
    }

    /// A store error as the one line a screen has for it.
    static func oneLine(_ error: Error) -> String {
        if let refusal = error as? AccountChangeError { return refusal.message }
        if let refusal = error as? EnrollmentChangeError { return refusal.message }
        if let refusal = error as? NotificationChangeError { return refusal.message }
        if let refusal = error as? AppProtectionChangeError { return refusal.message }
        if let refusal = error as? DeviceChangeError { return refusal.message }
        if let refusal = error as? AppInstallChangeError { return refusal.message }
        if let storeError = error as? StoreError { return storeError.summary }
        // On screen a database's message opens a sentence of its own.
        if let database = error as? DatabaseError {
            let text = database.description
            return InertText.escaped(text.prefix(1).uppercased() + text.dropFirst())
        }
        let text = String(describing: error).split(separator: "\n").first.map(String.init) ?? "The store could not be changed."
        return InertText.escaped(text)
    }

    /// Performs a quick effect at once (returning its result) or starts a slow one.
    private func start(_ effect: Effect) -> Message? {
        switch effect {
        case let .authenticate(userPrincipalName, password):
            work(orElse: Self.signInFailed) { directory, now in
                try Self.signInMessage(directory, SignInService(directory: directory)
                    .signIn(principalName: userPrincipalName, password: password, now: now))
            }
        case let .verifyCode(userId, methodId, code):
            work(orElse: Self.signInFailed) { directory, now in
                try Self.signInMessage(directory, SignInService(directory: directory)
                    .verify(code: code, userId: userId, methodId: methodId, now: now))
            }
        case let .completeSignIn(user, completed):
            work(orElse: Self.signInFailed) { directory, now in
                try Self.signInMessage(directory, SignInService(directory: directory)
                    .passed(user, next: SignInService.step(after: completed, for: user), now: now))
            }
        case let .changeAccount(change):
            work(orElse: Message.accountChangeFailed) { directory, now in .accountChanged(try directory.perform(change, now: now)) }
        case let .changePassword(userId, current, new):
            let random = context.random
            work(orElse: Message.accountChangeFailed) { directory, now in
                guard let user = try directory.user(id: userId) else { return .accountChangeFailed(AccountChangeError.userNotFound.message) }
                guard user.password.verify(current) else {
                    return .accountChangeFailed("Your current password is not right. Type it again.")
                }
                let hash = PasswordHash.make(password: new, iterations: PasswordHash.recommendedIterations, random: random)
                return .accountChanged(try directory.perform(.setPassword(userId: userId, password: hash), now: now))
            }
        case let .loadEnrollment(userId, resume):
            work(orElse: Message.enrollmentFailed) { directory, _ in
                .enrollmentLoaded(try directory.enrollmentFacts(userId: userId), resume: resume)
            }
        case let .changeEnrollment(change):
            work(orElse: Message.enrollmentFailed) { directory, now in .enrollmentChanged(try directory.perform(change, now: now)) }
        case let .refreshPortal(userId):
            work(orElse: Message.enrollmentFailed) { directory, _ in
                guard let data = try directory.portalData(userId: userId) else { return .enrollmentFailed(AccountChangeError.userNotFound.message) }
                return .portalRefreshed(data)
            }
        case let .changeNotifications(change):
            work(orElse: Message.notificationChangeFailed) { directory, now in .notificationsChanged(try directory.perform(change, now: now)) }
        case .inspectHost:
            guard let inspect = context.inspectHost else { return .enrollmentFailed("This machine cannot be inspected here.") }
            work(orElse: Message.enrollmentFailed) { _, _ in .hostInspected(inspect()) }
        case let .loadAppProtection(userId):
            work(orElse: Message.appProtectionFailed) { directory, _ in .appProtectionLoaded(try directory.appProtectionFacts(userId: userId)) }
        case let .changeAppProtection(change):
            work(orElse: Message.appProtectionFailed) { directory, now in .appProtectionChanged(try directory.perform(change, now: now)) }
        case let .changeDevice(change):
            work(orElse: Message.deviceChangeFailed) { directory, now in
                let result = try directory.perform(change, now: now)
                return .deviceChanged(result, try directory.portalData(userId: change.userId))
            }
        case let .readInstalls(userId):
            // A read that fails is tried again at the next interval; nothing on screen depends on it.
            work(orElse: { _ in .installsRead([]) }) { directory, _ in .installsRead(try directory.installStates(userId: userId)) }
        case let .rereadPortal(userId):
            // A read that fails changes nothing: the next change or reconnection reads again.
            work(orElse: { _ in .tick }) { directory, _ in
                guard let data = try directory.portalData(userId: userId) else { return .tick }
                return .portalReread(data)
            }
        case let .loadCatalog(userId):
            work(orElse: Message.catalogFailed) { directory, _ in
                guard let entries = try directory.catalog(userId: userId) else { return .catalogFailed(AccountChangeError.userNotFound.message) }
                return .catalogLoaded(entries)
            }
        case let .prepareCatalog(entries):
            // Folding cannot fail; the Apps list folds on first use if this has not answered.
            work(orElse: { _ in .tick }) { _, _ in
                .catalogPrepared(PreparedCatalog(SearchableCatalog(entries)))
            }
        case let .changeInstalls(change):
            let isReport = if case .report = change { true } else { false }
            work(orElse: { Message.installChangeFailed($0, isReport: isReport) }) { directory, now in
                .installsChanged(try directory.perform(change, now: now), isReport: isReport)
            }
        case .saveDiagnostics where !context.savesFiles:
            return .diagnosticsFailed("This kiosk saves no files; ask the staff for help.")
        case let .saveDiagnostics(userId, folder):
            let shown = context
            work(orElse: Message.diagnosticsFailed) { directory, now in
                guard let data = try directory.portalData(userId: userId) else { return .diagnosticsFailed(AccountChangeError.userNotFound.message) }
                let text = DiagnosticReport.text(about: shown.about, isDemo: shown.isDemo, data: data,
                                                 host: shown.inspectHost?(), context: shown, now: now)
                do throws(DiagnosticSaveError) {
                    return .diagnosticsSaved(try DiagnosticReportFile.write(text, folder: folder, now: now))
                } catch {
                    return .diagnosticsFailed(error.message)
                }
            }
        case .quit:
            saveInstallProgress()
            state.isFinished = true
        case .redraw:
            requests.append(.redraw)
        case .suspend:
            requests.append(.suspend)
        }
        // Slow work answers later, as a message of its own.
        return nil
    }
}

/// Things only the terminal can do, asked for by update and done by the loop.
public enum TerminalRequest: Equatable, Sendable {
    case redraw, suspend
    /// The store brought the organization's theme color.
    case brandColor(String)
}

/// Results of background work, handed from worker threads to the terminal thread.
final class WorkInbox: @unchecked Sendable {
    private let condition = NSCondition()
    private var results: [Message] = []
    /// What the store announced on its own (another portal's change): not
    /// the result of any work, so it counts nothing as finished.
    private var events: [Message] = []

    func post(_ message: Message) {
        condition.lock()
        results.append(message)
        condition.signal()
        condition.unlock()
    }

    func postEvent(_ message: Message) {
        condition.lock()
        events.append(message)
        condition.unlock()
    }

    func take() -> [Message] {
        condition.lock()
        defer { condition.unlock() }
        let taken = results
        results = []
        return taken
    }

    func takeEvents() -> [Message] {
        condition.lock()
        defer { condition.unlock() }
        let taken = events
        events = []
        return taken
    }

    func waitForResult() {
        condition.lock()
        while results.isEmpty { condition.wait() }
        condition.unlock()
    }
}
