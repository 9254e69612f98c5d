import Foundation

/// One app as a particular user sees it in the catalog.
public struct CatalogEntry: Sendable, Equatable, Identifiable {
    public var app: MobileApp
    /// `required` when any of the user's groups has it required, else `available`.
    public var intent: InstallIntent
    public var categoryNames: [String]

    public var id: String { app.id }
    public var primaryCategory: String { categoryNames.first ?? "Other" }
}

extension Tenant {
    /// The apps assigned to the user's groups, by name. An app assigned as
    /// required to one group and available to another is required.
    public func catalog(for user: User) -> [CatalogEntry] {
        let groups = Set(user.groups)
        var intents: [String: InstallIntent] = [:]
        for assignment in mobileAppAssignments where groups.contains(assignment.groupId) {
            switch (assignment.intent, intents[assignment.appId]) {
            case (.required, _): intents[assignment.appId] = .required
            case (.available, nil), (.availableWithoutEnrollment, nil): intents[assignment.appId] = .available
            default: break
            }
        }
        let categoryNames = Dictionary(uniqueKeysWithValues: mobileAppCategories.map { ($0.id, $0.displayName) })
        // Sort on keys computed once; a locale-aware compare per comparison is
        // too slow for catalogs of tens of thousands of apps.
        return mobileApps.compactMap { app -> (String, CatalogEntry)? in
            guard let intent = intents[app.id] else { return nil }
            let entry = CatalogEntry(app: app, intent: intent, categoryNames: app.categories.compactMap { categoryNames[$0] })
            return (app.displayName.lowercased(), entry)
        }
        .sorted { $0.0 < $1.0 }
        .map(\.1)
    }
}
