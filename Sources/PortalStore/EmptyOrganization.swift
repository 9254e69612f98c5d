import Foundation
import PortalCore

/// A valid store with an organization and nothing else, for an administrator
/// to fill in.
public enum EmptyOrganization {
    public static func make() -> Tenant {
        Tenant(
            organization: Organization(
                id: "org-new", displayName: "My organization", themeColor: "#0078d4",
                support: SupportContact(contactName: "", phoneNumber: "", emailAddress: "", websiteName: "",
                                        websiteUrl: "", additionalInformation: ""),
                privacyStatementUrl: "",
                termsAndConditions: TermsAndConditions(title: "Terms and conditions", summary: "", bodyText: "", version: 1),
                notifications: []),
            groups: [], users: [], managedDevices: [], compliancePolicies: [], mobileAppCategories: [],
            mobileApps: [], mobileAppAssignments: [], appInstallStates: [])
    }
}
