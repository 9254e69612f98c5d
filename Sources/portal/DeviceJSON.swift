import Foundation
import PortalCore
import PortalUI

/// A device as the device commands print it in JSON: the store's
/// managedDevice with its Graph names, and beside them what the portal
/// computes now. Nothing secret is in a device.
struct DeviceJSON: Encodable {
    let row: DeviceRow
    /// The detail adds every setting checked; the list leaves them out.
    let withSettings: Bool

    struct Computed: Encodable {
        var osDisplayName: String
        var isThisDevice: Bool
        var compliance: Compliance
    }

    struct Compliance: Encodable {
        /// Evaluated now; the stored `complianceState` is what the service last reported.
        var state: ComplianceState
        var summary: String
        var gracePeriodDeadline: Date?
        var failingSettings: [String]
        var settings: [Setting]?
    }

    struct Setting: Encodable {
        var policyId: String
        var setting: String
        var title: String
        var outcome: String
        var expected: String
        var actual: String
        var howToResolve: String
    }

    func encode(to encoder: any Encoder) throws {
        // Both write into one object: the Graph fields and the computed ones.
        try row.device.encode(to: encoder)
        let evaluation = row.evaluation
        let settings = evaluation.results.map {
            Setting(policyId: $0.policyId, setting: $0.setting, title: $0.title, outcome: $0.outcome.rawValue,
                    expected: $0.expected, actual: $0.actual, howToResolve: $0.howToResolve)
        }
        try Computed(osDisplayName: row.operatingSystem, isThisDevice: row.isThisDevice,
                     compliance: Compliance(state: evaluation.state, summary: evaluation.accessSummary,
                                            gracePeriodDeadline: evaluation.graceDeadline,
                                            failingSettings: evaluation.failures.map(\.setting),
                                            settings: withSettings ? settings : nil)).encode(to: encoder)
    }
}

/// The user a device listing belongs to: who, never their secrets.
struct DeviceOwnerJSON: Encodable {
    var id: String
    var userPrincipalName: String
    var displayName: String

    init(_ user: User) {
        id = user.id
        userPrincipalName = user.userPrincipalName
        displayName = user.displayName
    }
}
