import Foundation
import PortalCore

/// How the signed-in portal takes a change another portal (or an
/// administrator) made to its user's part of the store: what it shows
/// changes, and everything else stays where the user left it (the section,
/// the open detail, a dialog, what is typed, list positions), except a
/// detail of something that is gone, which closes.
enum StoreChanges {
    static func take(_ data: UserPortalData, _ state: inout PortalState) {
        var data = data
        // A database reads the catalog apart: the one already here stays.
        if !data.catalogIsComplete, state.data.catalogIsComplete { data.completeCatalog(state.data.catalog) }
        let fresh = PortalState(data: data)
        state.data = fresh.data
        state.user = fresh.user
        state.myDevices = fresh.myDevices
        if state.catalog != fresh.catalog || !data.catalogIsComplete {
            state.catalog = fresh.catalog
            state.appListing.replaceCatalog()
        }
        // Laid out and evaluated again from the new data.
        state.home = nil
        state.detailDocument = nil
        state.deviceEvaluations = DeviceEvaluations()
        // The feed is made again from the store's reads (another portal's included).
        state.notifications.readIds = nil
        state.notifications.invalidate()
        state.deviceListing = state.deviceListing.carried()
        let devices = Set(state.myDevices.map(\.id))
        switch state.detail {
        case let .device(id)? where !devices.contains(id), let .resolution(id, _, _)? where !devices.contains(id):
            state.detail = nil
        case let .app(id)? where data.app(id: id) == nil:
            state.detail = nil
        default:
            break
        }
    }
}
