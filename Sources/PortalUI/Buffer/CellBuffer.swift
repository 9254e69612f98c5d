import Foundation

/// One terminal cell. A wide character occupies its cell and marks the next
/// one as its continuation, which draws nothing.
public struct Cell: Equatable, Sendable {
    public var character: Character
    public var role: Role
    public var isContinuation: Bool

    public init(character: Character = " ", role: Role = .text, isContinuation: Bool = false) {
        self.character = character
        self.role = role
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}

/// A grid of cells that views draw into and backends show: the only thing a
/// screen ever produces.
public struct CellBuffer: Equatable, Sendable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should sit, or nil to hide it.
    public var cursor: Point?

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// Writes text from (x, y), clipped to `clip` (the whole buffer by default).
    /// Returns the column after the last character written. All text on
    /// screen passes here, so this is where it is made inert and cut into the
    /// pieces the terminal draws (`TerminalGlyph`): no control character, bidi
    /// control or escape sequence reaches a cell.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: Role = .text, clip: Rect? = nil) -> Int {
        let area = clip ?? bounds
        guard y >= area.y, y < area.maxY, y >= 0, y < size.height else { return x }
        let right = min(area.maxX, size.width)
        var column = x
        var full = false
        for character in text {
            TerminalGlyph.forEachPiece(of: character) { piece, width in
                if full || column + width > right {
                    full = true
                    return
                }
                if column >= area.x && column >= 0 {
                    clearWide(at: column, y: y)
                    self[column, y] = Cell(character: piece, role: role)
                    if width == 2 {
                        clearWide(at: column + 1, y: y)
                        self[column + 1, y] = Cell(character: " ", role: role, isContinuation: true)
                    }
                }
                column += width
            }
            if full { break }
        }
        return column
    }

    /// Fills a rectangle with a character in a role.
    public mutating func fill(_ rect: Rect, character: Character = " ", role: Role) {
        // One cell per column: a fill character must draw as one narrow piece.
        var pieces: [(Character, Int)] = []
        TerminalGlyph.forEachPiece(of: character) { pieces.append(($0, $1)) }
        let character = pieces.count == 1 && pieces[0].1 == 1 ? pieces[0].0 : TerminalGlyph.replacement
        for row in max(0, rect.y)..<min(size.height, rect.maxY) {
            for column in max(0, rect.x)..<min(size.width, rect.maxX) {
                self[column, row] = Cell(character: character, role: role)
            }
        }
    }

    /// Changes the role of a rectangle's cells, keeping their characters.
    public mutating func paint(_ rect: Rect, role: Role) {
        for row in max(0, rect.y)..<min(size.height, rect.maxY) {
            for column in max(0, rect.x)..<min(size.width, rect.maxX) {
                cells[row * size.width + column].role = role
            }
        }
    }

    /// Overwriting half of a wide character blanks its other half.
    private mutating func clearWide(at x: Int, y: Int) {
        guard x >= 0, x < size.width else { return }
        if self[x, y].isContinuation, x > 0 {
            self[x - 1, y] = Cell(character: " ", role: self[x - 1, y].role)
        } else if x + 1 < size.width, self[x + 1, y].isContinuation {
            self[x + 1, y] = Cell(character: " ", role: self[x + 1, y].role)
        }
    }

    /// Row `y` as text, trailing spaces removed; wide characters appear once.
    public func row(_ y: Int) -> String {
        var line = ""
        for x in 0..<size.width where !self[x, y].isContinuation {
            line.append(self[x, y].character)
        }
        while line.last == " " { line.removeLast() }
        return line
    }

    /// The whole screen as text, one row per line.
    public var text: String { (0..<size.height).map(row).joined(separator: "\n") }

    /// The roles of row `y`, one character per cell, for role expectations.
    public func roles(ofRow y: Int) -> [Role] { (0..<size.width).map { self[$0, y].role } }
}
