import Foundation
import PortalCore

/// The demo organization's app catalog: enough apps, publishers and
/// categories to exercise browsing, search and sorting.
enum DemoCatalog {
    static let categories: [MobileAppCategory] = [
        MobileAppCategory(id: "cat-productivity", displayName: "Productivity"),
        MobileAppCategory(id: "cat-communication", displayName: "Communication"),
        MobileAppCategory(id: "cat-security", displayName: "Security"),
        MobileAppCategory(id: "cat-developer", displayName: "Developer tools"),
        MobileAppCategory(id: "cat-business", displayName: "Business"),
        MobileAppCategory(id: "cat-utilities", displayName: "Utilities"),
        MobileAppCategory(id: "cat-education", displayName: "Education"),
        MobileAppCategory(id: "cat-design", displayName: "Design"),
    ]

    private static let mobile: [DevicePlatform] = [.iOS, .iPadOS, .android]
    private static let desktop: [DevicePlatform] = [.windows, .macOS]
    private static let everywhere: [DevicePlatform] = [.iOS, .iPadOS, .android, .windows, .macOS]
    private static let linuxToo: [DevicePlatform] = [.windows, .macOS, .linux]

    /// (name, publisher, category, platforms, size MB, version, featured, description)
    private static let entries: [(String, String, String, [DevicePlatform], Int, String, Bool, String)] = [
        ("Microsoft Outlook", "Microsoft Corporation", "cat-communication", everywhere, 245, "16.0.18129", true, "Email, calendar and contacts for your work account."),
        ("Microsoft Teams", "Microsoft Corporation", "cat-communication", everywhere + [.linux], 312, "24295.605", true, "Chat, meetings, calls and files in one place."),
        ("Microsoft Word", "Microsoft Corporation", "cat-productivity", everywhere, 288, "16.0.18129", false, "Create and edit documents, with co-authoring."),
        ("Microsoft Excel", "Microsoft Corporation", "cat-productivity", everywhere, 301, "16.0.18129", false, "Spreadsheets, charts and data analysis."),
        ("Microsoft PowerPoint", "Microsoft Corporation", "cat-productivity", everywhere, 276, "16.0.18129", false, "Build and present slide decks."),
        ("Microsoft OneNote", "Microsoft Corporation", "cat-productivity", everywhere, 198, "16.0.18129", false, "Notebooks for meetings, projects and ideas."),
        ("OneDrive", "Microsoft Corporation", "cat-productivity", everywhere, 143, "24.211", true, "Your work files on every device, backed up."),
        ("SharePoint", "Microsoft Corporation", "cat-business", mobile, 96, "4.24.43", false, "Team sites, news and shared documents."),
        ("Microsoft Authenticator", "Microsoft Corporation", "cat-security", mobile, 87, "6.8.17", true, "Sign-in approvals and one-time codes for your work account."),
        ("Microsoft Defender", "Microsoft Corporation", "cat-security", everywhere + [.linux], 154, "101.24092", false, "Threat protection; required for access to company data."),
        ("Microsoft Edge", "Microsoft Corporation", "cat-productivity", everywhere + [.linux], 410, "131.0.2903", false, "The browser with your work profile and protected sites."),
        ("Microsoft To Do", "Microsoft Corporation", "cat-productivity", everywhere, 64, "2.135", false, "Tasks and lists that sync with Outlook."),
        ("Microsoft Planner", "Microsoft Corporation", "cat-business", mobile, 58, "3.18.2", false, "Plans, boards and team tasks."),
        ("Power BI", "Microsoft Corporation", "cat-business", everywhere, 221, "2.5.0", false, "Dashboards and reports on the go."),
        ("Power Apps", "Microsoft Corporation", "cat-business", mobile, 133, "3.24104", false, "Run the business apps your team builds."),
        ("Microsoft Loop", "Microsoft Corporation", "cat-productivity", everywhere, 77, "1.2.41", false, "Shared workspaces and live components."),
        ("Microsoft Whiteboard", "Microsoft Corporation", "cat-design", [.iOS, .iPadOS], 112, "24.11", false, "A freeform canvas for ideas and workshops."),
        ("Microsoft Remote Desktop", "Microsoft Corporation", "cat-utilities", everywhere, 72, "10.0.20", false, "Connect to your work PC and virtual apps."),
        ("Visual Studio Code", "Microsoft Corporation", "cat-developer", linuxToo, 356, "1.95.3", true, "Code editor with the company's extension pack."),
        ("Azure VPN Client", "Microsoft Corporation", "cat-security", everywhere + [.linux], 41, "3.4.0", false, "Connect to the company network."),
        ("Slack", "Slack Technologies", "cat-communication", everywhere + [.linux], 289, "4.41.105", false, "Channels for partner and vendor projects."),
        ("Zoom Workplace", "Zoom Video Communications", "cat-communication", everywhere + [.linux], 265, "6.2.10", false, "Video meetings with external guests."),
        ("Webex", "Cisco Systems", "cat-communication", everywhere, 301, "44.11", false, "Meetings and calling for the support desk."),
        ("Adobe Acrobat Reader", "Adobe Inc.", "cat-productivity", everywhere, 510, "24.004", false, "View, sign and comment on PDF files."),
        ("Adobe Photoshop Express", "Adobe Inc.", "cat-design", mobile, 180, "16.4", false, "Quick photo edits for marketing assets."),
        ("Figma", "Figma, Inc.", "cat-design", desktop + [.iPadOS], 220, "124.6", false, "Design files and prototypes, shared."),
        ("Canva", "Canva Pty Ltd", "cat-design", everywhere, 190, "1.94", false, "Templates for slides, posters and social posts."),
        ("GitHub Desktop", "GitHub, Inc.", "cat-developer", desktop, 190, "3.4.9", false, "Clone, commit and review without the command line."),
        ("GitHub Mobile", "GitHub, Inc.", "cat-developer", mobile, 88, "1.187", false, "Review pull requests and triage issues."),
        ("Docker Desktop", "Docker Inc.", "cat-developer", linuxToo, 610, "4.36.0", false, "Containers for local development."),
        ("JetBrains Toolbox", "JetBrains s.r.o.", "cat-developer", linuxToo, 120, "2.5.2", false, "Install and update IntelliJ IDEA and friends."),
        ("Postman", "Postman, Inc.", "cat-developer", linuxToo, 260, "11.20", false, "Build and test APIs with shared collections."),
        ("Salesforce", "Salesforce, Inc.", "cat-business", mobile, 145, "252.0", true, "Accounts, opportunities and forecasts."),
        ("SAP Concur", "SAP SE", "cat-business", mobile, 160, "9.127", false, "Expense reports and travel booking."),
        ("Workday", "Workday, Inc.", "cat-business", mobile, 118, "2024.45", false, "Time off, pay slips and your profile."),
        ("ServiceNow Agent", "ServiceNow", "cat-business", mobile, 99, "18.1", false, "Incidents and requests for IT staff."),
        ("DocuSign", "DocuSign, Inc.", "cat-business", everywhere, 90, "19.8", false, "Send and sign agreements."),
        ("1Password", "AgileBits Inc.", "cat-security", everywhere + [.linux], 130, "8.10.50", false, "The company password vault."),
        ("Cisco Secure Client", "Cisco Systems", "cat-security", everywhere + [.linux], 58, "5.1.6", false, "VPN for the lab networks."),
        ("Lookout for Work", "Lookout, Inc.", "cat-security", mobile, 74, "10.42", false, "Mobile threat defense for personal devices."),
        ("7-Zip", "Igor Pavlov", "cat-utilities", [.windows], 2, "24.08", false, "Open and create archives."),
        ("Notepad++", "Notepad++ Team", "cat-utilities", [.windows], 6, "8.7.1", false, "A fast text and code editor."),
        ("VLC media player", "VideoLAN", "cat-utilities", everywhere + [.linux], 45, "3.0.21", false, "Plays every training video format."),
        ("Company Handbook", "Contoso IT", "cat-education", everywhere, 12, "2026.11", false, "Policies, benefits and who to ask."),
        ("Security Awareness Training", "Contoso IT", "cat-education", everywhere, 34, "5.2", false, "The yearly course, ten minutes a module."),
        ("Duolingo for Business", "Duolingo", "cat-education", mobile, 160, "6.4", false, "Language lessons paid by the company."),
        ("LinkedIn Learning", "LinkedIn Corporation", "cat-education", everywhere, 110, "2.24", false, "Courses on tools, leadership and more."),
        ("Mattermost", "Mattermost, Inc.", "cat-communication", linuxToo, 150, "5.10", false, "Chat for the engineering on-call rota."),
    ]

    static func apps(now: Date) -> [MobileApp] {
        entries.enumerated().map { index, entry in
            let (name, publisher, category, platforms, megabytes, version, featured, description) = entry
            let slug = name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            let published = now.addingTimeInterval(-Double(400 - index * 7) * 86_400)
            var app = MobileApp(
                id: "app-\(slug)", displayName: name, publisher: publisher, description: description,
                isFeatured: featured, categories: [category], createdDateTime: published,
                lastModifiedDateTime: published.addingTimeInterval(Double(index % 5) * 86_400),
                informationUrl: "https://contoso.example/apps/\(slug)",
                privacyInformationUrl: "https://contoso.example/privacy/\(slug)", owner: "Contoso IT",
                developer: publisher, notes: "", version: version, sizeInBytes: megabytes * 1_048_576,
                platforms: platforms, minimumSupportedOperatingSystem: minimumOS[name])
            app.simulatedInstallFailures = failures[name]
            return app
        }
    }

    /// Installs that fail, so the portal's failure path and Retry can be shown:
    /// Acrobat on a Mac once (not enough storage; Retry then succeeds), Webex
    /// on Windows every time (the installer fails), as Graph's Int32 codes.
    static let failures: [String: [SimulatedInstallFailure]] = [
        "Adobe Acrobat Reader": [SimulatedInstallFailure(platform: .macOS, errorCode: -2_147_024_784, attempts: 1)],
        "Webex": [SimulatedInstallFailure(platform: .windows, errorCode: -2_147_023_293)],
    ]

    /// Apps that need a recent OS, so an older device's catalog hides them.
    static let minimumOS: [String: String] = ["Microsoft Whiteboard": "17.0"]

    /// Names of the apps every employee gets whether they ask or not.
    static let required: Set<String> = ["Microsoft Outlook", "Microsoft Teams", "Microsoft Authenticator", "Microsoft Defender", "Company Handbook"]
    /// Apps only engineering sees.
    static let engineeringOnly: Set<String> = ["Docker Desktop", "JetBrains Toolbox", "Postman", "GitHub Desktop", "Mattermost"]
    /// Apps only sales sees.
    static let salesOnly: Set<String> = ["Salesforce", "SAP Concur"]
}
