import Foundation
import PortalCore

/// The Devices list as shown: the query the user chose, which device is the
/// machine the portal runs on, and the rows derived from them. Every device
/// is evaluated once per minute (compliance follows the clock) or when the
/// host becomes known; a sort or a filter only reorders those rows. Neither
/// happens per key or per frame.
public struct DeviceListing: Equatable, Sendable {
    public var query = DeviceListQuery()
    /// The serial number this machine's device carries (HostEnrollment.stableId),
    /// once an inspection has told it.
    public var thisDeviceSerial: String?
    /// The rows the query keeps, in its order.
    public private(set) var rows: [DeviceRow] = []
    /// How many devices the user has, filtered or not.
    public var total: Int { all.count }
    /// How many times the devices were evaluated, and the shown rows derived:
    /// tests prove with them that keys reuse the work.
    public private(set) var evaluations = 0
    public private(set) var builds = 0
    /// Every device, evaluated, in name order.
    private var all: [DeviceRow] = []
    private var allKey: EvaluationKey?
    private var shownQuery: DeviceListQuery?

    struct EvaluationKey: Equatable, Sendable {
        var thisDeviceSerial: String?
        var minute: Int
    }

    public init() {}

    /// Derives again what an input changed; `devices` come sorted by name.
    mutating func refresh(devices: [ManagedDevice], data: UserPortalData, shared: DeviceEvaluations, now: Date) {
        let key = EvaluationKey(thisDeviceSerial: thisDeviceSerial, minute: DocumentLines.minute(of: now))
        if key != allKey {
            allKey = key
            all = DeviceRow.rows(devices, data: data, thisDeviceSerial: thisDeviceSerial, now: now) {
                shared.evaluation(of: $0, data: data, now: now)
            }
            evaluations += 1
            shownQuery = nil
        }
        guard shownQuery != query else { return }
        shownQuery = query
        rows = query.apply(all)
        builds += 1
    }

    /// What the user chose and the host, kept across a fresh read of the portal.
    func carried() -> DeviceListing {
        var fresh = DeviceListing()
        fresh.query = query
        fresh.thisDeviceSerial = thisDeviceSerial
        return fresh
    }
}

/// The Devices section's own keys and messages: sort, filter, this device.
enum DevicesScreen {
    static let sortAndFilter = [
        KeyBinding([.character("s")], .sortDevices, help: "Sort by name, compliance or last check-in (each press the next)", hint: "Sort"),
        KeyBinding([(.character("p"), .filterPlatform), (.character("f"), .filterState)],
                   help: "Filter by platform (p) or by compliance state (f); each press the next, then all", hint: "Filter"),
        KeyBinding([.escape], .clearFilters, help: "Show all devices again"),
    ]

    /// Keeps the rows current; cheap when nothing changed. Only while the
    /// list is what the user looks at, so sign-in and Home never pay for it.
    static func refresh(_ state: inout PortalState, now: Date) {
        guard state.section == .devices, state.enrollment == nil else { return }
        rebuild(&state, now: now)
        // The clock can move a device out of a state filter.
        state.deviceList.selected = min(state.deviceList.selected, max(0, state.deviceListing.rows.count - 1))
        state.deviceList.offset = min(state.deviceList.offset, state.deviceList.selected)
    }

    /// The list's rows from this minute's evaluations, shared with Home.
    static func rebuild(_ state: inout PortalState, now: Date) {
        state.deviceEvaluations.refresh(state.data, now: now)
        state.deviceListing.refresh(devices: state.myDevices, data: state.data, shared: state.deviceEvaluations, now: now)
    }

    /// Learns which device is this machine from any inspection of it.
    static func observe(_ message: Message, _ state: inout PortalState) {
        if case let .hostInspected(facts) = message { state.deviceListing.thisDeviceSerial = HostEnrollment.stableId(facts) }
    }

    /// A sort or filter action; the selected device stays selected when the new list has it.
    static func perform(_ action: Action, _ state: inout PortalState, now: Date, visible: Int) {
        var query = state.deviceListing.query
        switch action {
        case .sortDevices: query.sort = query.nextSort
        case .filterPlatform:
            query.platform = query.nextPlatform(among: Set(state.myDevices.map(\.operatingSystem)))
        case .filterState: query.state = query.nextState
        case .clearFilters:
            guard query.isFiltered else { return }
            query.platform = nil
            query.state = nil
        default: return
        }
        let selectedId = state.selectedListDevice?.id
        state.deviceListing.query = query
        rebuild(&state, now: now)
        let index = selectedId.flatMap { id in state.deviceListing.rows.firstIndex { $0.device.id == id } } ?? 0
        state.deviceList = ListState(selected: index, offset: state.deviceList.offset)
        state.deviceList.clamp(count: state.deviceListing.rows.count, visible: visible)
    }
}

extension DevicesScreen {
    /// Devices, with `deviceId` selected: a filter that would hide it is cleared.
    static func show(_ deviceId: String, _ state: inout PortalState, now: Date) {
        state.section = .devices
        state.detail = nil
        rebuild(&state, now: now)
        if !state.deviceListing.rows.contains(where: { $0.device.id == deviceId }) {
            state.deviceListing.query.platform = nil
            state.deviceListing.query.state = nil
            rebuild(&state, now: now)
        }
        if let index = state.deviceListing.rows.firstIndex(where: { $0.device.id == deviceId }) { state.deviceList.selected = index }
    }
}

extension PortalState {
    /// The device selected in the Devices list as sorted and filtered; the
    /// list's index means nothing in `myDevices`.
    public var selectedListDevice: ManagedDevice? {
        deviceListing.rows.indices.contains(deviceList.selected) ? deviceListing.rows[deviceList.selected].device : nil
    }
}
