import Foundation

/// `expect-role TEXT ROLE`: the first occurrence of TEXT on screen (reading
/// row by row, left to right) must be drawn in ROLE, every cell of it, so a
/// script tests how a state is shown and not only its words.
public enum RoleExpectation {
    /// `"Not compliant" noncompliant`: the text (quoted or not), then a role
    /// name as themes spell it.
    static func parse(_ rest: String, fail: (String) -> ScriptError) throws(ScriptError) -> ScreenScript.Command {
        let usage = "expect-role needs text and a role, e.g. expect-role \"Not compliant\" noncompliant"
        guard let space = rest.lastIndex(where: { $0 == " " || $0 == "\t" }) else { throw fail(usage) }
        let name = String(rest[rest.index(after: space)...])
        let text = ScriptParser.unquote(rest[..<space].trimmingCharacters(in: .whitespaces))
        guard !text.isEmpty else { throw fail(usage) }
        guard let role = Role(rawValue: name) else {
            throw fail("unknown role \"\(name)\"; expected one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return .expectRole(text, role)
    }

    /// Where the text first appears: its row and the columns of its cells
    /// (a wide character's continuation cell included).
    public static func firstOccurrence(of text: String, in screen: CellBuffer) -> (row: Int, columns: [Int])? {
        let wanted = Array(text)
        guard !wanted.isEmpty else { return nil }
        for y in 0..<screen.size.height {
            // The characters of the row with the cells each one covers.
            var characters: [Character] = []
            var cells: [[Int]] = []
            for x in 0..<screen.size.width {
                if screen[x, y].isContinuation, !cells.isEmpty {
                    cells[cells.count - 1].append(x)
                } else {
                    characters.append(screen[x, y].character)
                    cells.append([x])
                }
            }
            guard wanted.count <= characters.count else { continue }
            for start in 0...(characters.count - wanted.count) where Array(characters[start..<(start + wanted.count)]) == wanted {
                return (y, cells[start..<(start + wanted.count)].flatMap { $0 })
            }
        }
        return nil
    }

    /// Why the expectation fails, or nil when it holds.
    public static func problem(_ text: String, _ role: Role, on screen: CellBuffer) -> String? {
        guard let place = firstOccurrence(of: text, in: screen) else {
            return "expected \"\(text)\" in the \(role.rawValue) role, but it is not on screen"
        }
        let found = place.columns.map { screen[$0, place.row].role }
        if found.allSatisfy({ $0 == role }) { return nil }
        return "expected \"\(text)\" in the \(role.rawValue) role; found \(describe(found, columns: place.columns)) on row \(place.row)"
    }

    /// "text" or "text (columns 3-5), dim (columns 6-9)": the roles found, in runs.
    static func describe(_ roles: [Role], columns: [Int]) -> String {
        var runs: [(role: Role, first: Int, last: Int)] = []
        for (role, column) in zip(roles, columns) {
            if let last = runs.last, last.role == role, last.last == column - 1 {
                runs[runs.count - 1].last = column
            } else {
                runs.append((role, column, column))
            }
        }
        if runs.count == 1 { return runs[0].role.rawValue }
        return runs.map { "\($0.role.rawValue) (column\($0.first == $0.last ? " \($0.first)" : "s \($0.first)-\($0.last)"))" }
            .joined(separator: ", ")
    }
}
