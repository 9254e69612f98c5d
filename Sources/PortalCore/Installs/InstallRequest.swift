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
    /// Seconds of the agent's work done so far (see InstallSchedule).
    public var progressInSeconds: Double

    public init(action: InstallAction, requestedDateTime: Date, progressInSeconds: Double = 0) {
        self.action = action
        self.requestedDateTime = requestedDateTime
        self.progressInSeconds = progressInSeconds
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
