import Foundation
import PortalStore

/// What About on Help & support and the diagnostic report say of the portal
/// itself. The command sets it; scripts and tests keep the defaults, so their
/// screens never show a path of the machine they run on.
public struct PortalAbout: Sendable, Equatable {
    /// The portal's version: the one place it is written.
    public static let currentVersion = "0.1.0"

    public var version: String
    /// The store file's path; nil when the organization is held in memory.
    public var storePath: String?
    public var schemaVersion: Int
    /// The database's schema (its migrations) when the store is a database.
    public var databaseSchemaVersion: Int?
    /// Where "Save diagnostic report" offers to write: the home folder.
    public var reportFolder: String

    public init(version: String = currentVersion, storePath: String? = nil,
                schemaVersion: Int = StoreCodec.schemaVersion, reportFolder: String = "~") {
        self.version = version
        self.storePath = storePath
        self.schemaVersion = schemaVersion
        self.reportFolder = reportFolder
    }

    /// "built-in demo" or "in memory" when there is no file.
    public func storeDescription(isDemo: Bool) -> String {
        storePath ?? (isDemo ? "built-in demo (in memory)" : "in memory")
    }
}
