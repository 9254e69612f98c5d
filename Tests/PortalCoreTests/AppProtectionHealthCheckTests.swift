import Foundation
import PortalCore
import Testing

/// The device health check of app protection without enrollment: every
/// threat level against every maximum and every remediation action.
@Suite("App protection health check")
struct AppProtectionHealthCheckTests {
    func policy(_ maximum: ManagedAppDeviceThreatLevel, _ action: ManagedAppRemediationAction) -> ManagedAppProtection {
        ManagedAppProtection(id: "p", displayName: "P", platform: .android,
                             apps: [ProtectedApp(displayName: "Outlook", mobileAppIdentifier: .android("com.microsoft.office.outlook"))],
                             assignedGroups: ["g"], maximumAllowedDeviceThreatLevel: maximum, mobileThreatDefenseRemediationAction: action)
    }

    static let reported: [(ManagedDevicePartnerReportedHealthState, DeviceThreatLevel)] = [
        (.secured, .secured), (.lowSeverity, .low), (.mediumSeverity, .medium), (.highSeverity, .high), (.compromised, .high),
    ]

    @Test(arguments: ManagedAppRemediationAction.allCases)
    func eachLevelAgainstEachMaximum(action: ManagedAppRemediationAction) {
        let outcome: AppProtectionHealthState = switch action {
        case .block: .accessBlocked
        case .wipe: .dataWiped
        case .warn: .warned
        }
        for maximum in ManagedAppDeviceThreatLevel.allCases {
            for (state, level) in Self.reported {
                let result = AppProtectionHealthCheck.evaluate(threatState: state, threatDefenseAppInstalled: true, policy: policy(maximum, action))
                guard let allowed = maximum.maximum else {
                    // No maximum: no threat-defense app needed, always healthy.
                    #expect(result.state == .healthy && result.level == nil)
                    continue
                }
                #expect(result.state == (level <= allowed ? .healthy : outcome), "\(state) under \(maximum) with \(action)")
                #expect(result.level == level)
            }
        }
    }

    @Test(arguments: ManagedAppRemediationAction.allCases)
    func aMissingThreatDefenseAppFailsWheneverAMaximumIsSet(action: ManagedAppRemediationAction) {
        for maximum in ManagedAppDeviceThreatLevel.allCases {
            for state in ManagedDevicePartnerReportedHealthState.allCases {
                let result = AppProtectionHealthCheck.evaluate(threatState: state, threatDefenseAppInstalled: false, policy: policy(maximum, action))
                #expect(result.state == (maximum == .notConfigured ? .healthy : .threatDefenseAppMissing))
            }
        }
    }

    @Test func aStateWithoutALevelWaitsForTheThreatDefenseApp() {
        for state in ManagedDevicePartnerReportedHealthState.allCases where state.threatLevel == nil {
            let result = AppProtectionHealthCheck.evaluate(threatState: state, threatDefenseAppInstalled: true, policy: policy(.high, .wipe))
            #expect(result.state == .threatNotReported)
            #expect(!result.state.hasAccess)
        }
    }

    @Test func onlyHealthyAndWarnedKeepAccess() {
        #expect(AppProtectionHealthState.allCases.filter(\.hasAccess) == [.healthy, .warned])
    }
}
