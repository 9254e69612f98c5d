import ArgumentParser
import Foundation
import PortalCurses
import PortalUI

/// What the commands that take over the terminal (run, kiosk, record) share:
/// the theme asked for, without color under NO_COLOR, and the curses
/// backend; a failure is said once and exits 2.
enum TerminalStart {
    static func theme(_ name: String) throws -> Theme {
        var theme: Theme
        do {
            theme = try ThemeCatalog.load(name)
        } catch {
            printError("portal: --theme: \(error)")
            throw ExitCode(2)
        }
        if NoColor.isRequested(in: ProcessInfo.processInfo.environment) { theme = theme.withoutColor }
        return theme
    }

    static func backend(theme: Theme, mouse: Bool) throws -> CursesBackend {
        do {
            return try CursesBackend(theme: theme, brandColor: RunCommand.defaultBrand, mouse: mouse)
        } catch {
            printError("portal: \(error)")
            throw ExitCode(2)
        }
    }
}
