import Foundation
import Testing
@testable import PortalStore

/// A database URL is shown without its secrets, even where libpq repeats
/// what it could not parse.
@Suite struct DatabaseAddressTests {
    @Test(arguments: [
        ("postgresql://pwuser:S3cretPW@db.example:5432/contoso?sslmode=require", "postgresql://pwuser@db.example:5432/contoso"),
        ("postgres://db.example/contoso", "postgres://db.example/contoso"),
        ("postgresql://u:p%40ss@[::1]:5432/x#frag", "postgresql://u@[::1]:5432/x"),
    ])
    func theShownURLHasNoPasswordNorParameters(url: String, shown: String) throws {
        #expect(try #require(DatabaseAddress(url)).description == shown)
    }

    @Test func pathsAreNotDatabases() {
        #expect(DatabaseAddress("/tmp/portal.json") == nil)
        #expect(DatabaseAddress("postgresql:/missing-slashes") == nil)
    }

    @Test(arguments: [
        ("postgresql://pwuser:Secr%ZZet@127.0.0.1:1/x", "invalid percent-encoded token: \"Secr%ZZet\"", "Secr"),
        ("postgresql://pwuser:WrongPW@[::1:1/x", "end of string reached in URI: \"postgresql://pwuser:WrongPW@[::1:1/x\"", "WrongPW"),
        ("postgresql://u@h/x?password=Secr%41et&sslmode=disable", "bad password \"SecrAet\" or \"Secr%41et\"", "Secr"),
    ])
    func libpqsMessagesLoseTheSecret(url: String, message: String, secret: String) throws {
        let scrubbed = try #require(DatabaseAddress(url)).scrubbed(message)
        #expect(!scrubbed.contains(secret), "\(scrubbed)")
    }

    @Test func aMalformedURLNeverShowsItsPasswordWhenConnecting() throws {
        let address = try #require(DatabaseAddress("postgresql://pwuser:Secr%ZZet@127.0.0.1:1/x"))
        #expect(throws: DatabaseError.self) { try PostgresConnection(address) }
        do {
            _ = try PostgresConnection(address)
        } catch {
            #expect(!"\(error)".contains("Secr"), "\(error)")
            #expect("\(error)".contains("postgresql://pwuser@127.0.0.1:1/x"))
        }
    }
}
