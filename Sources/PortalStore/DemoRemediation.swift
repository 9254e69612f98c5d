import Foundation
import PortalCore

/// Seed 002's iOS case in the demo: 花子's iPhone holds a work email account
/// she added herself, so a policy for the mail group reports "Unable to set
/// up email on the device" beside its short passcode.
enum DemoRemediation {
    static let mailGroup = Group(id: "grp-ios-mail", displayName: "iOS managed mail")

    static func add(to tenant: inout Tenant, now: Date) {
        tenant.groups.append(mailGroup)
        var policy = CompliancePolicy(id: "pol-ios-mail", displayName: "iOS managed mail", platform: .iOS,
                                      assignedGroups: [mailGroup.id], gracePeriodHours: 72)
        policy.managedEmailProfileRequired = true
        tenant.compliancePolicies.append(policy)
        if let user = tenant.users.firstIndex(where: { $0.id == "usr-hanako" }) { tenant.users[user].groups.append(mailGroup.id) }
        guard let index = tenant.managedDevices.firstIndex(where: { $0.id == "dev-hanako-iphone" }),
              let owner = tenant.user(id: tenant.managedDevices[index].userId) else { return }
        tenant.managedDevices[index].managedEmailProfile = false
        // Stored as its last check would have left it.
        let evaluation = tenant.evaluate(tenant.managedDevices[index], for: owner, now: now)
        tenant.managedDevices[index].complianceState = evaluation.state
        tenant.managedDevices[index].complianceGracePeriodExpirationDateTime = evaluation.graceDeadline
    }
}
