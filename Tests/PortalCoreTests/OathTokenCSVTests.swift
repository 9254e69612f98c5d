import Foundation
import Testing
@testable import PortalCore

@Suite("Hardware token CSV")
struct OathTokenCSVTests {
    static let header = "upn,serial number,secret key,time interval,manufacturer,model"

    func problems(_ text: String) -> [String] {
        switch OathTokenCSV.parse(text) {
        case .success: return []
        case let .failure(failure): return failure.problems.map(\.description)
        }
    }

    @Test func aGoodFileInEntrasLayout() throws {
        // A BOM, CRLF, a header in another case and spacing, quoted fields with
        // a comma and a doubled quote, a secret typed in lower case in groups,
        // a blank line at the end.
        let text = "\u{FEFF}UPN , Serial Number,Secret Key,Time Interval,Manufacturer,Model\r\n"
            + "ann@contoso.com,1234567,JBSWY3DPEHPK3PXP,30,Contoso,HardwareKey\r\n"
            + "\"bob@contoso.com\",\"SN-2\",\"jbsw y3dp ehpk 3pxp\",60,\"Token, Inc.\",\"Model \"\"X\"\"\"\r\n"
            + "\r\n"
        let rows = try OathTokenCSV.parse(text).get()
        #expect(rows == [
            OathTokenRow(line: 2, userPrincipalName: "ann@contoso.com", serialNumber: "1234567", secret: "JBSWY3DPEHPK3PXP",
                         period: 30, manufacturer: "Contoso", model: "HardwareKey"),
            OathTokenRow(line: 3, userPrincipalName: "bob@contoso.com", serialNumber: "SN-2", secret: "JBSWY3DPEHPK3PXP",
                         period: 60, manufacturer: "Token, Inc.", model: "Model \"X\""),
        ])
    }

    @Test func columnsMayComeInAnyOrderAndManufacturerMayBeEmpty() throws {
        let text = "model,manufacturer,time interval,secret key,serial number,upn\n,,30,MZXW6YTB,77,ann@contoso.com"
        let rows = try OathTokenCSV.parse(text).get()
        #expect(rows.map(\.serialNumber) == ["77"])
        #expect(rows[0].manufacturer.isEmpty && rows[0].model.isEmpty)
    }

    @Test func eachKindOfBadRowIsReportedWithItsLine() {
        let long = { (count: Int) in String(repeating: "x", count: count) }
        let lines = [
            Self.header,
            "ann@contoso.com,S1,JBSWY3DPEHPK3PXP,30,Contoso,K",          // 2: good
            "ann@contoso.com,S2,JBSWY3DPEHPK3PX1,30,Contoso,K",          // 3: bad Base32
            "ann@contoso.com,S3,JBSWY3DPEHPK3PXP,45,Contoso,K",          // 4: period
            ",S4,JBSWY3DPEHPK3PXP,30,Contoso,K",                          // 5: empty upn
            "ann@contoso.com,,JBSWY3DPEHPK3PXP,30,Contoso,K",            // 6: empty serial
            "ann@contoso.com,S7,JBSWY3DPEHPK3PXP,30,Contoso",            // 7: too few
            "ann@contoso.com,S8,JBSWY3DPEHPK3PXP,30,Contoso,K,extra",    // 8: too many
            "\(long(114)),S9,JBSWY3DPEHPK3PXP,30,Contoso,K",             // 9: upn too long
            "ann@contoso.com,\(long(41)),JBSWY3DPEHPK3PXP,30,Contoso,K", // 10: serial too long
            "ann@contoso.com,S11,JBSWY3DPEHPK3PXP,30,\(long(41)),K",     // 11: manufacturer too long
            "ann@contoso.com,S12,JBSWY3DPEHPK3PXP,30,Contoso,\(long(41))", // 12: model too long
            "ann@contoso.com,S13,\(String(repeating: "A", count: 136)),30,Contoso,K", // 13: secret too long
            "ann@contoso.com,s1,JBSWY3DPEHPK3PXP,30,Contoso,K",          // 14: serial of line 2 again
            "ann@contoso.com,S15,,,Contoso,K",                            // 15: empty secret and interval
        ]
        let found = problems(lines.joined(separator: "\n"))
        #expect(found == [
            "line 3: secret key: '1' (character 16) is not a Base32 character: use A-Z and 2-7",
            "line 4: the time interval is \"45\"; write 30 or 60 (seconds per code)",
            "line 5: the upn is empty; give the user's sign-in name",
            "line 6: the serial number is empty; give the number printed on the token",
            "line 7: 5 fields where 6 are expected (upn, serial number, secret key, time interval, manufacturer, model); add the missing fields, even if empty",
            "line 8: 7 fields where 6 are expected (upn, serial number, secret key, time interval, manufacturer, model); quote a field that contains a comma",
            "line 9: the upn has 114 characters; at most 113 are allowed",
            "line 10: the serial number has 41 characters; at most 40 are allowed",
            "line 11: the manufacturer has 41 characters; at most 40 are allowed",
            "line 12: the model has 41 characters; at most 40 are allowed",
            "line 13: secret key: the secret has 136 characters; at most 128 are allowed",
            "line 14: serial number \"s1\" is also on line 2; list each token once",
            "line 15: the secret key is empty; give the token's Base32 secret (A-Z and 2-7)",
            "line 15: the time interval is empty; write 30 or 60 (seconds per code)",
        ])
    }

    @Test func limitsAreInclusive() throws {
        let upn = String(repeating: "u", count: 113), serial = String(repeating: "s", count: 40)
        let secret = String(repeating: "A", count: 128), maker = String(repeating: "m", count: 40)
        let rows = try OathTokenCSV.parse("\(Self.header)\n\(upn),\(serial),\(secret),60,\(maker),\(maker)").get()
        #expect(rows.count == 1)
    }

    @Test func allOrNothing() {
        let text = [Self.header, "a@contoso.com,1,MZXW6YTB,30,,", "b@contoso.com,2,MZXW6YTB,30,,", "c@contoso.com,3,MZXW6YTB,90,,"]
            .joined(separator: "\n")
        guard case let .failure(failure) = OathTokenCSV.parse(text) else { Issue.record("a bad row was imported"); return }
        #expect(failure.problems == [OathTokenCSV.Problem(line: 4, message: "the time interval is \"90\"; write 30 or 60 (seconds per code)")])
        #expect(failure.description == "line 4: the time interval is \"90\"; write 30 or 60 (seconds per code)")
    }

    @Test func aQuotedLineBreakKeepsLaterLineNumbersTrue() {
        let text = "\(Self.header)\na@contoso.com,1,MZXW6YTB,30,\"Two\nlines\",K\nb@contoso.com,2,MZXW6YT1,30,,"
        // A line break is a control character in a one-line field, so that row is refused too.
        #expect(problems(text) == ["line 2: the manufacturer holds a control character; remove it",
                                   "line 4: secret key: '1' (character 8) is not a Base32 character: use A-Z and 2-7"])
    }

    @Test func theFileItselfCanBeWrong() {
        #expect(problems("") == ["line 1: the file is empty; its first line must be the header upn,serial number,secret key,time interval,manufacturer,model"])
        #expect(problems("\u{FEFF}\n\n") == ["line 1: the file is empty; its first line must be the header upn,serial number,secret key,time interval,manufacturer,model"])
        #expect(problems(Self.header + "\r\n") == ["line 1: no tokens after the header; add one line per token"])
        #expect(problems("ann@contoso.com,1,MZXW6YTB,30,,") == ["line 1: the first line must be the header upn,serial number,secret key,time interval,manufacturer,model; the column \"upn\" is missing"])
        #expect(problems("upn,serial number,secret key,time interval,manufacturer,model,notes\na,1,MZXW6YTB,30,,,") == ["line 1: the header must name exactly these columns, once each: upn,serial number,secret key,time interval,manufacturer,model"])
        #expect(problems("\(Self.header)\na@contoso.com,\"1,MZXW6YTB,30,,") == ["line 2: a quoted field is never closed; end it with a \" (write \"\" for a quote inside it)"])
    }

    @Test func controlCharactersAreRefused() {
        #expect(problems("\(Self.header)\na@contoso.com,\"1\u{1B}]0;x\u{7}\",MZXW6YTB,30,,") == ["line 2: the serial number holds a control character; remove it"])
    }
}
