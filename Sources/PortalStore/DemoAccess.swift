import Foundation
import PortalCore

/// Contoso's cloud apps and conditional access policies: enough to show
/// every verdict on the demo devices. Mail needs a compliant device, files
/// need MFA or a compliant device, Teams' retired Linux desktop app is
/// blocked, and engineers manage Azure with MFA on a compliant device. A
/// report-only and a disabled policy show that neither ever blocks.
public enum DemoAccess {
    public static let cloudApps: [CloudApp] = [.exchangeOnline, .sharePointOnline, .microsoftTeams, .azurePortal]

    public static func policies() -> [ConditionalAccessPolicy] {
        let everyone = ConditionalAccessUsers(includeUsers: [ConditionalAccessUsers.all])
        return [
            ConditionalAccessPolicy(
                id: "ca-exchange-compliant", displayName: "Mail needs a compliant device",
                conditions: ConditionalAccessConditionSet(
                    users: everyone, applications: ConditionalAccessApplications(includeApplications: [CloudApp.exchangeOnline.id])),
                grantControls: ConditionalAccessGrantControls(builtInControls: [.compliantDevice])),
            ConditionalAccessPolicy(
                id: "ca-sharepoint-mfa-or-compliant", displayName: "Files need MFA or a compliant device",
                conditions: ConditionalAccessConditionSet(
                    users: ConditionalAccessUsers(includeGroups: ["grp-all"]),
                    applications: ConditionalAccessApplications(includeApplications: [CloudApp.sharePointOnline.id])),
                grantControls: ConditionalAccessGrantControls(operator: .or, builtInControls: [.mfa, .compliantDevice])),
            ConditionalAccessPolicy(
                id: "ca-teams-linux-block", displayName: "Block Teams desktop on Linux (unsupported)",
                conditions: ConditionalAccessConditionSet(
                    users: everyone, applications: ConditionalAccessApplications(includeApplications: [CloudApp.microsoftTeams.id]),
                    platforms: ConditionalAccessPlatforms(includePlatforms: [.linux]),
                    clientAppTypes: [.mobileAppsAndDesktopClients]),
                grantControls: ConditionalAccessGrantControls(builtInControls: [.block])),
            ConditionalAccessPolicy(
                id: "ca-azure-admin", displayName: "Azure management needs MFA on a compliant device",
                conditions: ConditionalAccessConditionSet(
                    users: ConditionalAccessUsers(includeGroups: ["grp-engineering"]), applications: ConditionalAccessApplications(includeApplications: [CloudApp.azurePortal.id])),
                grantControls: ConditionalAccessGrantControls(builtInControls: [.mfa, .compliantDevice])),
            ConditionalAccessPolicy(
                id: "ca-office-approved-apps", displayName: "Report only: Office 365 on phones through approved apps",
                state: .enabledForReportingButNotEnforced,
                conditions: ConditionalAccessConditionSet(
                    users: everyone, applications: ConditionalAccessApplications(includeApplications: [ConditionalAccessApplications.office365]),
                    platforms: ConditionalAccessPlatforms(includePlatforms: [.iOS, .android])),
                grantControls: ConditionalAccessGrantControls(builtInControls: [.approvedApplication, .compliantApplication])),
            ConditionalAccessPolicy(
                id: "ca-legacy-block-android", displayName: "Old: block Android (switched off)", state: .disabled,
                conditions: ConditionalAccessConditionSet(
                    users: everyone, applications: ConditionalAccessApplications(includeApplications: [ConditionalAccessApplications.all]),
                    platforms: ConditionalAccessPlatforms(includePlatforms: [.android])),
                grantControls: ConditionalAccessGrantControls(builtInControls: [.block])),
        ]
    }

    /// Adds the cloud apps and policies; they reference `grp-all` only.
    static func add(to tenant: inout Tenant) {
        tenant.cloudApps = cloudApps
        tenant.conditionalAccessPolicies = policies()
    }
}
