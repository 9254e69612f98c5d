import Foundation

/// Where an install or uninstall is, as the Company Portal shows it.
public enum InstallPhase: Equatable, Sendable {
    /// Waiting behind another app on the same device.
    case queued
    /// Asked for; the device has not picked it up yet.
    case pending
    case downloading
    case installing
    case uninstalling

    public var label: String {
        switch self {
        case .queued: "Queued"
        case .pending: "Pending"
        case .downloading: "Downloading"
        case .installing: "Installing"
        case .uninstalling: "Uninstalling"
        }
    }
}

/// How far a request is: the phase, how much of that phase is done, and the
/// bytes downloaded.
public struct InstallProgress: Equatable, Sendable {
    public var phase: InstallPhase
    /// 0...1 of the phase.
    public var fraction: Double
    public var downloadedBytes: Int
    /// The work is done; the outcome is being written.
    public var isComplete: Bool
}

/// The simulated device agent's timing: a request waits for the device to
/// pick it up, downloads at a steady rate and installs. Durations are in the
/// clock's seconds, so tests and screen scripts see the same steps at the
/// same moments.
public enum InstallSchedule {
    public static let pendingSeconds = 3.0
    public static let bytesPerSecond = 20.0 * 1_048_576
    public static let installingSeconds = 4.0
    public static let uninstallSeconds = 3.0
    /// A very large app still finishes in a demo's time.
    public static let longestDownload = 120.0

    public static func downloadSeconds(_ app: MobileApp) -> Double {
        min(longestDownload, max(1, (Double(app.sizeInBytes) / bytesPerSecond).rounded(.up)))
    }

    /// The whole request's seconds of work.
    public static func duration(_ action: InstallAction, _ app: MobileApp) -> Double {
        switch action {
        case .install: pendingSeconds + downloadSeconds(app) + installingSeconds
        case .uninstall: uninstallSeconds
        }
    }

    /// Where a request is after `seconds` of work.
    public static func progress(_ action: InstallAction, _ app: MobileApp, seconds: Double) -> InstallProgress {
        let seconds = max(0, seconds)
        switch action {
        case .uninstall:
            return InstallProgress(phase: .uninstalling, fraction: min(1, seconds / uninstallSeconds), downloadedBytes: 0,
                                   isComplete: seconds >= uninstallSeconds)
        case .install:
            let download = downloadSeconds(app)
            if seconds < pendingSeconds {
                return InstallProgress(phase: .pending, fraction: seconds / pendingSeconds, downloadedBytes: 0, isComplete: false)
            }
            if seconds < pendingSeconds + download {
                let fraction = (seconds - pendingSeconds) / download
                return InstallProgress(phase: .downloading, fraction: fraction,
                                       downloadedBytes: Int(Double(app.sizeInBytes) * fraction), isComplete: false)
            }
            let installing = seconds - pendingSeconds - download
            return InstallProgress(phase: .installing, fraction: min(1, installing / installingSeconds),
                                   downloadedBytes: app.sizeInBytes, isComplete: installing >= installingSeconds)
        }
    }
}
