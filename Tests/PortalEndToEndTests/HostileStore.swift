import Foundation
import PortalCore
import PortalStore

/// A store whose every text field holds terminal-injection payloads: escape
/// sequences (CSI, OSC 0 title, DCS), C0 and C1 controls, bidi controls,
/// clusters terminals disagree on, and over-long words.
enum HostileStore {
    /// OSC 0 (retitle), CSI, 8-bit CSI, DCS, bidi isolates and overrides,
    /// the Arabic letter mark, annotation marks, C0, DEL and C1 (NEL).
    static let payload = "\u{1B}]0;PWNED\u{7}\u{1B}[7777X\u{9B}7777X\u{2066}\u{202E}\u{061C}\u{FFF9}\u{1}\u{7F}\u{85}\u{1B}P7777\u{1B}\\"
    /// Clusters whose width terminals and libraries disagree on.
    static let clusters = "❤️⚠️1️⃣👨‍👩‍👧🇯🇵👍🏽क्ष\u{2A6E0}e\u{301}\u{302}\u{2067}"
    /// A word longer than the screen is wide, so wrapping must cut it.
    static let longWord = String(repeating: "W", count: 400)

    /// `payload`, cut or prefixed to fit `limit` characters.
    static func text(_ tag: String, limit: Int = 40) -> String {
        String((tag + payload).prefix(limit))
    }

    /// Creates the demo organization with the portal's own `store init --demo`,
    /// then fills its text fields. Account names stay as they are, so the walk can sign in.
    static func make(at url: URL) throws {
        let created = try run(PortalBinary.url, ["store", "init", "--demo", url.path])
        guard created.status == 0 else { throw TmuxError(message: "store init: \(created.error)") }
        _ = try JSONStore(url: url).update { tenant in
            var organization = tenant.organization
            organization.displayName = text("O")
            organization.support.contactName = text("C")
            organization.support.phoneNumber = text("P", limit: 20)
            organization.support.emailAddress = text("E")
            organization.support.websiteName = text("S")
            organization.support.additionalInformation = String((payload + longWord).prefix(120))
            organization.termsAndConditions.title = text("T")
            organization.termsAndConditions.summary = payload + longWord
            organization.termsAndConditions.bodyText = payload + longWord + payload
            organization.notifications = organization.notifications.map { note in
                var note = note
                note.title = text("N", limit: 50)
                note.body = String((payload + clusters + " " + longWord + " " + payload).prefix(500))
                return note
            }
            tenant.organization = organization
            tenant.groups = tenant.groups.map { group in
                var group = group
                group.displayName = text("G")
                return group
            }
            tenant.users = tenant.users.map { user in
                var user = user
                user.displayName = text("U")
                return user
            }
            tenant.managedDevices = tenant.managedDevices.enumerated().map { index, device in
                var device = device
                device.deviceName = text("D\(index)")
                device.model = index == 0 ? clusters : text("M")
                device.manufacturer = text("F")
                device.serialNumber = text("S")
                device.imei = text("I")
                device.deviceCategoryDisplayName = text("K")
                return device
            }
            tenant.mobileAppCategories = tenant.mobileAppCategories.map { category in
                var category = category
                category.displayName = text("K")
                return category
            }
            tenant.mobileApps = tenant.mobileApps.enumerated().map { index, app in
                var app = app
                app.displayName = text("A\(index)")
                app.publisher = index == 0 ? clusters : text("P")
                app.description = payload + clusters + " " + longWord + " " + payload
                app.owner = text("W")
                app.developer = text("V")
                app.notes = payload + longWord
                return app
            }
        }
        let validated = try run(PortalBinary.url, ["store", "validate", url.path])
        guard validated.status == 0 else {
            throw TmuxError(message: "the hostile store is invalid:\n\(validated.output)\(validated.error)")
        }
    }
}
