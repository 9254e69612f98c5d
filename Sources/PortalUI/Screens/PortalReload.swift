import Foundation
import PortalCore

/// The portal as read again (after a device change, or when the store
/// announced another portal's or an administrator's change): what it shows
/// changes, and everything else stays where the user left it (the section,
/// the open detail, a dialog, what is typed, list positions, installs under
/// way), except a detail of something that is gone, which closes.
enum PortalReload {
    static func apply(_ state: inout PortalState, _ data: UserPortalData, size: Size) {
        // A database reads the catalog apart: the one already here stays.
        let data = data.keepingCatalog(of: state.data)
        var fresh = PortalState(data: data)
        fresh.section = state.section
        fresh.deviceList = state.deviceList
        fresh.appList = state.appList
        fresh.homeScroll = state.homeScroll
        fresh.supportScroll = state.supportScroll
        fresh.security = state.security
        fresh.enrollment = state.enrollment
        fresh.appProtection = state.appProtection
        fresh.deviceListing = state.deviceListing.carried()
        fresh.deviceFocus = state.deviceFocus
        // The feed is made again from the store's reads (another portal's
        // included), from its top: what it lists may have changed; the
        // writes under way stay.
        fresh.notifications.pending = state.notifications.pending
        fresh.notifications.failure = state.notifications.failure
        fresh.detail = state.detail
        fresh.detailScroll = state.detailScroll
        fresh.deviceActions = state.deviceActions
        fresh.diagnostics = state.diagnostics
        fresh.appInstalls = state.appInstalls
        // Apps keeps its device, query and search; the device may have moved in the list or gone.
        fresh.appListing = state.appListing
        let appDevice = state.appListing.deviceIndex.flatMap { state.myDevices.indices.contains($0) ? state.myDevices[$0].id : nil }
        fresh.appListing.deviceIndex = appDevice.flatMap { id in fresh.myDevices.firstIndex { $0.id == id } }
        fresh.appListing.invalidate()
        if fresh.catalog != state.catalog { fresh.appListing.replaceCatalog() }
        fresh.catalogProblem = state.catalogProblem
        fresh.documentBuilds = state.documentBuilds
        // A removed device's detail closes; the selection follows a renamed
        // device to its new place and never points past the list's end.
        let devices = Set(fresh.myDevices.map(\.id))
        switch fresh.detail {
        case let .device(id)? where !devices.contains(id), let .resolution(id, _, _)? where !devices.contains(id):
            fresh.detail = nil
        case let .app(id)? where data.app(id: id) == nil:
            fresh.detail = nil
        default:
            break
        }
        let selected = state.myDevices.indices.contains(state.deviceList.selected) ? state.myDevices[state.deviceList.selected].id : nil
        if let index = fresh.myDevices.firstIndex(where: { $0.id == selected }) { fresh.deviceList.selected = index }
        fresh.deviceList.clamp(count: fresh.myDevices.count, visible: Table.visibleRows(in: PortalLayout(size: size).table))
        state = fresh
    }
}
