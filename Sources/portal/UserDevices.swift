import ArgumentParser
import Foundation
import PortalCore
import PortalProbe
import PortalStore
import PortalUI

/// One user's devices as `portal devices` and `portal device show` read
/// them: from the store, evaluated now, in the order the Devices list shows.
struct UserDevices {
    let tenant: Tenant
    let data: UserPortalData
    let rows: [DeviceRow]
    let now: Date

    /// Exits 1 when the store cannot be read, 2 for an unknown user.
    static func load(store option: StoreOption, user principalName: String, command: String, probeRoot: String?,
                     catalog: Bool = false) throws -> UserDevices {
        let store = StoreTarget.resolve(explicit: option.store, environment: ProcessInfo.processInfo.environment)
        let found: (tenant: Tenant, user: User)?
        do {
            // A database reads only this user's part; a file is read whole.
            found = try store.userScope(principalName: principalName, catalog: catalog)
        } catch {
            printError("\(command): \(error)")
            throw ExitCode(1)
        }
        guard let (tenant, user) = found else {
            printError("\(command): no user \(InertText.escaped(principalName)) in \(store.shown). Give --user the sign-in name (user principal name) of one of its accounts, such as name@contoso.com.")
            throw ExitCode(2)
        }
        let now = SystemClock().now()
        let data = UserPortalData(user: user, tenant: tenant)
        // The Devices list's own order: PortalState sorts by name once.
        let devices = PortalState(data: data).myDevices
        return UserDevices(tenant: tenant, data: data,
                           rows: DeviceRow.rows(devices, data: data, thisDeviceSerial: thisDeviceSerial(probeRoot: probeRoot), now: now),
                           now: now)
    }

    /// The serial number this machine's device carries when it was enrolled
    /// from here; nil off Linux or when the machine id cannot be read.
    private static func thisDeviceSerial(probeRoot: String?) -> String? {
        #if os(Linux)
        return HostEnrollment.stableId(HostProbe(root: URL(fileURLWithPath: probeRoot ?? "/")).inspect())
        #else
        return nil
        #endif
    }

    /// One of the user's devices; someone else's is answered exactly as an
    /// unknown id, so the command never tells whose it is.
    func row(id: String, command: String) throws -> DeviceRow {
        guard let row = rows.first(where: { $0.device.id == id }) else {
            let upn = InertText.escaped(data.user.userPrincipalName)
            printError("\(command): \(upn) has no device \(InertText.escaped(id)). `portal devices --user \(upn)` lists their devices with their ids (--json).")
            throw ExitCode(2)
        }
        return row
    }
}

/// Options of the device commands.
struct DeviceUserOptions: ParsableArguments {
    @OptionGroup var storeOption: StoreOption

    @Option(help: ArgumentHelp("The user whose devices to show, by sign-in name (user principal name).", valueName: "upn"))
    var user: String

    @Flag(help: "Print JSON (Graph names, sorted keys) instead of text.")
    var json = false

    /// For end-to-end tests: "This device" is found by inspecting a fixture tree.
    @Option(name: .customLong("probe-root"), help: .hidden)
    var probeRoot: String?
}
