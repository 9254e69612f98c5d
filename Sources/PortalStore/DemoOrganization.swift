import Foundation
import PortalCore

/// The built-in demo organization, Contoso: a portal to try without an admin.
/// Every date is relative to `now`, so a fresh store always shows a device in
/// its grace period and one that lost access.
public enum DemoOrganization {
    public static let organizationId = "org-contoso-demo"

    /// The demo accounts and their passwords; the sign-in screen lists them
    /// while the demo organization is loaded.
    public static let accounts: [(userPrincipalName: String, password: String)] = [
        ("adele.vance@contoso.com", "Contoso-Adele-1"),
        ("alex.wilber@contoso.com", "Contoso-Alex-2"),
        ("megan.bowen@contoso.com", "Contoso-Megan-3"),
        ("lee.gu@contoso.com", "Contoso-Lee-4"),
        ("zoe.angstrom@contoso.com", "Contoso-Zoe-5"),
        ("hanako.yamada@contoso.com", "Contoso-Hanako-6"),
        ("nestor.wilke@contoso.com", "Contoso-Nestor-7"),
        ("pradeep.gupta@contoso.com", "Contoso-Pradeep-8"),
    ]

    /// What the sign-in screen says of a demo account beyond its password.
    public static func note(for user: User) -> String? {
        if user.mfaState.requiresSecondFactor, user.codeMethods.isEmpty { return "sets up MFA" }
        if user.forceChangePasswordNextSignIn == true { return "new password" }
        return nil
    }

    /// - Parameter iterations: PBKDF2 rounds for the demo passwords; fixtures
    ///   for tests may pass fewer than the real 600,000.
    public static func make(now: Date, random: RandomSource, iterations: Int = PasswordHash.recommendedIterations) -> Tenant {
        let hour = 3_600.0, day = 86_400.0
        let groups = [
            Group(id: "grp-all", displayName: "All employees"),
            Group(id: "grp-sales", displayName: "Sales"),
            Group(id: "grp-engineering", displayName: "Engineering"),
            Group(id: "grp-linux", displayName: "Linux workstations"),
        ]
        let created = now.addingTimeInterval(-90 * day)
        // Secrets come from the injected source, like the salts: a fresh demo
        // store has its own, and a seeded one is the same every time.
        func secret() -> String { Base32.encode(random.bytes(count: 20)) }
        let leeApp = MfaMethod(id: "mfa-lee-app", methodType: .softwareOath, displayName: "Authenticator app",
                               secretKey: secret(), createdDateTime: created)
        let alexToken = MfaMethod(id: "mfa-alex-token", methodType: .hardwareOath, displayName: "OATH token 4412",
                                  secretKey: secret(), serialNumber: "4412", manufacturer: "Token2", model: "C202",
                                  createdDateTime: created)
        let adeleToken = MfaMethod(id: "mfa-adele-token", methodType: .hardwareOath, displayName: "Token 7731",
                                   secretKey: secret(), status: .assigned, serialNumber: "7731", manufacturer: "Token2",
                                   model: "C202", createdDateTime: created)
        let people: [(id: String, name: String, groups: [String], mfa: [MfaMethod], state: MfaState?)] = [
            ("usr-adele", "Adele Vance", ["grp-all", "grp-sales"],
             [MfaMethod(id: "mfa-adele-app", methodType: .microsoftAuthenticator, displayName: "iPhone 15", createdDateTime: created), adeleToken], nil),
            ("usr-alex", "Alex Wilber", ["grp-all", "grp-engineering", "grp-linux"], [alexToken], .enforced),
            ("usr-megan", "Megan Bowen", ["grp-all", "grp-sales"], [], nil),
            ("usr-lee", "Lee Gu", ["grp-all", "grp-engineering", "grp-linux"], [leeApp], .enforced),
            ("usr-zoe", "Zoë Ångström", ["grp-all"], [], nil),
            ("usr-hanako", "山田 花子", ["grp-all", "grp-engineering"],
             [MfaMethod(id: "mfa-hanako-phone", methodType: .phone, displayName: "+81 90-xxxx-1234", createdDateTime: created)], nil),
            // Registers a sign-in method before anything else.
            ("usr-nestor", "Nestor Wilke", ["grp-all", "grp-engineering"], [], .enabled),
            // Changes the password before anything else.
            ("usr-pradeep", "Pradeep Gupta", ["grp-all", "grp-sales"], [], nil),
        ]
        // Given names as Graph stores them; 花子 is Yamada Hanako's given name.
        let givenNames = ["usr-adele": "Adele", "usr-alex": "Alex", "usr-megan": "Megan", "usr-lee": "Lee",
                          "usr-zoe": "Zoë", "usr-hanako": "花子", "usr-nestor": "Nestor", "usr-pradeep": "Pradeep"]
        let users = zip(people, accounts).map { person, account in
            var user = User(id: person.id, userPrincipalName: account.userPrincipalName, displayName: person.name,
                            groups: person.groups, mfaMethods: person.mfa,
                            password: PasswordHash.make(password: account.password, iterations: iterations, random: random))
            user.givenName = givenNames[person.id]
            user.perUserMfaState = person.state
            user.preferredMfaMethodId = person.mfa.first { $0.canSignIn }?.id
            if person.id == "usr-pradeep" { user.forceChangePasswordNextSignIn = true }
            return user
        }

        let policies = compliancePolicies()
        var devices = demoDevices(users: users, now: now, hour: hour, day: day)
        let organization = Organization(
            id: organizationId, displayName: "Contoso", themeColor: "#0078d4",
            support: SupportContact(contactName: "Contoso IT Help Desk", phoneNumber: "+1 425 555 0100",
                                    emailAddress: "helpdesk@contoso.com", websiteName: "IT self-service",
                                    websiteUrl: "https://it.contoso.example",
                                    additionalInformation: "Open 24/7. For a lost or stolen device, call at once."),
            privacyStatementUrl: "https://contoso.example/privacy",
            termsAndConditions: TermsAndConditions(
                title: "Contoso acceptable use", summary: "Use company data for company work only.",
                bodyText: "By enrolling you agree to keep company data on managed apps, report a lost device within 24 hours, and let Contoso remove company data when you leave.",
                version: 3),
            // One of each kind: for everyone, for one group, expiring, and expired (never shown).
            notifications: [
                OrganizationNotification(id: "note-ios17", title: "📱 Update to iOS 17 or later by December 1",
                                         body: "Devices below iOS 17.0 lose access to mail and files on December 1. Open Settings > General > Software Update.",
                                         createdDateTime: now.addingTimeInterval(-2 * day)),
                OrganizationNotification(id: "note-maintenance", title: "Portal maintenance Saturday 22:00-23:00 UTC",
                                         body: "Check status and app installs pause during the window. Devices keep their access.",
                                         createdDateTime: now.addingTimeInterval(-5 * day),
                                         expirationDateTime: now.addingTimeInterval(6 * day)),
                OrganizationNotification(id: "note-linux-rhel8", title: "RHEL 8 workstations: upgrade to RHEL 9",
                                         body: "The Linux workstation policy no longer allows RHEL 8. Plan the upgrade with IT before your grace period ends.",
                                         createdDateTime: now.addingTimeInterval(-1 * day),
                                         audienceGroupIds: ["grp-linux"]),
                OrganizationNotification(id: "note-wifi-outage", title: "Office Wi-Fi outage resolved",
                                         body: "The outage on the 3rd floor is over; reconnect to Contoso-Corp.",
                                         createdDateTime: now.addingTimeInterval(-9 * day),
                                         expirationDateTime: now.addingTimeInterval(-7 * day)),
            ],
            complianceValidityPeriodDays: 30)

        var tenant = Tenant(organization: organization, groups: groups, users: users, managedDevices: [],
                            compliancePolicies: policies, mobileAppCategories: DemoCatalog.categories,
                            mobileApps: DemoCatalog.apps(now: now), mobileAppAssignments: [], appInstallStates: [])
        // Store what the evaluator decides now, as a device's last check would have.
        for index in devices.indices {
            guard let owner = tenant.user(id: devices[index].userId) else { continue }
            let evaluation = tenant.evaluate(devices[index], for: owner, now: now)
            devices[index].complianceState = evaluation.state
            devices[index].complianceGracePeriodExpirationDateTime = evaluation.graceDeadline
        }
        // An administrator's conflict that the facts cannot show, so the portal can explain one.
        if let index = devices.firstIndex(where: { $0.id == "dev-lee-mac" }) { devices[index].complianceState = .conflict }
        // An administrator's retire the device has not carried out yet, so the portal can show one.
        if let index = devices.firstIndex(where: { $0.id == "dev-zoe-android" }) { devices[index].managementState = .retirePending }
        tenant.managedDevices = devices
        tenant.mobileAppAssignments = assignments(for: tenant.mobileApps)
        tenant.appInstallStates = installStates(tenant: tenant, now: now)
        DemoEnrollment.add(to: &tenant, now: now)
        DemoAppProtection.add(to: &tenant)
        DemoAccess.add(to: &tenant)
        DemoRemediation.add(to: &tenant, now: now)
        return tenant
    }

    static func compliancePolicies() -> [CompliancePolicy] {
        var ios = CompliancePolicy(id: "pol-ios", displayName: "iOS and iPadOS baseline", platform: .iOS, assignedGroups: ["grp-all"], gracePeriodHours: 72)
        ios.passcodeRequired = true
        ios.passcodeMinimumLength = 6
        ios.securityBlockJailbrokenDevices = true
        ios.osMinimumVersion = "17.0"
        ios.deviceThreatProtectionRequiredSecurityLevel = .medium

        var android = CompliancePolicy(id: "pol-android", displayName: "Android baseline", platform: .android, assignedGroups: ["grp-all"], gracePeriodHours: 0)
        android.passwordRequired = true
        android.passwordMinimumLength = 6
        android.storageRequireEncryption = true
        android.securityBlockJailbrokenDevices = true
        android.osMinimumVersion = "12"
        android.deviceThreatProtectionRequiredSecurityLevel = .low

        var windows = CompliancePolicy(id: "pol-windows", displayName: "Windows baseline", platform: .windows, assignedGroups: ["grp-all"], gracePeriodHours: 24)
        windows.passwordRequired = true
        windows.passwordMinimumLength = 8
        windows.passwordRequiredType = .alphanumeric
        windows.storageRequireEncryption = true
        windows.osMinimumVersion = "10.0.19045"

        var mac = CompliancePolicy(id: "pol-macos", displayName: "macOS baseline", platform: .macOS, assignedGroups: ["grp-all"], gracePeriodHours: 48)
        mac.passwordRequired = true
        mac.passwordMinimumLength = 8
        mac.storageRequireEncryption = true
        mac.osMinimumVersion = "14.0"

        var linux = CompliancePolicy(id: "pol-linux", displayName: "Linux workstation", platform: .linux, assignedGroups: ["grp-linux", "grp-all"], gracePeriodHours: 72)
        linux.passwordMinimumLength = 12
        linux.passwordMinimumDigits = 1
        linux.passwordMinimumLowerCase = 1
        linux.passwordMinimumUpperCase = 1
        linux.passwordMinimumSymbols = 1
        linux.storageRequireEncryption = true
        linux.allowedDistributions = [AllowedDistribution(type: .ubuntu, minimumVersion: "22.04", maximumVersion: "24.04"),
                                      AllowedDistribution(type: .rhel, minimumVersion: "9")]
        return [ios, android, windows, mac, linux]
    }

    private static func demoDevices(users: [User], now: Date, hour: Double, day: Double) -> [ManagedDevice] {
        let strong = PasscodeFacts(isSet: true, length: 14, digits: 3, lowercase: 8, uppercase: 2, symbols: 1)
        let sixDigits = PasscodeFacts(isSet: true, length: 6, digits: 6)
        let short = PasscodeFacts(isSet: true, length: 6, digits: 2, lowercase: 4)
        let upn = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.userPrincipalName) })
        var serial = 0
        func device(_ id: String, _ user: String, _ name: String, _ os: DevicePlatform, _ version: String,
                    _ model: String, _ maker: String, owner: ManagedDeviceOwnerType = .company,
                    enrolledDaysAgo: Double = 120, syncedHoursAgo: Double? = 2, encrypted: Bool? = true,
                    passcode: PasscodeFacts?, jailBroken: JailBrokenState = .no,
                    threat: ManagedDevicePartnerReportedHealthState = .secured,
                    distribution: LinuxDistribution? = nil, failingForHours: Double? = nil,
                    enrollment: DeviceEnrollmentType = .userEnrollment, agent: ManagementAgentType = .mdm) -> ManagedDevice {
            serial += 1
            let isPhone = os == .iOS || os == .android
            return ManagedDevice(
                id: id, userId: user, userPrincipalName: upn[user] ?? "", deviceName: name,
                managedDeviceOwnerType: owner, enrolledDateTime: now.addingTimeInterval(-enrolledDaysAgo * day),
                lastSyncDateTime: syncedHoursAgo.map { now.addingTimeInterval(-$0 * hour) },
                operatingSystem: os, osVersion: version, jailBroken: jailBroken, managementAgent: agent,
                deviceEnrollmentType: enrollment, deviceCategoryDisplayName: owner == .company ? "Corporate" : "Personal",
                isEncrypted: encrypted, isSupervised: owner == .company && (os == .iOS || os == .iPadOS),
                model: model, manufacturer: maker, serialNumber: String(format: "C0NT%06d", serial * 7919),
                imei: isPhone ? String(format: "35%013d", serial * 104_729) : "",
                partnerReportedThreatState: threat, passcode: passcode, distribution: distribution,
                noncompliantSinceDateTime: failingForHours.map { now.addingTimeInterval(-$0 * hour) })
        }
        return [
            device("dev-adele-iphone", "usr-adele", "Adele's iPhone", .iOS, "18.1", "iPhone 15", "Apple", passcode: sixDigits),
            device("dev-adele-surface", "usr-adele", "ADELE-SURFACE", .windows, "10.0.22631", "Surface Laptop 6", "Microsoft",
                   encrypted: false, passcode: strong, failingForHours: 5 * 24, enrollment: .windowsAzureADJoin),
            device("dev-adele-mac", "usr-adele", "Adele's MacBook Air", .macOS, "15.1", "MacBook Air (M3)", "Apple",
                   passcode: short, failingForHours: 6),
            device("dev-adele-pixel", "usr-adele", "Pixel 8", .android, "15", "Pixel 8", "Google", owner: .personal,
                   enrolledDaysAgo: 1, syncedHoursAgo: 1, encrypted: nil, passcode: nil, threat: .unknown),
            device("dev-alex-linux", "usr-alex", "alex-thinkpad", .linux, "22.04", "ThinkPad X1 Carbon Gen 11", "Lenovo",
                   passcode: strong, distribution: LinuxDistribution(type: .ubuntu, version: "22.04"), agent: .intuneClient),
            device("dev-alex-ipad", "usr-alex", "Alex's iPad", .iPadOS, "16.7.10", "iPad (9th generation)", "Apple",
                   owner: .personal, passcode: sixDigits, failingForHours: 20),
            device("dev-alex-galaxy", "usr-alex", "Galaxy S23", .android, "14", "Galaxy S23", "Samsung", owner: .personal,
                   passcode: sixDigits, jailBroken: .yes, failingForHours: 30),
            device("dev-megan-dell", "usr-megan", "MEGAN-LATITUDE", .windows, "10.0.22631", "Latitude 7440", "Dell",
                   passcode: strong, enrollment: .windowsAzureADJoin),
            device("dev-megan-iphone", "usr-megan", "Megan's iPhone", .iOS, "17.6.1", "iPhone 13", "Apple",
                   syncedHoursAgo: 45 * 24, passcode: sixDigits),
            device("dev-lee-mac", "usr-lee", "lee-mbp", .macOS, "15.1", "MacBook Pro 14 (M3 Pro)", "Apple", passcode: strong),
            device("dev-lee-rhel", "usr-lee", "build-box-07", .linux, "8.10", "PowerEdge R650", "Dell",
                   passcode: strong, distribution: LinuxDistribution(type: .rhel, version: "8.10"), failingForHours: 10 * 24, agent: .intuneClient),
            device("dev-lee-win", "usr-lee", "LEE-DESKTOP", .windows, "10.0.26100", "OptiPlex 7010", "Dell",
                   enrolledDaysAgo: 0.1, syncedHoursAgo: nil, encrypted: nil, passcode: nil, enrollment: .windowsAzureADJoin),
            device("dev-zoe-iphone", "usr-zoe", "Zoë’s iPhone", .iOS, "18.1", "iPhone 16", "Apple", owner: .personal, passcode: sixDigits),
            device("dev-zoe-android", "usr-zoe", "Zoë’s Fairphone", .android, "14", "Fairphone 5", "Fairphone", passcode: sixDigits),
            device("dev-hanako-iphone", "usr-hanako", "花子のiPhone", .iOS, "18.1", "iPhone 15 Pro", "Apple",
                   passcode: PasscodeFacts(isSet: true, length: 4, digits: 4), failingForHours: 0.25),
            device("dev-hanako-win", "usr-hanako", "HANAKO-PC", .windows, "10.0.22631", "ThinkPad T14", "Lenovo",
                   passcode: strong, enrollment: .windowsAzureADJoin),
        ]
    }

    private static func assignments(for apps: [MobileApp]) -> [MobileAppAssignment] {
        apps.map { app in
            let (group, intent): (String, InstallIntent) =
                DemoCatalog.required.contains(app.displayName) ? ("grp-all", .required)
                : DemoCatalog.engineeringOnly.contains(app.displayName) ? ("grp-engineering", .available)
                : DemoCatalog.salesOnly.contains(app.displayName) ? ("grp-sales", .available)
                : ("grp-all", .available)
            return MobileAppAssignment(id: "asg-\(app.id.dropFirst(4))", appId: app.id, groupId: group, intent: intent)
        }
    }

    /// Required apps are installed where they run, with one failure and one
    /// pending install for the portal to explain.
    private static func installStates(tenant: Tenant, now: Date) -> [AppInstallState] {
        var states: [AppInstallState] = []
        let required = Set(tenant.mobileAppAssignments.filter { $0.intent == .required }.map(\.appId))
        for app in tenant.mobileApps where required.contains(app.id) {
            for device in tenant.managedDevices where app.platforms.contains(device.operatingSystem) && device.lastSyncDateTime != nil {
                let state: ResultantAppState =
                    device.id == "dev-adele-surface" && app.displayName == "Microsoft Defender" ? .failed
                    : device.id == "dev-adele-pixel" ? .pendingInstall : .installed
                var record = AppInstallState(appId: app.id, deviceId: device.id, installState: state, lastModifiedDateTime: now.addingTimeInterval(-3_600))
                // Intune's "not detected after installation" (0x87D1041C), as Graph's Int32 errorCode.
                if state == .failed { record.errorCode = -2_016_345_060 }
                states.append(record)
            }
        }
        let extras = [("app-slack", "dev-adele-mac"), ("app-visual-studio-code", "dev-alex-linux"), ("app-1password", "dev-lee-mac")]
        for (appId, deviceId) in extras {
            states.append(AppInstallState(appId: appId, deviceId: deviceId, installState: .installed, lastModifiedDateTime: now.addingTimeInterval(-86_400)))
        }
        return states
    }
}
