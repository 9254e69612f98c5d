import Foundation
import PortalCore
import PortalStore
import PortalTestCluster
import Testing

/// Credentials as libpq takes them, for a role the test cluster makes sign
/// in with a password (scram-sha-256): from the URL, from PGPASSFILE; a
/// wrong one fails without the password showing.
@Suite("Database credentials")
struct DatabaseCredentialTests {
    static let role = ThrowawayCluster.passwordRole
    static let password = "Pw-Contract-41f7"

    /// A fresh database owned by the password role, and its URL without a password.
    func database(_ cluster: ThrowawayCluster) throws -> (url: String, name: String) {
        // Roles are the cluster's, shared by every test: made once, whoever comes first.
        try cluster.psql(cluster.url(database: "postgres"), """
            DO $$ BEGIN
                CREATE ROLE \(Self.role) LOGIN PASSWORD '\(Self.password)';
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$
            """)
        let url = try cluster.createDatabase()
        let name = String(url.split(separator: "/").last!)
        try cluster.psql(url, "ALTER DATABASE \(name) OWNER TO \(Self.role)")
        return ("postgresql://\(Self.role)@\(cluster.host):\(cluster.port)/\(name)", name)
    }

    func withPassword(_ url: String, _ password: String) -> String {
        url.replacingOccurrences(of: "://\(Self.role)@", with: "://\(Self.role):\(password)@")
    }

    /// A password file of mode 0600, as libpq requires.
    func passwordFile(_ line: String) throws -> String {
        let path = try temporaryFolder().appendingPathComponent("pgpass").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data((line + "\n").utf8), attributes: [.posixPermissions: 0o600]))
        return path
    }

    /// No password file, so only what the URL says counts.
    let noPasswordFile = ["PGPASSFILE": "/nonexistent/pgpass", "PGPASSWORD": ""]

    @Test func thePasswordInTheURLSignsIn() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let (url, _) = try database(cluster)
        // Without one the role is refused: the cluster asks it for a password.
        let refused = try portal("store", "validate", url, environment: noPasswordFile)
        #expect(refused.status == 1)
        #expect(refused.output.contains("password"), "\(refused.output)")

        let store = PostgresStore(address: try #require(DatabaseAddress(withPassword(url, Self.password))))
        try store.create(DemoOrganization.make(now: Date(), random: SeededRandomSource(seed: 3), iterations: PasswordHash.allowedIterations.lowerBound))
        let valid = try portal("store", "validate", withPassword(url, Self.password), environment: noPasswordFile)
        #expect(valid.status == 0, "\(valid.output)\(valid.error)")
        #expect(valid.output.hasPrefix("\(url): valid"))
        #expect(!(valid.output + valid.error).contains(Self.password))
    }

    @Test func thePasswordFromPGPASSFILESignsIn() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let (url, name) = try database(cluster)
        let created = try portal("store", "init", "--demo", withPassword(url, Self.password), environment: noPasswordFile)
        #expect(created.status == 0, "\(created.output)\(created.error)")
        let file = try passwordFile("\(cluster.host):\(cluster.port):\(name):\(Self.role):\(Self.password)")
        let valid = try portal("store", "validate", url, environment: ["PGPASSFILE": file])
        #expect(valid.status == 0, "\(valid.output)\(valid.error)")
        #expect(valid.output.hasPrefix("\(url): valid"))
        #expect(!(valid.output + valid.error).contains(Self.password))
    }

    @Test func aWrongPasswordFailsWithoutShowingIt() throws {
        guard let cluster = try DatabaseTests.cluster() else { return }
        let (url, name) = try database(cluster)
        let wrong = "WRONGPW-9d2c"
        // In the URL, in-process and through the binary.
        do {
            _ = try PostgresStore(address: try #require(DatabaseAddress(withPassword(url, wrong)))).holdsStore()
            Issue.record("a wrong password signed in")
        } catch {
            #expect(!"\(error)".contains(wrong))
            #expect("\(error)".contains("password authentication failed"), "\(error)")
            #expect("\(error)".contains(url), "\(error)")
        }
        let inURL = try portal("store", "validate", withPassword(url, wrong), environment: noPasswordFile)
        #expect(inURL.status == 1)
        #expect(inURL.output.contains("password authentication failed"), "\(inURL.output)")
        #expect(!(inURL.output + inURL.error).contains(wrong))
        // In the password file.
        let file = try passwordFile("\(cluster.host):\(cluster.port):\(name):\(Self.role):\(wrong)")
        let inFile = try portal("store", "validate", url, environment: ["PGPASSFILE": file])
        #expect(inFile.status == 1)
        #expect(inFile.output.contains("password authentication failed"), "\(inFile.output)")
        #expect(!(inFile.output + inFile.error).contains(wrong))
    }
}
