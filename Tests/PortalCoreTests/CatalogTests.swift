import Foundation
import Testing
@testable import PortalCore

@Suite("App catalog")
struct CatalogTests {
    private func tenant() -> (Tenant, User) {
        let date = Date(timeIntervalSince1970: 0)
        func app(_ id: String, _ name: String) -> MobileApp {
            MobileApp(id: id, displayName: name, publisher: "P", description: "", isFeatured: false, categories: ["c"],
                      createdDateTime: date, lastModifiedDateTime: date, version: "1", sizeInBytes: 1, platforms: [.iOS])
        }
        let user = User(id: "u", userPrincipalName: "u@x.com", displayName: "U", groups: ["all", "sales"], mfaMethods: [],
                        password: PasswordHash(iterations: 1, salt: "", hash: ""))
        let tenant = Tenant(
            organization: Organization(id: "o", displayName: "O", themeColor: "#000000",
                                       support: SupportContact(contactName: "", phoneNumber: "", emailAddress: "", websiteName: "", websiteUrl: "", additionalInformation: ""),
                                       privacyStatementUrl: "", termsAndConditions: TermsAndConditions(title: "", summary: "", bodyText: "", version: 1), notifications: []),
            groups: [], users: [user], managedDevices: [], compliancePolicies: [],
            mobileAppCategories: [MobileAppCategory(id: "c", displayName: "Tools")],
            mobileApps: [app("a", "zeta"), app("b", "Alpha"), app("c", "Hidden")],
            mobileAppAssignments: [
                MobileAppAssignment(id: "1", appId: "a", groupId: "all", intent: .available),
                MobileAppAssignment(id: "2", appId: "a", groupId: "sales", intent: .required),
                MobileAppAssignment(id: "3", appId: "b", groupId: "all", intent: .available),
                MobileAppAssignment(id: "4", appId: "c", groupId: "engineering", intent: .available),
            ],
            appInstallStates: [])
        return (tenant, user)
    }

    @Test func onlyTheUsersGroupsAppsSortedByName() {
        let (tenant, user) = tenant()
        let catalog = tenant.catalog(for: user)
        #expect(catalog.map(\.app.displayName) == ["Alpha", "zeta"])
        #expect(catalog.first?.primaryCategory == "Tools")
    }

    @Test func requiredWinsOverAvailable() {
        let (tenant, user) = tenant()
        #expect(tenant.catalog(for: user).first { $0.id == "a" }?.intent == .required)
        #expect(tenant.catalog(for: user).first { $0.id == "b" }?.intent == .available)
    }
}
