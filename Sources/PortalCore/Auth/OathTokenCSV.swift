import Foundation

/// One hardware token from an administrator's CSV, checked and ready to import.
public struct OathTokenRow: Equatable, Sendable {
    /// The line of the file the row starts on, for messages.
    public var line: Int
    public var userPrincipalName: String
    public var serialNumber: String
    /// Normalized Base32: upper case, no spaces, no padding.
    public var secret: String
    /// Seconds each code lasts: 30 or 60.
    public var period: Int
    public var manufacturer: String
    public var model: String

    public init(line: Int, userPrincipalName: String, serialNumber: String, secret: String,
                period: Int, manufacturer: String, model: String) {
        self.line = line
        self.userPrincipalName = userPrincipalName
        self.serialNumber = serialNumber
        self.secret = secret
        self.period = period
        self.manufacturer = manufacturer
        self.model = model
    }
}

/// Microsoft Entra's CSV layout for hardware OATH tokens:
/// `upn,serial number,secret key,time interval,manufacturer,model`.
/// Parsing is all or nothing: a file with any bad row yields no rows and a
/// list of every problem, so an administrator fixes the file in one pass.
public enum OathTokenCSV {
    public static let columns = ["upn", "serial number", "secret key", "time interval", "manufacturer", "model"]

    /// Entra's limits for each field, in characters.
    public static let maximumUserPrincipalName = 113
    public static let maximumSerialNumber = 40
    public static let maximumManufacturer = 40
    public static let maximumModel = 40

    /// A problem on one line of the file.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }

        public var description: String { "line \(line): \(message)" }
    }

    /// Every problem in a file, in line order.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var problems: [Problem]
        /// The rows that were well formed, so a caller can check them
        /// against the store too and report every problem in one run.
        public var wellFormedRows: [OathTokenRow]

        public init(problems: [Problem], wellFormedRows: [OathTokenRow] = []) {
            self.problems = problems
            self.wellFormedRows = wellFormedRows
        }

        /// One line per problem.
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    public static func parse(_ text: String) -> Result<[OathTokenRow], Failure> {
        let records: [Record]
        switch split(text) {
        case let .success(split): records = split
        case let .failure(problem): return .failure(Failure(problems: [problem]))
        }
        guard let header = records.first else {
            return .failure(Failure(problems: [Problem(line: 1, message: "the file is empty; its first line must be the header \(columns.joined(separator: ","))")]))
        }
        let order: [Int]
        switch columnOrder(header) {
        case let .success(found): order = found
        case let .failure(problem): return .failure(Failure(problems: [problem]))
        }
        guard records.count > 1 else {
            return .failure(Failure(problems: [Problem(line: header.line, message: "no tokens after the header; add one line per token")]))
        }

        var rows: [OathTokenRow] = [], problems: [Problem] = []
        var serialLines: [String: Int] = [:]
        for record in records.dropFirst() {
            let report = { (message: String) in problems.append(Problem(line: record.line, message: message)) }
            guard record.fields.count == columns.count else {
                let count = record.fields.count
                report("\(Plural.count(count, "field")) where \(columns.count) are expected (\(columns.joined(separator: ", "))); "
                    + (count > columns.count ? "quote a field that contains a comma" : "add the missing fields, even if empty"))
                continue
            }
            let field = { (name: String) in record.fields[order[columns.firstIndex(of: name)!]].trimmingCharacters(in: .whitespaces) }
            let upn = field("upn"), serial = field("serial number"), secretText = field("secret key")
            let interval = field("time interval"), manufacturer = field("manufacturer"), model = field("model")
            let before = problems.count

            check(upn, named: "upn", limit: maximumUserPrincipalName, required: "the user's sign-in name", report: report)
            check(serial, named: "serial number", limit: maximumSerialNumber, required: "the number printed on the token", report: report)
            var secret = ""
            switch Base32.check(secretText) {
            case .success: secret = Base32.normalized(secretText) ?? ""
            case .failure(.empty): report("the secret key is empty; give the token's Base32 secret (A-Z and 2-7)")
            case let .failure(problem): report("secret key: \(problem)")
            }
            let period = Int(interval)
            if period == nil || !OneTimeCode.allowedPeriods.contains(period!) {
                report(interval.isEmpty ? "the time interval is empty; write 30 or 60 (seconds per code)"
                    : "the time interval is \"\(interval)\"; write 30 or 60 (seconds per code)")
            }
            check(manufacturer, named: "manufacturer", limit: maximumManufacturer, required: nil, report: report)
            check(model, named: "model", limit: maximumModel, required: nil, report: report)
            if !serial.isEmpty {
                let key = serial.lowercased()
                if let first = serialLines[key] {
                    report("serial number \"\(serial)\" is also on line \(first); list each token once")
                } else {
                    serialLines[key] = record.line
                }
            }
            guard problems.count == before, let period else { continue }
            rows.append(OathTokenRow(line: record.line, userPrincipalName: upn, serialNumber: serial, secret: secret,
                                     period: period, manufacturer: manufacturer, model: model))
        }
        return problems.isEmpty ? .success(rows) : .failure(Failure(problems: problems, wellFormedRows: rows))
    }

    private static func check(_ value: String, named name: String, limit: Int, required: String?, report: (String) -> Void) {
        if value.isEmpty, let required {
            report("the \(name) is empty; give \(required)")
        } else if value.count > limit {
            report("the \(name) has \(value.count) characters; at most \(limit) are allowed")
        } else if value.unicodeScalars.contains(where: InertText.isUnsafe) {
            report("the \(name) holds a control character; remove it")
        }
    }

    /// Where each of `columns` sits in the file: the header names them in any
    /// order, in any case, with any spacing.
    private static func columnOrder(_ header: Record) -> Result<[Int], Problem> {
        let squeeze = { (name: String) in name.lowercased().filter { !$0.isWhitespace } }
        let names = header.fields.map(squeeze)
        var order: [Int] = []
        for column in columns {
            guard let index = names.firstIndex(of: squeeze(column)) else {
                return .failure(Problem(line: header.line, message: "the first line must be the header \(columns.joined(separator: ",")); the column \"\(column)\" is missing"))
            }
            order.append(index)
        }
        guard names.count == columns.count, Set(names).count == names.count else {
            return .failure(Problem(line: header.line, message: "the header must name exactly these columns, once each: \(columns.joined(separator: ","))"))
        }
        return .success(order)
    }

    struct Record: Equatable {
        var line: Int
        var fields: [String]
    }

    /// RFC 4180 records: fields split on commas, a quoted field may hold
    /// commas, line breaks and doubled quotes; CRLF or LF ends a record; a
    /// leading byte-order mark and blank lines are skipped.
    static func split(_ text: String) -> Result<[Record], Problem> {
        var records: [Record] = []
        var fields: [String] = [], field = ""
        var line = 1, recordLine = 1
        var quoted = false, wasQuoted = false, quoteLine = 1
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }

        func endRecord() {
            fields.append(field)
            // A line with nothing on it is skipped, not a row of one empty field.
            if !(fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty && !wasQuoted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            wasQuoted = false
        }

        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(field)
                field = ""
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            case "\"" where field.trimmingCharacters(in: .whitespaces).isEmpty:
                quoted = true
                wasQuoted = true
                quoteLine = line
                field = ""
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted {
            return .failure(Problem(line: quoteLine, message: "a quoted field is never closed; end it with a \" (write \"\" for a quote inside it)"))
        }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return .success(records)
    }
}
