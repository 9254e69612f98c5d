import Foundation

/// What a hardware-token import added.
public struct TokenImportSummary: Equatable, Sendable {
    public var tokens: Int
    public var users: Int

    public init(tokens: Int, users: Int) {
        self.tokens = tokens
        self.users = users
    }

    /// "Imported 3 hardware tokens for 2 users."
    public var message: String {
        "Imported \(Plural.count(tokens, "hardware token")) for \(Plural.count(users, "user")); "
            + "each user activates theirs in Security info with a code from it."
    }
}

extension Tenant {
    /// Adds each row of an administrator's CSV (already parsed) as an
    /// unactivated hardware token of its user, as Entra does: the token
    /// counts for sign-in once its user activates it with a code from it.
    /// All or nothing: a row whose user is unknown, whose serial number is
    /// already in the organization, whose secret is too short or that would
    /// give its user too many methods fails the whole import, and every such
    /// row is reported by its line.
    @discardableResult
    public mutating func importHardwareTokens(_ rows: [OathTokenRow], now: Date,
                                              ids: IdGenerator = UUIDGenerator()) throws(OathTokenCSV.Failure) -> TokenImportSummary {
        var problems: [OathTokenCSV.Problem] = []
        var owners: [String: String] = [:]
        for user in users {
            for method in user.mfaMethods {
                if let serial = method.serialNumber { owners[serial.lowercased()] = user.userPrincipalName }
            }
        }
        var indexByName: [String: Int] = [:]
        for (index, user) in users.enumerated() { indexByName[user.userPrincipalName.lowercased(), default: index] = index }

        var added: [Int: [MfaMethod]] = [:]
        for row in rows {
            let report = { (message: String) in problems.append(OathTokenCSV.Problem(line: row.line, message: message)) }
            let index = indexByName[row.userPrincipalName.lowercased()]
            if index == nil {
                report("no user signs in as \"\(row.userPrincipalName)\"; check the upn or add the user first")
            }
            if let owner = owners[row.serialNumber.lowercased()] {
                report("serial number \"\(row.serialNumber)\" is already registered to \(owner); leave this line out or remove that token first")
            }
            if !MfaMethod.secretLengths.contains(row.secret.count) {
                report("the secret key has \(Plural.count(row.secret.count, "character")); a token's secret has \(MfaMethod.secretLengths.lowerBound) to \(MfaMethod.secretLengths.upperBound)")
            }
            guard let index else { continue }
            let count = users[index].mfaMethods.count + added[index, default: []].count + 1
            if count > User.methodLimit {
                report("\(users[index].userPrincipalName) would have \(count) sign-in methods; at most \(User.methodLimit) are allowed, so remove one first")
                continue
            }
            added[index, default: []].append(MfaMethod(
                id: ids.next(), methodType: .hardwareOath, displayName: Self.tokenName(serial: row.serialNumber),
                secretKey: row.secret, hashFunction: .sha1, digits: 6, timeIntervalInSeconds: row.period,
                status: .assigned, serialNumber: row.serialNumber,
                manufacturer: row.manufacturer.isEmpty ? nil : row.manufacturer,
                model: row.model.isEmpty ? nil : row.model, createdDateTime: now))
        }
        guard problems.isEmpty else { throw OathTokenCSV.Failure(problems: problems) }
        for (index, methods) in added { users[index].mfaMethods += methods }
        return TokenImportSummary(tokens: rows.count, users: added.count)
    }

    /// "Token 1234567": what Security info calls an imported token until its
    /// user renames it; a long serial is shown alone to fit the name limit.
    static func tokenName(serial: String) -> String {
        let name = "Token \(serial)"
        return name.count <= MfaMethod.nameLimit ? name : String(serial.prefix(MfaMethod.nameLimit))
    }
}
