import Foundation
import PortalCore

/// A made-up organization of any size, for measuring the portal at scale.
/// The same size, seed and `now` always give the same tenant, byte for byte.
public enum SyntheticOrganization {
    public static let organizationId = "org-fabrikam-synthetic"
    /// Every synthetic user signs in with this password: hashing each user's
    /// own at 100,000+ rounds would take hours for a large organization.
    public static let password = "Fabrikam-Bench-1"

    /// How big an organization to make.
    public struct Size: Equatable, Sendable {
        public var users: Int
        public var devices: Int
        public var apps: Int

        public init(users: Int, devices: Int, apps: Int) {
            self.users = users
            self.devices = devices
            self.apps = apps
        }

        /// Parses "users=U,devices=D,apps=A" (any order, each exactly once);
        /// otherwise a failure that says what is wrong.
        public static func parse(_ spec: String) -> Result<Size, SpecError> {
            var values: [String: Int] = [:]
            for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
                let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard pair.count == 2 else { return .failure(SpecError("'\(part)' is not NAME=COUNT")) }
                let name = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
                guard ["users", "devices", "apps"].contains(name) else { return .failure(SpecError("unknown name '\(pair[0])'")) }
                guard values[name] == nil else { return .failure(SpecError("'\(name)' given twice")) }
                // At least one user: someone must be able to sign in.
                let lowest = name == "users" ? 1 : 0
                guard let count = Int(pair[1].trimmingCharacters(in: .whitespaces)), (lowest...maximum).contains(count) else {
                    return .failure(SpecError("\(name) must be a whole number from \(lowest) to \(maximum)"))
                }
                values[name] = count
            }
            guard let users = values["users"], let devices = values["devices"], let apps = values["apps"] else {
                return .failure(SpecError("give all of users, devices and apps"))
            }
            return .success(Size(users: users, devices: devices, apps: apps))
        }

        /// Keeps a typo from filling the disk.
        public static let maximum = 1_000_000
    }

    public struct SpecError: Error, Equatable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = "bad --synthetic spec: \(description) (expected users=U,devices=D,apps=A)" }
    }

    /// The user given the most devices: benchmarks measure screens for them.
    public static let busiestUserId = "usr-00000"

    /// - Parameters:
    ///   - seed: picks every spread (platforms, states, owners); salts come from it too.
    ///   - iterations: PBKDF2 rounds of the one shared password hash.
    public static func make(_ size: Size, seed: UInt64, now: Date,
                            iterations: Int = PasswordHash.recommendedIterations) -> Tenant {
        var random = SeededGenerator(seed: seed)
        let day = 86_400.0
        let groups = [
            Group(id: "grp-all", displayName: "All employees"),
            Group(id: "grp-sales", displayName: "Sales"),
            Group(id: "grp-engineering", displayName: "Engineering"),
            Group(id: "grp-finance", displayName: "Finance"),
            Group(id: "grp-linux", displayName: "Linux workstations"),
        ]
        // Hashed once, shared by everyone: see `password`.
        let hash = PasswordHash.make(password: password, iterations: iterations,
                                     random: SeededRandomSource(seed: random.next()))
        let users = (0..<size.users).map { index in
            makeUser(index: index, hash: hash, random: &random)
        }

        let apps = makeApps(count: size.apps, now: now)
        let devices = makeDevices(count: size.devices, users: users, now: now, random: &random)
        var tenant = Tenant(
            organization: organization(now: now, day: day), groups: groups, users: users, managedDevices: [],
            compliancePolicies: DemoOrganization.compliancePolicies(), mobileAppCategories: DemoCatalog.categories,
            mobileApps: apps, mobileAppAssignments: assignments(for: apps, random: &random), appInstallStates: [])
        // Store what the evaluator decides now, as a device's last check would have.
        let owners = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0) })
        tenant.managedDevices = devices.map { device in
            guard let owner = owners[device.userId] else { return device }
            var checked = device
            let evaluation = tenant.evaluate(device, for: owner, now: now)
            checked.complianceState = evaluation.state
            checked.complianceGracePeriodExpirationDateTime = evaluation.graceDeadline
            return checked
        }
        tenant.appInstallStates = installStates(tenant: tenant, now: now, random: &random)
        DemoAccess.add(to: &tenant)
        return tenant
    }

    private static let givenNames = ["Ada", "Bruno", "Chloé", "Dmitri", "Eun-ji", "Farah", "Gustav", "Hiroshi", "Ines",
                                     "Jamal", "Katarzyna", "Lars", "Mei", "Nnamdi", "Olga", "Priya", "Quentin", "Rosa",
                                     "Søren", "Tariq", "Ulla", "Valentina", "Wen", "Ximena", "Yusuf", "Zanele"]
    private static let familyNames = ["Abbott", "Bergström", "Castillo", "Dubois", "Eriksen", "Fischer", "García",
                                      "Haddad", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura",
                                      "Okafor", "Petrov", "Quinn", "Rossi", "Schmidt", "Tanaka", "Usman", "Varga",
                                      "Wójcik", "Xu", "Yilmaz", "Zimmermann"]

    private static func makeUser(index: Int, hash: PasswordHash, random: inout SeededGenerator) -> User {
        let given = givenNames[index % givenNames.count]
        let family = familyNames[(index / givenNames.count) % familyNames.count]
        let department = ["grp-sales", "grp-engineering", "grp-finance"][Int(random.next() % 3)]
        var groups = ["grp-all", department]
        if department == "grp-engineering", random.next() % 3 == 0 { groups.append("grp-linux") }
        let mfa: [MfaMethod] = random.next() % 4 == 0 ? [] :
            [MfaMethod(id: String(format: "mfa-%05d", index), methodType: .microsoftAuthenticator, displayName: "Phone")]
        let ascii = "\(given).\(family)".lowercased().applyingTransform(.stripDiacritics, reverse: false) ?? "user"
        var user = User(id: String(format: "usr-%05d", index),
                        userPrincipalName: "\(ascii).\(index)@fabrikam.example".replacingOccurrences(of: "ø", with: "o"),
                        displayName: "\(given) \(family)", groups: groups, mfaMethods: mfa, password: hash)
        user.givenName = given
        return user
    }

    private static func organization(now: Date, day: Double) -> Organization {
        Organization(
            id: organizationId, displayName: "Fabrikam (synthetic)", themeColor: "#2e7d32",
            support: SupportContact(contactName: "Fabrikam Service Desk", phoneNumber: "+1 555 0100",
                                    emailAddress: "servicedesk@fabrikam.example", websiteName: "Service desk",
                                    websiteUrl: "https://servicedesk.fabrikam.example",
                                    additionalInformation: "A synthetic organization for benchmarks."),
            privacyStatementUrl: "https://fabrikam.example/privacy",
            termsAndConditions: TermsAndConditions(title: "Fabrikam acceptable use", summary: "Company data for company work.",
                                                   bodyText: "Keep company data in managed apps.", version: 1),
            notifications: [
                OrganizationNotification(id: "note-welcome", title: "Welcome to the Fabrikam portal",
                                         body: "Check your devices' compliance here.", createdDateTime: now.addingTimeInterval(-3 * day)),
                OrganizationNotification(id: "note-linux", title: "Linux workstations: RHEL 9 only",
                                         body: "Plan the upgrade with IT.", createdDateTime: now.addingTimeInterval(-day),
                                         audienceGroupIds: ["grp-linux"]),
            ],
            complianceValidityPeriodDays: 30)
    }

    /// The demo catalog, repeated with numbered names until there are `count` apps.
    private static func makeApps(count: Int, now: Date) -> [MobileApp] {
        let base = DemoCatalog.apps(now: now)
        return (0..<count).map { index in
            var app = base[index % base.count]
            let round = index / base.count
            if round > 0 {
                app.id += "-\(round)"
                app.displayName += " \(round + 1)"
            }
            return app
        }
    }

    private struct Model {
        let platform: DevicePlatform
        let versions: [String]
        let model: String
        let maker: String
    }

    private static let models: [Model] = [
        Model(platform: .iOS, versions: ["16.7.10", "17.6.1", "18.1"], model: "iPhone 15", maker: "Apple"),
        Model(platform: .iPadOS, versions: ["16.7.10", "17.7", "18.1"], model: "iPad Air", maker: "Apple"),
        Model(platform: .android, versions: ["11", "13", "14", "15"], model: "Pixel 8", maker: "Google"),
        Model(platform: .android, versions: ["12", "14"], model: "Galaxy S23", maker: "Samsung"),
        Model(platform: .windows, versions: ["10.0.19044", "10.0.22631", "10.0.26100"], model: "Latitude 7440", maker: "Dell"),
        Model(platform: .windows, versions: ["10.0.22631"], model: "Surface Laptop 6", maker: "Microsoft"),
        Model(platform: .macOS, versions: ["13.6", "14.7", "15.1"], model: "MacBook Air (M3)", maker: "Apple"),
        Model(platform: .linux, versions: ["22.04", "24.04"], model: "ThinkPad X1 Carbon", maker: "Lenovo"),
        Model(platform: .linux, versions: ["8.10", "9.4"], model: "PowerEdge R650", maker: "Dell"),
    ]

    /// The first user holds a tenth of the devices (at most 1,000), as a
    /// lab administrator would; the rest are spread at random.
    private static func makeDevices(count: Int, users: [User], now: Date, random: inout SeededGenerator) -> [ManagedDevice] {
        let busiest = count >= users.count ? min(1_000, max(1, count / 10)) : 0
        let strong = PasscodeFacts(isSet: true, length: 14, digits: 3, lowercase: 8, uppercase: 2, symbols: 1)
        let sixDigits = PasscodeFacts(isSet: true, length: 6, digits: 6)
        let short = PasscodeFacts(isSet: true, length: 4, digits: 4)
        return (0..<count).map { index in
            let user = index < busiest ? users[0] : users[Int(random.next() % UInt64(users.count))]
            let kind = models[Int(random.next() % UInt64(models.count))]
            let version = kind.versions[Int(random.next() % UInt64(kind.versions.count))]
            let roll = random.next() % 100
            let owner: ManagedDeviceOwnerType = roll < 70 ? .company : .personal
            let passcode: PasscodeFacts? = roll < 5 ? nil : roll < 15 ? short : kind.platform == .iOS || kind.platform == .android ? sixDigits : strong
            let synced = random.next() % 20 == 0 ? nil : now.addingTimeInterval(-Double(random.next() % (40 * 86_400)))
            let failing = random.next() % 6 == 0 ? now.addingTimeInterval(-Double(random.next() % (10 * 86_400))) : nil
            let isPhone = kind.platform == .iOS || kind.platform == .android
            let distribution = kind.platform == .linux ? LinuxDistribution(type: version.hasPrefix("2") ? .ubuntu : .rhel, version: version) : nil
            return ManagedDevice(
                id: String(format: "dev-%06d", index), userId: user.id, userPrincipalName: user.userPrincipalName,
                deviceName: "\(user.givenName ?? "User")'s \(kind.model) \(index)", managedDeviceOwnerType: owner,
                enrolledDateTime: now.addingTimeInterval(-Double(50 + random.next() % 700) * 86_400), lastSyncDateTime: synced,
                operatingSystem: kind.platform, osVersion: version,
                jailBroken: random.next() % 50 == 0 ? .yes : .no,
                managementAgent: kind.platform == .linux ? .intuneClient : .mdm,
                deviceEnrollmentType: kind.platform == .windows ? .windowsAzureADJoin : .userEnrollment,
                deviceCategoryDisplayName: owner == .company ? "Corporate" : "Personal",
                isEncrypted: random.next() % 10 == 0 ? false : true,
                isSupervised: owner == .company && (kind.platform == .iOS || kind.platform == .iPadOS),
                model: kind.model, manufacturer: kind.maker, serialNumber: String(format: "FBK%08d", index),
                imei: isPhone ? String(format: "35%013d", index) : "",
                partnerReportedThreatState: [.secured, .secured, .secured, .lowSeverity, .mediumSeverity, .unknown][Int(random.next() % 6)],
                passcode: passcode, distribution: distribution, noncompliantSinceDateTime: failing)
        }
    }

    private static func assignments(for apps: [MobileApp], random: inout SeededGenerator) -> [MobileAppAssignment] {
        apps.map { app in
            let roll = random.next() % 100
            let (group, intent): (String, InstallIntent) =
                roll < 5 ? ("grp-all", .required)
                : roll < 20 ? ("grp-engineering", .available)
                : roll < 30 ? ("grp-sales", .available)
                : roll < 35 ? ("grp-finance", .available)
                : ("grp-all", .available)
            return MobileAppAssignment(id: "asg-\(app.id.dropFirst(4))", appId: app.id, groupId: group, intent: intent)
        }
    }

    /// Up to three required apps per synced device, in every install state.
    private static func installStates(tenant: Tenant, now: Date, random: inout SeededGenerator) -> [AppInstallState] {
        let required = Set(tenant.mobileAppAssignments.filter { $0.intent == .required }.map(\.appId))
        let requiredApps = tenant.mobileApps.filter { required.contains($0.id) }
        guard !requiredApps.isEmpty else { return [] }
        let states: [ResultantAppState] = [.installed, .installed, .installed, .installed, .installed, .installed,
                                           .failed, .pendingInstall, .notInstalled, .unknown]
        var result: [AppInstallState] = []
        for device in tenant.managedDevices where device.lastSyncDateTime != nil {
            let runnable = requiredApps.filter { $0.platforms.contains(device.operatingSystem) }
            guard !runnable.isEmpty else { continue }
            let first = Int(random.next() % UInt64(runnable.count))
            for offset in 0..<min(3, runnable.count) {
                let app = runnable[(first + offset) % runnable.count]
                result.append(AppInstallState(appId: app.id, deviceId: device.id,
                                              installState: states[Int(random.next() % UInt64(states.count))],
                                              lastModifiedDateTime: now.addingTimeInterval(-Double(random.next() % 864_000))))
            }
        }
        return result
    }
}
