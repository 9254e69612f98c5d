import Foundation
import PortalCore

/// Everything on screen, as a value: a script or a test can rebuild any
/// moment of the program from it.
public struct AppState: Equatable, Sendable {
    public enum Screen: Equatable, Sendable {
        case signIn(SignInState)
        case secondFactor(SecondFactorState)
        /// A method to register or a password to change before anything else.
        case setup(AccountSetupState)
        case portal(PortalState)
    }

    public enum Overlay: Equatable, Sendable {
        case help
        case confirm(Confirmation)
    }

    public var size: Size
    public var now: Date
    public var screen: Screen
    public var overlay: Overlay?
    public var isFinished = false
    /// The store's server cannot be reached: the header says "Reconnecting…".
    public var storeUnreachable = false

    public init(size: Size, now: Date, screen: Screen = .signIn(SignInState())) {
        self.size = size
        self.now = now
        self.screen = screen
    }
}

/// What update receives: input, the clock moving, and the results of effects.
public enum Message: Equatable, Sendable {
    case input(InputEvent)
    case tick
    /// The store announced a change made elsewhere, or lost or found its server.
    case storeEvent(DirectoryEvent)
    /// The user's part of the store read again after such a change.
    case portalReread(UserPortalData)
    /// A sign-in step (password, code) was checked.
    case signInChecked(SignInService.Outcome)
    /// The signed-in user's portal, read from the store.
    case portalOpened(UserPortalData)
    /// A change to the account was written (or refused by the rules: a
    /// wrong code comes back here as an outcome, not as a failure).
    case accountChanged(AccountChangeResult)
    /// The change could not be made; nothing was written. The text says what
    /// happened and what to do, in one line.
    case accountChangeFailed(String)
    /// What the enrollment walkthrough needs, read from the store; `resume`
    /// when it was read at sign-in to pick up a walkthrough left unfinished.
    case enrollmentLoaded(EnrollmentFacts?, resume: Bool)
    /// An enrollment change was written.
    case enrollmentChanged(EnrollmentChangeResult)
    /// It was refused or could not be written; the text says why, in one line.
    case enrollmentFailed(String)
    /// The user's portal read again after a change (a device enrolled).
    case portalRefreshed(UserPortalData)
    /// Notifications were marked read; the user's read state as stored.
    case notificationsChanged(NotificationChangeResult)
    /// Marking could not be written; the text says why, in one line.
    case notificationChangeFailed(String)
    /// This Linux machine as the inspection found it.
    case hostInspected(HostFacts)
    /// The organization loaded in the background is ready.
    case storeLoaded
    /// It could not be loaded; the program ends and says why.
    case storeFailed(String)
    /// The demo accounts read again after a change to one (its default method, say).
    case demoAccountsRead([DemoAccount])
    /// What the app protection walkthrough needs, read from the store.
    case appProtectionLoaded(AppProtectionFacts?)
    /// An app protection change was written: the registration as stored.
    case appProtectionChanged(ManagedAppRegistration)
    /// It was refused or could not be written; the text says why, in one line.
    case appProtectionFailed(String)
    /// A device change was written; the user's portal as read after it.
    case deviceChanged(DeviceChangeResult, UserPortalData?)
    /// It was refused or could not be written; the text says why, in one line.
    case deviceChangeFailed(String)
    /// An install change was written (`isReport`: the device agent's
    /// progress); the records it touched, as stored.
    case installsChanged(AppInstallChangeResult, isReport: Bool)
    /// It was refused or could not be written; the text says why, in one line.
    case installChangeFailed(String, isReport: Bool)
    /// The install records of the user's devices as stored now.
    case installsRead([AppInstallState])
    /// The user's catalog folded and ready for the Apps list and its search.
    case catalogPrepared(PreparedCatalog)
    /// The user's whole catalog, read after sign-in (a database store).
    case catalogLoaded([CatalogEntry])
    /// It could not be read; the text says why, in a sentence.
    case catalogFailed(String)
    /// The diagnostic report was written to this path.
    case diagnosticsSaved(String)
    /// It was not; the text says why and what to do, in a sentence.
    case diagnosticsFailed(String)
}

/// Work update asks the runtime to do; the results come back as messages.
public enum Effect: Equatable, Sendable {
    /// Slow (a key derivation): runs off the terminal thread.
    case authenticate(userPrincipalName: String, password: String)
    /// Checks a code at sign-in (a write: the step is used up, a failure counted).
    case verifyCode(userId: String, methodId: String, code: String)
    /// A step of sign-in was passed; the runtime records the sign-in when it
    /// was the last one, then opens the portal.
    case completeSignIn(User, after: SignInService.Completed)
    /// One change to the account, through the store.
    case changeAccount(AccountChange)
    /// Checks the current password and hashes the new one (both slow), then
    /// writes it; the result comes back as `accountChanged` or `accountChangeFailed`.
    case changePassword(userId: String, current: String, new: String)
    /// Reads what the walkthrough needs; `resume` opens it only when one was left unfinished.
    case loadEnrollment(userId: String, resume: Bool)
    /// One enrollment change, through the store.
    case changeEnrollment(EnrollmentChange)
    /// Reads the user's portal again (their devices after an enrollment).
    case refreshPortal(userId: String)
    /// Marks notifications read, through the store.
    case changeNotifications(NotificationChange)
    /// Inspects this Linux machine off the terminal thread (it reads files).
    case inspectHost
    /// Reads what the app protection walkthrough needs.
    case loadAppProtection(userId: String)
    /// One app protection change (register, installed, recheck), through the store.
    case changeAppProtection(AppProtectionChange)
    /// One change to a device (Check status too), through the store.
    case changeDevice(DeviceChange)
    /// One install change (a request, or the agent's progress), through the store.
    case changeInstalls(AppInstallChange)
    /// Reads the install records of the user's devices again (requests made elsewhere).
    case readInstalls(userId: String)
    /// Folds the catalog for search off the terminal thread.
    case prepareCatalog([CatalogEntry])
    /// Reads the user's whole catalog, after sign-in showed Home without it.
    case loadCatalog(userId: String)
    /// Reads the user's part of the store again: another portal changed it.
    case rereadPortal(userId: String)
    /// Writes the diagnostic report into the folder, off the terminal thread.
    case saveDiagnostics(userId: String, folder: String)
    case quit
    /// Asks the terminal to repaint every cell (Ctrl+L).
    case redraw
    /// Stops the process as the shell's job control does (Ctrl+Z).
    case suspend
}
