import Foundation

/// Writes a diagnostic report into a folder the user named: a new file,
/// readable by its owner only, never over an existing one.
public enum DiagnosticReportFile {
    /// The folder field's limit: PATH_MAX.
    public static let folderLimit = 4096

    /// Why a folder was refused, in a sentence that says what to do.
    public static func problem(folder: String) -> String? {
        let trimmed = folder.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "Type the folder to save the report in, such as ~ for your home folder." }
        if folder.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "The folder name holds a control character. Type the folder again."
        }
        if folder.unicodeScalars.count > folderLimit { return "The folder name is longer than \(folderLimit) characters." }
        return nil
    }

    /// "portal-diagnostics-20261122-090000.txt", in UTC so it sorts.
    public static func fileName(at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "portal-diagnostics-%04d%02d%02d-%02d%02d%02d.txt",
                      p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0, p.second ?? 0)
    }

    /// "~" and "~/x" are the home folder, as a shell would read them.
    static func expanded(_ folder: String, home: String) -> String {
        let trimmed = folder.trimmingCharacters(in: .whitespaces)
        if trimmed == "~" { return home }
        if trimmed.hasPrefix("~/") { return home + trimmed.dropFirst() }
        return trimmed
    }

    /// Writes `text`; returns the file's path, or throws a message for the screen.
    public static func write(_ text: String, folder: String, now: Date,
                             home: String = FileManager.default.homeDirectoryForCurrentUser.path) throws(DiagnosticSaveError) -> String {
        if let problem = problem(folder: folder) { throw DiagnosticSaveError(message: problem) }
        let directory = expanded(folder, home: home)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder) else {
            throw DiagnosticSaveError(message: "There is no folder \(directory). Type a folder that exists, such as ~ for your home folder.")
        }
        guard isFolder.boolValue else {
            throw DiagnosticSaveError(message: "\(directory) is a file, not a folder. Type the folder to save the report in.")
        }
        let base = fileName(at: now)
        let bytes = Array(text.utf8)
        // A report saved twice within a second gets "-2", "-3": O_EXCL never replaces a file.
        for attempt in 1...20 {
            let name = attempt == 1 ? base : base.replacingOccurrences(of: ".txt", with: "-\(attempt).txt")
            let path = (directory as NSString).appendingPathComponent(name)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
            if descriptor < 0 {
                let code = errno
                if code == EEXIST { continue }
                throw DiagnosticSaveError(message: refusal(code, directory: directory))
            }
            defer { close(descriptor) }
            var written = 0
            while written < bytes.count {
                let result = bytes[written...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
                if result < 0 {
                    if errno == EINTR { continue }
                    let code = errno
                    unlink(path)
                    throw DiagnosticSaveError(message: "The report could not be written to \(directory): \(String(cString: strerror(code))). Try another folder.")
                }
                written += result
            }
            return path
        }
        throw DiagnosticSaveError(message: "\(directory) already holds reports from this second. Save again in a moment.")
    }

    private static func refusal(_ code: Int32, directory: String) -> String {
        switch code {
        case EACCES, EPERM, EROFS:
            "You cannot write in \(directory). Choose a folder you can write to, such as ~ for your home folder."
        case ENOENT, ENOTDIR:
            "There is no folder \(directory). Type a folder that exists, such as ~ for your home folder."
        case ENAMETOOLONG:
            "The folder name is too long for this system."
        default:
            "The report could not be written to \(directory): \(String(cString: strerror(code))). Try another folder."
        }
    }
}

/// Why the report was not saved, as the one line the screen shows.
public struct DiagnosticSaveError: Error, Equatable, Sendable {
    public var message: String
}
