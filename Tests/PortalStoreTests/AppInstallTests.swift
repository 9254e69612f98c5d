import Foundation
@testable import PortalCore
import Testing
@testable import PortalStore

/// Installs on the demo organization: the device agent's timing and queue,
/// each request's rules, and how a request ends (installed, failed, retried,
/// uninstalled), as the store applies them.
@Suite("App installs")
struct AppInstallTests {
    let adele = "usr-adele", mac = "dev-adele-mac", surface = "dev-adele-surface", iphone = "dev-adele-iphone"

    func app(_ id: String, in tenant: Tenant) throws -> MobileApp { try #require(tenant.mobileApps.first { $0.id == id }) }
    func record(_ appId: String, _ deviceId: String, in tenant: Tenant) -> AppInstallState? {
        tenant.appInstallStates.first { $0.appId == appId && $0.deviceId == deviceId }
    }

    func refusal(_ change: AppInstallChange, in tenant: Tenant) -> AppInstallChangeError? {
        var copy = tenant
        do {
            _ = try copy.apply(change, now: fixtureNow)
            return nil
        } catch {
            #expect(copy == tenant, "a refused change left something changed")
            return error
        }
    }

    /// Requests, then reports the whole of the request's work as done.
    func runToEnd(_ appId: String, on deviceId: String, action: InstallAction = .install, in tenant: inout Tenant, at now: Date) throws -> AppInstallState {
        _ = try tenant.apply(.request(userId: adele, appId: appId, deviceId: deviceId, action: action), now: now)
        let request = try #require(record(appId, deviceId, in: tenant)?.installRequest)
        let seconds = InstallSchedule.duration(action, try app(appId, in: tenant))
        let result = try tenant.apply(.report(userId: adele, [InstallReport(appId: appId, deviceId: deviceId, requestedDateTime: request.requestedDateTime,
                                                                            progressInSeconds: Int(seconds))]), now: now.addingTimeInterval(seconds))
        #expect(result.finished.count == 1)
        return try #require(record(appId, deviceId, in: tenant))
    }

    // MARK: - Timing

    @Test func aRequestWaitsDownloadsAndInstalls() throws {
        let zoom = try app("app-zoom-workplace", in: demoFixture())
        let download = InstallSchedule.downloadSeconds(zoom)
        #expect(download == (Double(zoom.sizeInBytes) / InstallSchedule.bytesPerSecond).rounded(.up))
        #expect(InstallSchedule.progress(.install, zoom, seconds: 0).phase == .pending)
        let halfway = InstallSchedule.progress(.install, zoom, seconds: InstallSchedule.pendingSeconds + download / 2)
        #expect(halfway.phase == .downloading)
        #expect(abs(halfway.fraction - 0.5) < 0.01)
        #expect(halfway.downloadedBytes == zoom.sizeInBytes / 2)
        let installing = InstallSchedule.progress(.install, zoom, seconds: InstallSchedule.pendingSeconds + download + 1)
        #expect(installing.phase == .installing && !installing.isComplete && installing.downloadedBytes == zoom.sizeInBytes)
        #expect(InstallSchedule.progress(.install, zoom, seconds: InstallSchedule.duration(.install, zoom)).isComplete)
        #expect(InstallSchedule.progress(.uninstall, zoom, seconds: 1).phase == .uninstalling)
    }

    @Test func aHugeAppStillDownloadsInMinutes() throws {
        var huge = try app("app-zoom-workplace", in: demoFixture())
        huge.sizeInBytes = 1 << 40
        #expect(InstallSchedule.downloadSeconds(huge) == InstallSchedule.longestDownload)
    }

    /// Time is handed out in order: one long tick and many short ones reach the same progress.
    @Test func ticksOfAnyLengthGiveTheSameProgress() throws {
        var tenant = demoFixture()
        for appId in ["app-zoom-workplace", "app-canva"] {
            _ = try tenant.apply(.request(userId: adele, appId: appId, deviceId: mac, action: .install), now: fixtureNow)
        }
        _ = try tenant.apply(.request(userId: adele, appId: "app-slack", deviceId: surface, action: .install), now: fixtureNow)
        let records = tenant.appInstallStates.filter { $0.installRequest != nil }
        let apps = { (id: String) in tenant.mobileApps.first { $0.id == id } }
        var oneStep = InstallAgent(), manySteps = InstallAgent()
        oneStep.advance(to: fixtureNow, records: records, apps: apps)
        oneStep.advance(to: fixtureNow.addingTimeInterval(25), records: records, apps: apps)
        manySteps.advance(to: fixtureNow, records: records, apps: apps)
        for tenth in stride(from: 3, through: 250, by: 7) {
            manySteps.advance(to: fixtureNow.addingTimeInterval(Double(min(tenth, 250)) / 10), records: records, apps: apps)
        }
        manySteps.advance(to: fixtureNow.addingTimeInterval(25), records: records, apps: apps)
        for record in records { #expect(abs(oneStep.seconds(record) - manySteps.seconds(record)) < 1e-9) }

        // One device works on one request at a time, oldest first; devices work side by side.
        let zoom = try #require(records.first { $0.appId == "app-zoom-workplace" })
        let canva = try #require(records.first { $0.appId == "app-canva" })
        let slack = try #require(records.first { $0.appId == "app-slack" })
        let zoomTotal = InstallSchedule.duration(.install, try app("app-zoom-workplace", in: tenant))
        #expect(oneStep.seconds(zoom) == min(25, zoomTotal))
        #expect(oneStep.seconds(canva) == max(0, 25 - zoomTotal))
        #expect(oneStep.seconds(slack) == min(25, InstallSchedule.duration(.install, try app("app-slack", in: tenant))))
        #expect(InstallAgent.queues(records)[mac]?.map(\.appId) == ["app-zoom-workplace", "app-canva"])
    }

    @Test func theAgentReportsCompletionsAndCheckpoints() throws {
        var tenant = demoFixture()
        _ = try tenant.apply(.request(userId: adele, appId: "app-zoom-workplace", deviceId: mac, action: .install), now: fixtureNow)
        let records = tenant.appInstallStates.filter { $0.installRequest != nil }
        let apps = { (id: String) in tenant.mobileApps.first { $0.id == id } }
        var agent = InstallAgent()
        agent.advance(to: fixtureNow, records: records, apps: apps)
        agent.advance(to: fixtureNow.addingTimeInterval(Double(InstallAgent.checkpointSeconds - 1)), records: records, apps: apps)
        #expect(agent.reports(records, apps: apps).isEmpty, "less than a checkpoint's work is not written")
        agent.advance(to: fixtureNow.addingTimeInterval(Double(InstallAgent.checkpointSeconds)), records: records, apps: apps)
        #expect(agent.reports(records, apps: apps).map(\.progressInSeconds) == [InstallAgent.checkpointSeconds])
    }

    // MARK: - Requests

    @Test func anInstallIsRecordedAsPending() throws {
        var tenant = demoFixture()
        let result = try tenant.apply(.request(userId: adele, appId: "app-zoom-workplace", deviceId: mac, action: .install), now: fixtureNow)
        let stored = try #require(record("app-zoom-workplace", mac, in: tenant))
        #expect(result.changed == [stored])
        #expect(stored.installState == .pendingInstall)
        #expect(stored.installRequest == InstallRequest(action: .install, requestedDateTime: fixtureNow))
        // Asked again while under way: nothing changes.
        var again = tenant
        let repeated = try again.apply(.request(userId: adele, appId: "app-zoom-workplace", deviceId: mac, action: .install), now: fixtureNow.addingTimeInterval(5))
        #expect(repeated.alreadyUnderWay)
        #expect(again == tenant)
    }

    @Test(arguments: [
        ("app-docker-desktop", "dev-adele-mac", AppInstallChangeError.notAvailable("Docker Desktop is not assigned to you. Ask IT support if you need it.")),
        ("app-7-zip", "dev-adele-mac", .notAvailable("7-Zip is not available for macOS; it runs on Windows.")),
        ("app-microsoft-whiteboard", "dev-alex-ipad", .notYours),
        ("app-nothing", "dev-adele-mac", .unknownApp),
    ])
    func refusedInstalls(appId: String, deviceId: String, error: AppInstallChangeError) {
        #expect(refusal(.request(userId: adele, appId: appId, deviceId: deviceId, action: .install), in: demoFixture()) == error)
    }

    @Test func anOlderOSIsToldWhatItNeeds() {
        let error = refusal(.request(userId: "usr-alex", appId: "app-microsoft-whiteboard", deviceId: "dev-alex-ipad", action: .install), in: demoFixture())
        guard case let .notAvailable(reason)? = error else { Issue.record("not refused: \(String(describing: error))"); return }
        #expect(reason.contains("needs iPadOS 17.0 or later"))
        #expect(reason.contains("has 16.7.10"))
    }

    @Test func aDeviceBeingRemovedTakesNoInstalls() throws {
        var tenant = demoFixture()
        _ = try tenant.apply(.remove(userId: adele, deviceId: iphone), now: fixtureNow)
        #expect(refusal(.request(userId: adele, appId: "app-zoom-workplace", deviceId: iphone, action: .install), in: tenant) == .notYours)
        var reset = demoFixture()
        let index = try #require(reset.managedDevices.firstIndex { $0.id == "dev-adele-mac" })
        reset.managedDevices[index].managementState = .wipePending
        guard case let .notAvailable(reason)? = refusal(.request(userId: adele, appId: "app-zoom-workplace", deviceId: mac, action: .install), in: reset) else {
            Issue.record("installed on a device being wiped"); return
        }
        #expect(reason.contains("Reset pending"))
    }

    // MARK: - Outcomes

    @Test func anInstallEndsInstalled() throws {
        var tenant = demoFixture()
        let done = try runToEnd("app-zoom-workplace", on: mac, in: &tenant, at: fixtureNow)
        #expect(done.installState == .installed)
        #expect(done.installRequest == nil && done.errorCode == nil && done.failedAttempts == nil)
    }

    @Test func aMarkedAppFailsAndRetrySucceedsWhenItFailsOnce() throws {
        var tenant = demoFixture()
        let failed = try runToEnd("app-adobe-acrobat-reader", on: mac, in: &tenant, at: fixtureNow)
        #expect(failed.installState == .failed)
        #expect(AppInstallError.hex(try #require(failed.errorCode)) == "0x80070070")
        #expect(failed.failedAttempts == 1)
        let retried = try runToEnd("app-adobe-acrobat-reader", on: mac, in: &tenant, at: fixtureNow.addingTimeInterval(600))
        #expect(retried.installState == .installed)
        #expect(retried.errorCode == nil && retried.failedAttempts == nil)
    }

    @Test func anAppMarkedToFailAlwaysFailsEveryRetry() throws {
        var tenant = demoFixture()
        for attempt in 1...3 {
            let failed = try runToEnd("app-webex", on: surface, in: &tenant, at: fixtureNow.addingTimeInterval(Double(attempt) * 600))
            #expect(failed.installState == .failed)
            #expect(AppInstallError.hex(try #require(failed.errorCode)) == "0x80070643")
            #expect(failed.failedAttempts == attempt)
        }
        // The same app on another platform installs.
        #expect(try runToEnd("app-webex", on: mac, in: &tenant, at: fixtureNow).installState == .installed)
    }

    @Test func uninstallRemovesAnAvailableAppAndRefusesARequiredOne() throws {
        var tenant = demoFixture()
        #expect(try runToEnd("app-slack", on: mac, action: .uninstall, in: &tenant, at: fixtureNow).installState == .notInstalled)
        #expect(refusal(.request(userId: adele, appId: "app-slack", deviceId: mac, action: .uninstall), in: tenant)
            == .notOffered("Slack is not installed on Adele's MacBook Air."))
        #expect(refusal(.request(userId: adele, appId: "app-microsoft-outlook", deviceId: mac, action: .uninstall), in: tenant)
            == .notOffered("Microsoft Outlook is required by your organization: it installs automatically and can't be uninstalled."))
        // A required app can be installed again (Retry on a failure).
        #expect(try runToEnd("app-microsoft-defender", on: surface, in: &tenant, at: fixtureNow).installState == .installed)
    }

    @Test func aReportKeepsTheFurthestProgressAndIgnoresAnEndedRequest() throws {
        var tenant = demoFixture()
        _ = try tenant.apply(.request(userId: adele, appId: "app-zoom-workplace", deviceId: mac, action: .install), now: fixtureNow)
        let report = { (seconds: Int, at: Date) in
            InstallReport(appId: "app-zoom-workplace", deviceId: self.mac, requestedDateTime: at, progressInSeconds: seconds)
        }
        _ = try tenant.apply(.report(userId: adele, [report(10, fixtureNow)]), now: fixtureNow)
        _ = try tenant.apply(.report(userId: adele, [report(5, fixtureNow)]), now: fixtureNow)
        #expect(record("app-zoom-workplace", mac, in: tenant)?.installRequest?.progressInSeconds == 10)
        let before = tenant
        let stale = try tenant.apply(.report(userId: adele, [report(999, fixtureNow.addingTimeInterval(-60))]), now: fixtureNow)
        #expect(stale.changed == before.appInstallStates.filter { $0.appId == "app-zoom-workplace" && $0.deviceId == mac },
                "the record goes back as stored, so the portal stops reporting an ended request")
        #expect(stale.finished.isEmpty)
        #expect(tenant == before)
    }

    /// The file keeps whole seconds: a request asked at 09:00:00.7 is the one
    /// a report names after the record was read back from the file.
    @Test func aRequestIsNamedByTheTimeTheStoreKeeps() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("portal.json")
        try StoreCodec.encode(demoFixture()).write(to: url)
        let directory = try JSONDirectory(store: JSONStore(url: url))
        let asked = fixtureNow.addingTimeInterval(0.7)
        let recorded = try directory.perform(.request(userId: adele, appId: "app-zoom-workplace", deviceId: mac, action: .install), now: asked)
        let request = try #require(recorded.changed.first?.installRequest)
        #expect(request.requestedDateTime == fixtureNow)
        let reread = try #require(try JSONDirectory(store: JSONStore(url: url)).portalData(userId: adele)?.installs.record(appId: "app-zoom-workplace", deviceId: mac))
        #expect(reread.installRequest == request)
        let reported = try directory.perform(.report(userId: adele, [InstallReport(appId: "app-zoom-workplace", deviceId: mac,
                                                                                    requestedDateTime: asked, progressInSeconds: 6)]), now: asked.addingTimeInterval(6))
        #expect(reported.changed.first?.installRequest?.progressInSeconds == 6)
    }

    /// The store keeps each request's progress: a portal started again
    /// continues from the checkpoint, not from the start.
    @Test func progressSurvivesARestartOfTheStore() throws {
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("portal.json")
        try StoreCodec.encode(demoFixture()).write(to: url)
        let first = try JSONDirectory(store: JSONStore(url: url))
        _ = try first.perform(.request(userId: adele, appId: "app-zoom-workplace", deviceId: mac, action: .install), now: fixtureNow)
        _ = try first.perform(.report(userId: adele, [InstallReport(appId: "app-zoom-workplace", deviceId: mac, requestedDateTime: fixtureNow,
                                                                     progressInSeconds: 12)]), now: fixtureNow.addingTimeInterval(12))
        let again = try JSONDirectory(store: JSONStore(url: url))
        let data = try #require(try again.portalData(userId: adele))
        let stored = try #require(data.installs.record(appId: "app-zoom-workplace", deviceId: mac))
        #expect(stored.installRequest?.progressInSeconds == 12)
        #expect(data.installs.underWay == [stored])
        var agent = InstallAgent()
        #expect(agent.seconds(stored) == 12)
        let apps = { (id: String) in data.app(id: id) }
        agent.advance(to: fixtureNow.addingTimeInterval(3_600), records: data.installs.underWay, apps: apps)
        agent.advance(to: fixtureNow.addingTimeInterval(3_601), records: data.installs.underWay, apps: apps)
        #expect(agent.seconds(stored) == 13, "the time the portal was closed does not count")
    }
}
