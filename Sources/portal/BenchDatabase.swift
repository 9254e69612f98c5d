import ArgumentParser
import Foundation
import PortalCore
import PortalStore
import PortalUI

/// `portal bench --store postgresql://...`: the same figures through a
/// PostgresDirectory, then the load test.
extension BenchCommand {
    func runOnDatabase(_ address: DatabaseAddress) throws {
        let store = PostgresStore(address: address)
        do {
            // A bench replaces what is there: never a real organization.
            if let organization = try store.organizationId(), organization != SyntheticOrganization.organizationId {
                printError("portal: \(address.description) holds the organization \(InertText.escaped(organization)), not the bench's "
                           + "(\(SyntheticOrganization.organizationId)); the bench would overwrite it. Give it an empty database of its own.")
                throw ExitCode(1)
            }
        } catch let error as DatabaseError {
            printError("portal: \(error)")
            throw ExitCode(1)
        }
        try makeStore(at: nil, replacing: true)
        // As the file bench does in memory, but at the fewest rounds the store
        // accepts: a database's reads are validated, and one round is refused.
        let cheap = Self.cheapHash
        let bytes: Int
        do {
            try store.setPasswordHash(cheap, userIds: [SyntheticOrganization.busiestUserId])
            bytes = try store.databaseBytes()
        } catch {
            printError("portal: \(error)")
            throw ExitCode(1)
        }

        let scenario = BenchScenario(source: .directory { try PostgresDirectory(store: PostgresStore(address: address)) })
        let (medians, cursorMoves, failure) = measure(scenario)
        let peak = peakResidentMegabytes()
        var report = BenchReport(scale: scale, runs: runs, storeBytes: bytes, medians: medians,
                                 peakMegabytes: peak, terminals: Self.terminalBytes(cursorMoves), failure: failure,
                                 overSizeCap: false, python: nil)
        report.database = address.description
        if loadTest, failure == nil {
            // Progress on standard error: the report alone goes to standard output.
            FileHandle.standardError.write(Data("Load test: \(loadSessions.map(String.init).joined(separator: ", ")) sessions, \(effectiveLoadSeconds) s each…\n".utf8))
            report.loadTest = try runLoadTest(store)
        }
        print(json ? report.json() : report.table())
        if failure != nil { throw ExitCode(1) }
    }

    static let cheapHash = PasswordHash.make(password: SyntheticOrganization.password, iterations: PasswordHash.allowedIterations.lowerBound,
                                             random: SeededRandomSource(seed: 7))

    var loadSessions: [Int] { sessions.flatMap(Self.parseSessions) ?? Self.defaultSessions }
    var effectiveLoadSeconds: Int { loadSeconds ?? Self.defaultLoadSeconds }

    private func runLoadTest(_ store: PostgresStore) throws -> BenchLoadReport {
        let accounts: [(id: String, principalName: String)]
        do {
            // Every account cheap at once, so the load test measures the store more than PBKDF2.
            try store.setPasswordHash(Self.cheapHash, userIds: nil)
            accounts = try store.accountNames()
        } catch {
            printError("portal: \(error)")
            throw ExitCode(1)
        }
        let test = BenchLoadTest(address: store.address, accounts: accounts, password: SyntheticOrganization.password,
                                 seconds: Double(effectiveLoadSeconds))
        return BenchLoadReport(database: store.address.description, asked: effectiveLoadSeconds, outcomes: loadSessions.map(test.run(sessions:)))
    }
}
