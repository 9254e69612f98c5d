import Foundation
import PortalCore
import PortalTestCluster
import Testing
@testable import PortalStore

/// The store contract: the portal's directory on the JSON file and on
/// PostgreSQL, made from the same demo organization, answers every read and
/// every change alike. Each test gets a file and a database of its own.
@Suite("Store contract on the file and the database")
struct StoreContractTests {
    let now = fixtureNow.addingTimeInterval(600)

    /// The same organization in both stores; nil when database tests are skipped.
    func both(_ tenant: Tenant? = nil) throws -> (file: ContractStore, database: ContractStore)? {
        let tenant = try tenant ?? contractDemo()
        guard let database = try ContractStore.make(.database, tenant), let file = try ContractStore.make(.file, tenant) else { return nil }
        return (file, database)
    }

    func reads(_ store: ContractStore, _ tenant: Tenant) throws -> ContractReads {
        try ContractReads.read(store.directory, userIds: tenant.users.map(\.id) + ["usr-nobody"],
                               principalNames: tenant.users.map(\.userPrincipalName) + ["nobody@contoso.com"])
    }

    @Test func everyReadIsTheSameOnBoth() throws {
        let tenant = try contractDemo()
        guard let (file, database) = try both(tenant) else { return }
        #expect(try database.directory.organization() == tenant.organization)
        #expect(try database.directory.accountCount() == tenant.users.count)
        #expect(try database.directory.users(principalNames: ["MEGAN.BOWEN@contoso.com", "nobody@contoso.com", "lee.gu@contoso.com"]).map(\.id)
                == ["usr-megan", "usr-lee"])
        let fileReads = try reads(file, tenant)
        let databaseReads = try reads(database, tenant)
        for user in tenant.users {
            let (fileRead, databaseRead) = (fileReads.perUser[user.id], databaseReads.perUser[user.id])
            #expect(fileRead == databaseRead, "\(user.id): \(differences(fileRead as Any, databaseRead as Any))")
        }
        #expect(fileReads == databaseReads)
        #expect(databaseReads.perUser["usr-nobody"]?.user == nil && databaseReads.perUser["usr-nobody"]?.portal == nil)
        #expect(databaseReads.perUser["usr-nobody"]?.catalog == nil)
    }

    /// The database signs in without the catalog: only the apps of the user's
    /// install records, completed later from `catalog(userId:)`.
    @Test func theDatabaseSignsInWithTheAppsOfTheInstallRecordsOnly() throws {
        let tenant = try contractDemo()
        guard let (file, database) = try both(tenant) else { return }
        for user in tenant.users {
            let full = try #require(try file.directory.portalData(userId: user.id))
            var partial = try #require(try database.directory.portalData(userId: user.id))
            #expect(full.catalogIsComplete)
            #expect(!partial.catalogIsComplete)
            let installed = Set(tenant.installStates(userId: user.id).map(\.appId))
            #expect(partial.catalog == full.catalog.filter { installed.contains($0.id) }, "\(user.id)")
            let catalog = try #require(try database.directory.catalog(userId: user.id))
            #expect(catalog == (try file.directory.catalog(userId: user.id)))
            partial.completeCatalog(catalog)
            #expect(PortalView(partial) == PortalView(full), "\(user.id): \(differences(PortalView(partial), PortalView(full)))")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func signInFactsOfKnownUnknownAndWrongCaseNames(_ backend: StoreBackend) throws {
        let tenant = try contractDemo()
        guard let store = try ContractStore.make(backend, tenant) else { return }
        let known = try store.directory.signInFacts(principalName: "megan.bowen@contoso.com")
        #expect(known.user?.id == "usr-megan" && known.lockout == nil)
        #expect(known.decoyIterations == PasswordHash.allowedIterations.lowerBound)
        #expect(try store.directory.signInFacts(principalName: "Megan.Bowen@CONTOSO.com") == known)
        let unknown = try store.directory.signInFacts(principalName: "nobody@contoso.com")
        #expect(unknown.user == nil && unknown.lockout == nil && unknown.decoyIterations == known.decoyIterations)
    }

    /// The organization's threshold of failures locks the name, known or
    /// not, in whatever case it is typed; the same on both.
    @Test func aLockoutFollowsTheThresholdOfFailuresOnBoth() throws {
        let tenant = try contractDemo()
        guard let (file, database) = try both(tenant) else { return }
        let threshold = tenant.organization.signIn.lockoutThreshold
        for name in ["lee.gu@contoso.com", "nobody@contoso.com"] {
            var outcomes: [StoreBackend: [Outcome]] = [:]
            for store in [file, database] {
                for attempt in 1...threshold {
                    // Every other one in upper case: the same account's failures.
                    let typed = attempt.isMultiple(of: 2) ? name.uppercased() : name
                    outcomes[store.backend, default: []].append(Outcome.of { try store.directory.perform(.signInFailed(principalName: typed), now: now) })
                }
                let facts = try store.directory.signInFacts(principalName: name)
                #expect(facts.lockout?.lockedUntil(now: now) != nil, "\(store.backend) \(name)")
                #expect(try store.directory.signInFacts(principalName: name.uppercased()).lockout == facts.lockout)
            }
            let fileOutcomes = try #require(outcomes[.file])
            #expect(fileOutcomes == outcomes[.database])
            #expect(fileOutcomes.dropLast().allSatisfy { $0 == Outcome(value: AccountChangeResult.signInFailed(lockedUntil: nil), failed: false) })
            #expect(fileOutcomes.last != Outcome(value: AccountChangeResult.signInFailed(lockedUntil: nil), failed: false))
            #expect(try file.directory.signInFacts(principalName: name) == database.directory.signInFacts(principalName: name))
        }
    }

    /// One change of each kind, in order, on both stores: the same result
    /// each time and the same reads after each.
    @Test func everyKindOfChangeGivesTheSameResultAndReadsOnBoth() throws {
        let tenant = try contractDemo()
        guard let (file, database) = try both(tenant) else { return }
        let changes = try Self.changes(tenant, now: now)
        for (name, change) in changes {
            let fileOutcome = Outcome.of { try change(file.directory) }
            let databaseOutcome = Outcome.of { try change(database.directory) }
            #expect(fileOutcome == databaseOutcome, "\(name): file \(fileOutcome), database \(databaseOutcome)")
            // Each goes through but the one past the device limit.
            #expect(fileOutcome.failed == (name == "enroll past the limit"), "\(name): \(fileOutcome)")
            if fileOutcome.failed { #expect(fileOutcome.value is EnrollmentChangeError && "\(fileOutcome)".contains("blocked")) }
            let (fileReads, databaseReads) = (try reads(file, tenant), try reads(database, tenant))
            #expect(fileReads == databaseReads, "reads after \(name): \(differences(fileReads, databaseReads))")
        }
        // And the whole stores are alike at the end, to the order of every
        // collection (accepting terms again moves the record to the end).
        let fileAll = try file.loadAll(), databaseAll = try database.loadAll()
        #expect(fileAll == databaseAll, "\(differences(fileAll, databaseAll))")
    }

    /// Changes that succeed in this order on the demo; the last enroll is refused at the device limit.
    static func changes(_ tenant: Tenant, now: Date) throws -> [(String, (any PortalDirectory) throws -> any Equatable)] {
        let secret = Base32.encode(Array("12345678901234567890".utf8))
        let method = MfaMethod(id: "mfa-megan-app", methodType: .softwareOath, displayName: "Megan's phone", secretKey: secret)
        func session(_ userId: String, _ deviceId: String) -> EnrollmentSession {
            let device = tenant.simulatedDevice(id: deviceId)!
            var session = EnrollmentSession(userId: userId, now: now)
            session.simulatedDeviceId = deviceId
            session.plannedSteps = EnrollmentFacts(user: tenant.user(id: userId)!, tenant: tenant).plan(for: device)
            session.ownership = .company
            session.termsAccepted = true
            session.categoryId = tenant.deviceCategories.first?.id
            session.profileInstalled = true
            session.deviceName = device.suggestedName
            session.passcodeDeferred = true
            session.managementActivated = true
            session.certificateName = "Contoso MDM"
            session.workAccountConnected = true
            session.step = session.steps[session.steps.count - 3]
            return session
        }
        // An install Megan may ask for, found on a copy.
        var scratch = tenant
        let (appId, deviceId) = try #require(tenant.catalog(userId: "usr-megan")?.lazy.flatMap { entry in
            tenant.managedDevices.filter { $0.userId == "usr-megan" }.map { (entry.id, $0.id) }
        }.first { appId, deviceId in
            (try? scratch.apply(.request(userId: "usr-megan", appId: appId, deviceId: deviceId, action: .install), now: now)) != nil
        })
        let adeleDevices = tenant.managedDevices.filter { $0.userId == "usr-adele" }
        let meganDevice = try #require(tenant.managedDevices.first { $0.userId == "usr-megan" })
        return [
            ("add a method", { try $0.perform(.addMethod(userId: "usr-megan", method: method, code: oathCode(secret: secret, at: now)), now: now) }),
            ("rename a method", { try $0.perform(.renameMethod(userId: "usr-lee", methodId: "mfa-lee-app", name: "Work phone"), now: now) }),
            ("set the preferred method", { try $0.perform(.setPreferredMethod(userId: "usr-megan", methodId: "mfa-megan-app"), now: now) }),
            ("remove a method", { try $0.perform(.removeMethod(userId: "usr-adele", methodId: "mfa-adele-token"), now: now) }),
            ("a wrong code", { try $0.perform(.useCode(userId: "usr-lee", methodId: "mfa-lee-app", code: "000000"), now: now) }),
            ("a failed sign-in", { try $0.perform(.signInFailed(principalName: "megan.bowen@contoso.com"), now: now) }),
            ("a failed sign-in of an unknown name", { try $0.perform(.signInFailed(principalName: "nobody@contoso.com"), now: now) }),
            ("a sign-in", { try $0.perform(.signedIn(principalName: "Megan.Bowen@contoso.com"), now: now) }),
            ("save an enrollment", { try $0.perform(.save(session("usr-megan", "sim-iphone-15")), now: now) }),
            ("cancel it", { try $0.perform(.cancel(userId: "usr-megan"), now: now) }),
            ("accept the terms", { try $0.perform(.acceptTerms(userId: "usr-megan", version: tenant.organization.termsAndConditions.version), now: now) }),
            ("save again", { try $0.perform(.save(session("usr-adele", "sim-pixel-7")), now: now) }),
            ("enroll up to the limit", { try $0.perform(.enroll(session("usr-adele", "sim-pixel-7")), now: now) }),
            ("enroll past the limit", { try $0.perform(.enroll(session("usr-adele", "sim-ipad-air")), now: now) }),
            ("mark a notification read", { try $0.perform(.markRead(userId: "usr-megan", notificationId: "ntf-contract"), now: now) }),
            ("mark all read", { try $0.perform(.markAllRead(userId: "usr-megan", notificationIds: ["ntf-a", "ntf-b"]), now: now) }),
            ("rename a device", { try $0.perform(.rename(userId: "usr-adele", deviceId: adeleDevices[0].id, name: "Adele's work phone"), now: now) }),
            ("check status", { try $0.perform(.checkStatus(userId: "usr-adele", deviceId: nil, host: nil), now: now) }),
            ("reset a device", { try $0.perform(.reset(userId: "usr-adele", deviceId: adeleDevices[1].id, typedName: adeleDevices[1].deviceName), now: now) }),
            ("remove a device", { try $0.perform(.remove(userId: "usr-adele", deviceId: adeleDevices[2].id), now: now) }),
            ("register an app", { try $0.perform(.register(userId: "usr-megan", simulatedDeviceId: "sim-iphone-15", appIdentifier: "com.microsoft.Office.Outlook"), now: now) }),
            ("register it again", { try $0.perform(.register(userId: "usr-megan", simulatedDeviceId: "sim-iphone-15", appIdentifier: "com.microsoft.Office.Outlook"), now: now.addingTimeInterval(60)) }),
            ("request an install", { try $0.perform(.request(userId: "usr-megan", appId: appId, deviceId: deviceId, action: .install), now: now) }),
            ("request it again", { try $0.perform(.request(userId: "usr-megan", appId: appId, deviceId: deviceId, action: .install), now: now) }),
            ("report progress", { try $0.perform(.report(userId: "usr-megan", [InstallReport(appId: appId, deviceId: deviceId, requestedDateTime: now, progressInSeconds: 5)]), now: now.addingTimeInterval(5)) }),
            ("report it done", { try $0.perform(.report(userId: "usr-megan", [InstallReport(appId: appId, deviceId: deviceId, requestedDateTime: now, progressInSeconds: 86_400)]), now: now.addingTimeInterval(86_400)) }),
            ("check status of one device", { try $0.perform(.checkStatus(userId: "usr-megan", deviceId: meganDevice.id, host: nil), now: now.addingTimeInterval(86_400)) }),
        ]
    }

    /// Changes the domain refuses: not the user's, an unknown user, a
    /// refused name. The same error on both, and nothing written on either.
    @Test func refusedChangesGiveTheSameErrorAndWriteNothing() throws {
        let tenant = try contractDemo()
        guard let (file, database) = try both(tenant) else { return }
        let adeleDevice = try #require(tenant.managedDevices.first { $0.userId == "usr-adele" })
        let refused: [(String, (any PortalDirectory) throws -> any Equatable)] = [
            ("another user's device", { try $0.perform(.rename(userId: "usr-megan", deviceId: adeleDevice.id, name: "Mine now"), now: now) }),
            ("an unknown device", { try $0.perform(.remove(userId: "usr-megan", deviceId: "dev-nobody"), now: now) }),
            ("a wrong reset name", { try $0.perform(.reset(userId: "usr-adele", deviceId: adeleDevice.id, typedName: "not it"), now: now) }),
            ("a bad device name", { try $0.perform(.rename(userId: "usr-adele", deviceId: adeleDevice.id, name: "evil\u{1B}[2J"), now: now) }),
            ("an unknown user's device change", { try $0.perform(.checkStatus(userId: "usr-nobody", deviceId: nil, host: nil), now: now) }),
            ("an unknown user's method", { try $0.perform(.renameMethod(userId: "usr-nobody", methodId: "mfa-lee-app", name: "x"), now: now) }),
            ("another user's method", { try $0.perform(.renameMethod(userId: "usr-megan", methodId: "mfa-lee-app", name: "Mine"), now: now) }),
            ("the last method while enforced", { try $0.perform(.removeMethod(userId: "usr-lee", methodId: "mfa-lee-app"), now: now) }),
            ("a sign-in of an unknown name", { try $0.perform(.signedIn(principalName: "nobody@contoso.com"), now: now) }),
            ("an unknown user's enrollment", { try $0.perform(.save(EnrollmentSession(userId: "usr-nobody", now: now)), now: now) }),
            ("an unknown user's notification", { try $0.perform(.markRead(userId: "usr-nobody", notificationId: "ntf-1"), now: now) }),
            ("a bad notification id", { try $0.perform(.markRead(userId: "usr-megan", notificationId: "evil\u{1B}"), now: now) }),
            ("an unknown user's registration", { try $0.perform(.register(userId: "usr-nobody", simulatedDeviceId: "sim-iphone-15", appIdentifier: "com.microsoft.Office.Outlook"), now: now) }),
            ("an unknown registration", { try $0.perform(.recheck(userId: "usr-megan", registrationId: "mar-nobody"), now: now) }),
            ("an install on another user's device", { try $0.perform(.request(userId: "usr-megan", appId: tenant.mobileApps[0].id, deviceId: adeleDevice.id, action: .install), now: now) }),
            ("an unknown app", { try $0.perform(.request(userId: "usr-adele", appId: "app-nobody", deviceId: adeleDevice.id, action: .install), now: now) }),
            ("an unknown user's install", { try $0.perform(.report(userId: "usr-nobody", []), now: now) }),
        ]
        let fileBefore = try file.loadAll(), databaseBefore = try database.loadAll()
        #expect(fileBefore == databaseBefore)
        for (name, change) in refused {
            let fileOutcome = Outcome.of { try change(file.directory) }
            let databaseOutcome = Outcome.of { try change(database.directory) }
            #expect(fileOutcome.failed, "\(name) was not refused: \(fileOutcome)")
            #expect(fileOutcome == databaseOutcome, "\(name): file \(fileOutcome), database \(databaseOutcome)")
            #expect(try file.loadAll() == fileBefore, "\(name) wrote to the file")
            #expect(try database.loadAll() == databaseBefore, "\(name) wrote to the database")
        }
    }
}
