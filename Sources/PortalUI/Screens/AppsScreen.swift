import Foundation
import PortalCore

/// The Apps section's keys and actions: the device picker, search as you
/// type, categories, sort and filters.
enum AppsScreen {
    static let bindings = [
        KeyBinding([.character("/")], .searchApps, help: "Search by name or publisher as you type", hint: "Search"),
        KeyBinding([.character("d")], .chooseAppDevice, help: "Show the apps for another of your devices, or all platforms", hint: "Device"),
        KeyBinding([.character("c")], .nextCategory, help: "All apps, then each category (each press the next)", hint: "Category"),
        KeyBinding([.character("s")], .sortApps, help: "Sort by name, publisher or date published (each press the next)", hint: "Sort"),
        KeyBinding([(.character("a"), .filterAvailability), (.character("i"), .filterInstallState)],
                   help: "Filter by assignment (a) or by install state on the device (i); each press the next, then all", hint: "Filter"),
        KeyBinding([.escape], .clearSearch, help: "Clear the search, then the filters"),
    ]

    /// Keys while typing a search: letters type.
    static let typing = Keymap([
        KeyBinding([.enter], .submit, help: "Stop typing; the list stays narrowed", hint: "Done"),
        KeyBinding([.escape], .clearSearch, help: "Clear the search", hint: "Clear"),
        KeyBinding([(.up, .moveUp), (.down, .moveDown)], help: "Move the selection", hint: "Move"),
        KeyBinding([.backspace, .control("u")], .editText, help: "Delete a character, or clear the search"),
        KeyBinding([.function(1)], .help, help: "Show or hide this help", hint: "Help"),
        KeyBinding([.function(10)], .quit, help: "Quit", hint: "Quit"),
    ], mouse: "Click a row to select it; click it again to open it")

    static func keymap(_ state: PortalState) -> Keymap {
        if state.appListing.isTyping { return typing }
        return Keymap(Array(Keymaps.list.bindings.prefix(4)) + bindings + Keymaps.sections.map(Keymaps.withoutHint) + Keymaps.common,
                      mouse: Keymaps.list.mouse)
    }

    /// Apps opens on this machine's catalog once the inspection says which
    /// of the user's devices it is, unless the user chose a device already.
    static func observe(_ message: Message, _ state: inout PortalState) {
        if case let .catalogPrepared(prepared) = message, state.appListing.catalog == nil, prepared.value.entries == state.catalog {
            state.appListing.catalog = prepared
            return
        }
        // The Devices list has just worked out which device this machine is.
        guard case .hostInspected = message, !state.appListing.deviceChosen,
              let serial = state.deviceListing.thisDeviceSerial,
              let index = state.myDevices.firstIndex(where: { $0.serialNumber == serial }) else { return }
        state.appListing.deviceIndex = index
        state.appInstalls.revision += 1
    }

    /// The whole catalog, read after sign-in: Apps lists it, Home names its
    /// featured apps, and it is folded for search.
    static func receiveCatalog(_ entries: [CatalogEntry], _ state: inout PortalState) -> [Effect] {
        state.data.completeCatalog(entries)
        state.catalog = entries
        state.catalogProblem = nil
        state.appListing.replaceCatalog()
        state.home = nil
        refresh(&state)
        return [.prepareCatalog(entries)]
    }

    static func refresh(_ state: inout PortalState) {
        guard state.section == .apps, state.enrollment == nil else { return }
        state.appListing.refresh(entries: state.catalog, devices: state.myDevices, installs: state.installs)
        state.appList.selected = min(state.appList.selected, max(0, state.appListing.rows.count - 1))
        state.appList.offset = min(state.appList.offset, state.appList.selected)
    }

    /// Keys while the search takes them. Nil when the key is not the search's.
    static func type(_ key: Key, _ state: inout PortalState, visible: Int) -> Bool {
        guard state.appListing.isTyping else { return false }
        switch typing.action(for: key) {
        case .submit?: state.appListing.isTyping = false
        case .clearSearch?: clearSearch(&state)
        case .moveUp?: state.appList.apply(.up, count: state.appListing.rows.count, visible: visible)
        case .moveDown?: state.appList.apply(.down, count: state.appListing.rows.count, visible: visible)
        case .editText?:
            if key == .control("u") { state.appListing.searchText = "" } else { _ = state.appListing.searchText.popLast() }
            searched(&state)
        case .help?, .quit?: return false
        default:
            guard case let .character(character) = key, !character.isNewline else { return true }
            state.appListing.searchText.append(character)
            searched(&state)
        }
        return true
    }

    static func paste(_ text: String, _ state: inout PortalState) -> Bool {
        guard state.appListing.isTyping else { return false }
        state.appListing.searchText += text.filter { !$0.isNewline }
        searched(&state)
        return true
    }

    private static func searched(_ state: inout PortalState) {
        refresh(&state)
        state.appList = ListState()
    }

    private static func clearSearch(_ state: inout PortalState) {
        state.appListing.isTyping = false
        state.appListing.searchText = ""
        searched(&state)
    }

    static func perform(_ action: Action, _ state: inout PortalState, visible: Int) {
        var listing = state.appListing
        switch action {
        case .searchApps:
            state.appListing.isTyping = true
            return
        case .clearSearch:
            if !listing.searchText.isEmpty { return clearSearch(&state) }
            guard listing.query.isFiltered else { return }
            listing.query.category = nil
            listing.query.availability = nil
            listing.query.installState = nil
        case .chooseAppDevice:
            let count = state.myDevices.count
            guard count > 0 else { return }
            listing.deviceIndex = switch listing.deviceIndex {
            case nil: 0
            case let index? where index + 1 < count: index + 1
            default: nil
            }
            if listing.deviceIndex == nil { listing.query.installState = nil }
            listing.deviceChosen = true
            // An open app's detail shows the install state on the device chosen.
            state.appInstalls.revision += 1
        case .nextCategory:
            let ids = categories(state).map(\.id)
            let position = listing.query.category.flatMap { ids.firstIndex(of: $0) }
            listing.query.category = switch position {
            case nil: ids.first
            case let index?: index + 1 < ids.count ? ids[index + 1] : nil
            }
        case .sortApps: listing.query.sort = listing.query.sort.next
        case .filterAvailability: listing.query.availability = AvailabilityFilter.next(after: listing.query.availability)
        case .filterInstallState:
            // Install state is per device: with all platforms there is none to ask.
            guard listing.deviceIndex != nil else { return }
            let states: [ResultantAppState?] = [nil, .installed, .notInstalled, .pendingInstall, .failed]
            let index = states.firstIndex(of: listing.query.installState) ?? 0
            listing.query.installState = states[(index + 1) % states.count]
        default: return
        }
        let selectedId = state.appListing.entry(state.appList.selected)?.id
        state.appListing = listing
        refresh(&state)
        let entries = state.appListing.catalog?.value.entries ?? []
        let index = selectedId.flatMap { id in state.appListing.rows.firstIndex { entries[$0].id == id } } ?? 0
        state.appList = ListState(selected: index, offset: state.appList.offset)
        state.appList.clamp(count: state.appListing.rows.count, visible: visible)
    }

    /// The categories the user's catalog uses, by name.
    static func categories(_ state: PortalState) -> [MobileAppCategory] {
        var names: [String: String] = [:]
        for entry in state.catalog {
            for (id, name) in zip(entry.app.categories, entry.categoryNames) where names[id] == nil { names[id] = name }
        }
        return names.map { MobileAppCategory(id: $0.key, displayName: $0.value) }
            .sorted { ($0.displayName, $0.id) < ($1.displayName, $1.id) }
    }
}
