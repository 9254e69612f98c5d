import Foundation

/// One request: a new request for the same app and device is a new key.
public struct InstallKey: Hashable, Sendable {
    public var appId: String
    public var deviceId: String
    public var requestedDateTime: Date

    public init(_ record: AppInstallState, _ request: InstallRequest) {
        appId = record.appId
        deviceId = record.deviceId
        requestedDateTime = request.requestedDateTime
    }
}

/// How far this portal has taken a request, to be written to the store.
public struct InstallReport: Equatable, Sendable {
    public var appId: String
    public var deviceId: String
    /// Which request: a report on a request that has since ended is ignored.
    public var requestedDateTime: Date
    public var progressInSeconds: Int

    public init(appId: String, deviceId: String, requestedDateTime: Date, progressInSeconds: Int) {
        self.appId = appId
        self.deviceId = deviceId
        self.requestedDateTime = requestedDateTime
        self.progressInSeconds = progressInSeconds
    }
}

/// The device agent as the portal simulates it while it runs: each device
/// works through its requests one at a time, oldest first, on the injected
/// clock. Time is handed out in order, so ticks of any length give the same
/// progress. The store keeps a checkpoint of each request; a portal started
/// again continues from it.
public struct InstallAgent: Equatable, Sendable {
    /// Seconds of work done per request, as far as this portal ran it.
    private var done: [InstallKey: Double] = [:]
    /// The clock's reading up to which work was handed out; nil until the first advance.
    private var clockedUntil: Date?
    /// Progress is written after this much new work, and when a request completes.
    public static let checkpointSeconds = 5

    public init() {}

    /// Seconds of work done on the request: this portal's or the store's checkpoint, whichever is further.
    public func seconds(_ record: AppInstallState) -> Double {
        guard let request = record.installRequest else { return 0 }
        return max(done[InstallKey(record, request)] ?? 0, Double(request.progressInSeconds))
    }

    /// Where the request stands; queued while another on the device goes first.
    public func progress(_ record: AppInstallState, app: MobileApp, isQueued: Bool) -> InstallProgress? {
        guard let request = record.installRequest else { return nil }
        if isQueued { return InstallProgress(phase: .queued, fraction: 0, downloadedBytes: 0, isComplete: false) }
        return InstallSchedule.progress(request.action, app, seconds: seconds(record))
    }

    /// The requests of each device in the order the agent takes them: by
    /// the time they were asked, and asked at the same moment, in the
    /// order given (the store's).
    public static func queues(_ records: [AppInstallState]) -> [String: [AppInstallState]] {
        var queues: [String: [(offset: Int, record: AppInstallState)]] = [:]
        for (offset, record) in records.enumerated() where record.installRequest != nil {
            queues[record.deviceId, default: []].append((offset, record))
        }
        return queues.mapValues { queue in
            queue.sorted {
                ($0.record.installRequest!.requestedDateTime, $0.offset) < ($1.record.installRequest!.requestedDateTime, $1.offset)
            }.map(\.record)
        }
    }

    /// Hands the time since the last advance to each device's requests in turn.
    public mutating func advance(to now: Date, records: [AppInstallState], apps: (String) -> MobileApp?) {
        // With nothing to do the clock stops, so an idle portal's state stays
        // equal tick after tick; the next request starts it.
        guard !records.isEmpty else {
            clockedUntil = nil
            done = [:]
            return
        }
        defer { clockedUntil = now }
        guard let since = clockedUntil else { return }
        let elapsed = now.timeIntervalSince(since)
        guard elapsed > 0 else { return }
        for queue in Self.queues(records).values {
            var remaining = elapsed
            for record in queue {
                guard remaining > 0, let request = record.installRequest, let app = apps(record.appId) else { break }
                let total = InstallSchedule.duration(request.action, app)
                let worked = seconds(record)
                let taken = min(remaining, max(0, total - worked))
                done[InstallKey(record, request)] = worked + taken
                remaining -= taken
            }
        }
        // Requests that ended are forgotten, so a long session holds only those under way.
        let current = Set(records.compactMap { record in record.installRequest.map { InstallKey(record, $0) } })
        done = done.filter { current.contains($0.key) }
    }

    /// What to write now: requests that completed, and those that moved on
    /// `every` seconds (a checkpoint) since the store's last.
    public func reports(_ records: [AppInstallState], apps: (String) -> MobileApp?, every: Int = checkpointSeconds) -> [InstallReport] {
        records.compactMap { record in
            guard let request = record.installRequest, let app = apps(record.appId) else { return nil }
            let total = InstallSchedule.duration(request.action, app)
            let worked = Int(min(seconds(record), total).rounded(.down))
            let complete = Double(worked) >= total
            guard complete || worked - request.progressInSeconds >= every else { return nil }
            return InstallReport(appId: record.appId, deviceId: record.deviceId, requestedDateTime: request.requestedDateTime,
                                 progressInSeconds: worked)
        }
    }

    /// Whether any request is under way: the portal's clock then ticks often.
    public static func isWorking(_ records: [AppInstallState]) -> Bool {
        records.contains { $0.installRequest != nil }
    }
}
