import Foundation
import PortalCore

/// App protection without enrollment in the demo: policies for iOS and
/// Android, and simulated devices that show each ending of the device health
/// check (seed 004): healthy at once (iPhone 15, Defender set up), the
/// threat-defense app missing then installed (Pixel 7, iPhone SE), and a
/// threat above the maximum (moto g): access blocked for Sales, company
/// data wiped for everyone else.
public enum DemoAppProtection {
    static func apps(_ platform: ManagedAppPlatform) -> [ProtectedApp] {
        switch platform {
        case .iOS:
            [ProtectedApp(displayName: "Outlook", mobileAppIdentifier: .ios("com.microsoft.Office.Outlook")),
             ProtectedApp(displayName: "Teams", mobileAppIdentifier: .ios("com.microsoft.skype.teams")),
             ProtectedApp(displayName: "OneDrive", mobileAppIdentifier: .ios("com.microsoft.skydrive"))]
        case .android:
            [ProtectedApp(displayName: "Outlook", mobileAppIdentifier: .android("com.microsoft.office.outlook")),
             ProtectedApp(displayName: "Teams", mobileAppIdentifier: .android("com.microsoft.teams")),
             ProtectedApp(displayName: "OneDrive", mobileAppIdentifier: .android("com.microsoft.skydrive"))]
        }
    }

    /// Store order decides between policies: Sales meets its own Android policy first.
    public static let policies = [
        ManagedAppProtection(id: "app-ios-personal", displayName: "iOS apps on personal devices",
                             description: "Outlook, Teams and OneDrive on iPhones and iPads Contoso does not manage.",
                             platform: .iOS, apps: apps(.iOS), assignedGroups: ["grp-all"],
                             maximumAllowedDeviceThreatLevel: .low, mobileThreatDefenseRemediationAction: .block),
        ManagedAppProtection(id: "app-android-sales", displayName: "Android apps on personal devices (Sales)",
                             description: "Sales keeps its data while a threat is removed: access is blocked, not wiped.",
                             platform: .android, apps: apps(.android), assignedGroups: ["grp-sales"],
                             maximumAllowedDeviceThreatLevel: .low, mobileThreatDefenseRemediationAction: .block),
        ManagedAppProtection(id: "app-android-personal", displayName: "Android apps on personal devices",
                             description: "Outlook, Teams and OneDrive on Android phones Contoso does not manage.",
                             platform: .android, apps: apps(.android), assignedGroups: ["grp-all"],
                             maximumAllowedDeviceThreatLevel: .low, mobileThreatDefenseRemediationAction: .wipe),
    ]

    /// The simulated devices that come with the threat-defense app set up.
    static let defenderInstalled: Set<String> = ["sim-iphone-15", "sim-moto-g"]

    /// Adds the policies and marks which simulated devices have Defender.
    static func add(to tenant: inout Tenant) {
        tenant.managedAppProtections = policies
        for index in tenant.simulatedDevices.indices where defenderInstalled.contains(tenant.simulatedDevices[index].id) {
            tenant.simulatedDevices[index].mobileThreatDefenseAppInstalled = true
        }
    }
}
