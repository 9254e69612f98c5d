import Foundation

/// What the user asked the device agent to do with an app.
public enum InstallAction: String, GraphEnum {
    case install, uninstall
}

/// An install or uninstall asked for and not finished: the device agent
/// works through it, and how far it got is kept so that it continues where
/// it was after the portal starts again.
public struct InstallRequest: Codable, Sendable, Equatable {
    public var action: InstallAction
    public var requestedDateTime: Date
    /// Whole seconds of the agent's work done so far (see InstallSchedule):
    /// the store keeps numbers whole.
    public var progressInSeconds: Int

    public init(action: InstallAction, requestedDateTime: Date, progressInSeconds: Int = 0) {
        self.action = action
        self.requestedDateTime = requestedDateTime
        self.progressInSeconds = progressInSeconds
    }

    /// The store keeps times to the second: a request is stamped so, and
    /// the portal's reports name it by the time read back.
    public static func storedTime(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    /// Whether a report names this request; tolerant of a time kept with its fraction.
    public func isSame(as requested: Date) -> Bool {
        Self.storedTime(requestedDateTime) == Self.storedTime(requested)
    }
}

/// The organization's way to show the failure path: installs of the app on
/// the platform fail with the error code, on every attempt or on the first
/// `attempts` (so that Retry can succeed).
public struct SimulatedInstallFailure: Codable, Sendable, Equatable {
    public var platform: DevicePlatform
    /// Graph's errorCode (an HRESULT as a signed 32-bit number).
    public var errorCode: Int
    public var attempts: Int?

    public init(platform: DevicePlatform, errorCode: Int, attempts: Int? = nil) {
        self.platform = platform
        self.errorCode = errorCode
        self.attempts = attempts
    }
}
