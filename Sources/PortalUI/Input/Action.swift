import Foundation

/// Something a user can do. Keys are bound to actions per screen, so the
/// update functions, the help overlay and the hint bar read one table and
/// cannot drift apart; a keymap file can later rebind them without code.
public enum Action: String, CaseIterable, Sendable {
    case moveUp, moveDown, pageUp, pageDown, first, last
    case nextSection, previousSection, goHome, goDevices, goApps, goSecurity, goSupport
    case addMethod, activateToken, renameMethod, setDefaultMethod, removeMethod, changePassword
    case open, back
    case nextField, previousField, submit, editText
    case help, closeHelp, quit, quitNow, signOut, redraw, suspend
    case confirm, cancel, choose, switchChoice
    /// Sign-in: ask for a code from the next of the user's methods.
    case otherMethod
    /// Home: start the enrollment walkthrough.
    case enrollDevice
    /// Devices: the list's order and filters.
    case sortDevices, filterPlatform, filterState, clearFilters
    case searchApps, chooseAppDevice, nextCategory, sortApps, filterAvailability, filterInstallState, clearSearch
    /// Device detail: choose the next or previous setting to resolve.
    case nextSetting, previousSetting
    /// Enrollment: steps and what each one asks.
    case nextStep, previousStep, cancelEnrollment, accept, decline, install, activate, setLater, encrypt
    /// Notifications: the section, and marking read.
    case goNotifications, markRead, markAllRead
    /// Home: use work apps on a personal device without enrolling it.
    case useWorkApps
    /// App protection: run the device health check again.
    case recheck
    /// App protection: the user removed the threat the threat-defense app found.
    case removeThreat
    /// A device's detail and Devices: Check status, Rename, Remove, Reset.
    case checkStatus, checkAllDevices, renameDevice, removeDevice, resetDevice
    /// Help & support: write a diagnostic report for the help desk.
    case saveDiagnostics
    /// Apps: install (reinstall, retry) or uninstall the open app on the chosen device.
    case installApp, uninstallApp
}
