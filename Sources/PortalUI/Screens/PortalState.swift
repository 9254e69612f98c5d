import Foundation
import PortalCore

/// The signed-in portal: which section is open, list positions, and the
/// detail view on top, if any.
public struct PortalState: Equatable, Sendable {
    public enum Section: Int, CaseIterable, Sendable {
        case home, devices, apps, security, support, notifications

        public var title: String {
            switch self {
            case .home: "Home"
            case .devices: "Devices"
            case .apps: "Apps"
            case .security: "Security info"
            case .support: "Help & support"
            case .notifications: "Notifications"
            }
        }
    }

    public enum Detail: Equatable, Sendable {
        case device(id: String)
        case app(id: String)
        case notification(id: String)
        /// "How to resolve this" for one setting of one device.
        case resolution(deviceId: String, policyId: String, setting: String)
    }

    public var user: User
    /// The user's devices and catalog, sorted once at sign-in: every key press
    /// reads them, and sorting a large catalog per key would be felt.
    public internal(set) var myDevices: [ManagedDevice]
    public internal(set) var catalog: [CatalogEntry]
    /// Why the whole catalog could not be read after sign-in (a database store).
    public internal(set) var catalogProblem: String?
    public var section: Section = .home
    public var deviceList = ListState()
    /// The Devices list's query and its rows, derived once per change.
    public var deviceListing = DeviceListing()
    public var appList = ListState()
    /// The Apps list's device, query and search, and its rows, derived once per change.
    public var appListing = AppListing()
    public var homeScroll = ScrollState()
    public var supportScroll = ScrollState()
    public var security = SecurityInfoState()
    public var notifications = NotificationsState()
    /// The enrollment walkthrough, over the sections while it is open.
    public var enrollment: EnrollmentWizardState?
    /// The app protection walkthrough (work apps without enrolling), likewise.
    public var appProtection: AppProtectionWizardState?
    public var detail: Detail?
    public var detailScroll = ScrollState()
    /// Check status, Rename, Remove and Reset of the user's devices.
    public var deviceActions = DeviceActionsState()
    /// This minute's evaluation of each device, for Home and the notifications.
    public var deviceEvaluations = DeviceEvaluations()
    /// The device detail's chosen setting to resolve.
    public var deviceFocus = DeviceDetailFocus()
    /// Help & support's diagnostic report.
    public var diagnostics = DiagnosticsState()
    /// App installs asked for, and the device agent working through them.
    public var appInstalls = AppInstallsState()
    /// What the portal shows of the user, read from the store at sign-in.
    public internal(set) var data: UserPortalData
    /// The user's install states by app, so an app's detail never scans the organization.
    public var installs: InstallStateIndex { data.installs }
    /// Home's lines for the current width and minute; nil until first laid out.
    public var home: DocumentLines?
    /// The open detail's lines, likewise.
    public var detailDocument: DocumentLines?
    /// How many times a document was laid out: tests prove with it that keys
    /// and ticks reuse the lines.
    public var documentBuilds = 0

    public init(data: UserPortalData) {
        self.data = data
        user = data.user
        // One locale for the whole sort: `localizedCaseInsensitiveCompare`
        // looked the current locale up per comparison. The collation order is
        // kept (it puts "-" before "'", unlike code points); equal names keep
        // their store order.
        let locale = Locale.current
        myDevices = data.devices.enumerated().sorted { left, right in
            switch left.element.deviceName.compare(right.element.deviceName, options: .caseInsensitive, range: nil, locale: locale) {
            case .orderedAscending: true
            case .orderedDescending: false
            case .orderedSame: left.offset < right.offset
            }
        }.map(\.element)
        // Until a database's whole catalog arrives, Apps says it is coming
        // rather than list the few apps read with the install records.
        catalog = data.catalogIsComplete ? data.catalog : []
    }
}

/// Where things are on the portal's screen; view and mouse handling share it.
struct PortalLayout {
    let size: Size

    var headerRow: Int { 0 }
    var tabRow: Int { 1 }
    var separatorRow: Int { 2 }
    var hintRow: Int { size.height - 1 }
    /// Everything between the tabs and the hint bar.
    var content: Rect { Rect(x: 0, y: 3, width: size.width, height: size.height - 4) }
    /// Lists have a caption line above their table.
    var captionRow: Int { content.y }
    var table: Rect { Rect(x: 0, y: content.y + 1, width: size.width, height: content.height - 1) }
}
