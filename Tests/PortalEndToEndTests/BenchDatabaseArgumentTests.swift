import Foundation
import Testing

/// `portal bench --store URL` and its load test options are checked before
/// anything is measured. These need no server: a bad argument is refused
/// first, and a database that cannot be reached ends the bench at once.
/// (Those against a server are in BenchDatabaseTests.)
@Suite("Bench on a database: arguments")
struct BenchDatabaseArgumentTests {
    /// Nothing listens on port 1: a connection there is refused at once.
    static let unreachable = "postgresql://portal@127.0.0.1:1/bench"

    @Test(arguments: ["", "10,", "ten", "10,,100", "0", "10,5001"])
    func sessionsMustBeCountsInRange(_ sessions: String) throws {
        let result = try portal("bench", "--store", Self.unreachable, "--sessions", sessions)
        #expect(result.status == 2, "\(sessions): \(result.error)")
        #expect(result.error.contains("--sessions must be counts from 1 to 5000"))
    }

    @Test(arguments: ["0", "3601", "1.5"])
    func loadSecondsMustBeInRange(_ seconds: String) throws {
        let result = try portal("bench", "--store", Self.unreachable, "--load-seconds", seconds)
        #expect(result.status == 2, "\(seconds): \(result.error)")
        #expect(result.error.contains("--load-seconds"))
    }

    @Test func theLoadTestNeedsADatabase() throws {
        for arguments in [["--sessions", "10"], ["--load-seconds", "5"]] {
            let result = try run(PortalBinary.url, ["bench"] + arguments)
            #expect(result.status == 2)
            #expect(result.error.contains("runs only on a database"))
        }
    }

    @Test func storeTakesOnlyADatabaseURL() throws {
        let result = try portal("bench", "--store", "bench.json")
        #expect(result.status == 2)
        #expect(result.error.contains("--store takes a postgresql:// URL"))
    }

    @Test func anUnreachableDatabaseEndsTheBenchWithoutItsPassword() throws {
        let result = try portal("bench", "--store", "postgresql://portal:s3cret@127.0.0.1:1/bench", "--sessions", "1,2", "--load-seconds", "1")
        #expect(result.status == 1)
        #expect(result.error.contains("cannot connect to postgresql://portal@127.0.0.1:1/bench"))
        #expect(!result.error.contains("s3cret") && !result.output.contains("s3cret"))
        #expect(result.output.isEmpty)
    }
}
