import Foundation

/// What a replay shows as it goes, for whoever turns it into something to
/// look at (a cast, pictures). The runner sends these only when asked to.
public enum ScriptEvent {
    /// The replay began: its script, the first screen at the script's clock,
    /// and the organization's theme color (`#rrggbb`, for the `brand` role).
    case started(ScreenScript, screen: CellBuffer, at: Date, brandColor: String)
    /// The screen after one input event (a key, a click, a resize, a wait,
    /// a restart), at the virtual clock's time.
    case input(CellBuffer, at: Date)
    /// A `snapshot LABEL` step and the screen it looked at.
    case snapshot(label: String, CellBuffer)
    /// The replay ended, passed or not.
    case finished(ScriptRunner.Outcome)
}
