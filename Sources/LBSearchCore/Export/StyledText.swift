/// A line of terminal text as characters, each with the colour sequences in force on it.
///
/// Parsing separates what takes columns from the escape sequences that colour it, so a line
/// can be cut anywhere and each piece rendered with exactly the sequences it needs: it opens
/// the colours of its first character itself and closes them at its end (`less -R` and
/// terminals carry no colour from one line to the next).
struct StyledText {
    /// One visible character and the escape sequences in force on it, oldest first.
    struct Cell {
        var character: Character
        var style: [String]
        var columns: Int

        /// Whether the cell is part of a highlighted match.
        var isHighlighted: Bool { style.contains(ANSI.match) }
        /// Whether the cell is a space a line may be broken at.
        var isBreakingSpace: Bool { character == " " && !isHighlighted }
    }

    var cells: [Cell] = []

    /// `line` split into cells; `ESC [ … m` with no parameter or `0` resets the style.
    ///
    /// Sequences are found among Unicode scalars, not characters: a combining mark after a
    /// sequence's final byte must not hide its end.
    init(_ line: String) {
        var style: [String] = []
        var pending = ""
        var run = ""
        for scalar in line.unicodeScalars {
            if pending.isEmpty, scalar != "\u{1B}" {
                run.unicodeScalars.append(scalar)
                continue
            }
            pending.unicodeScalars.append(scalar)
            guard Self.endsSequence(pending) else { continue }
            append(run, style)
            run = ""
            style = pending == ANSI.reset || pending == "\u{1B}[m" ? [] : style + [pending]
            pending = ""
        }
        append(run, style)
    }

    mutating func append(_ run: String, _ style: [String]) {
        for character in run {
            cells.append(Cell(character: character, style: style, columns: Self.columns(character)))
        }
    }

    /// Whether `sequence`, which starts with ESC, is complete: `ESC [` then parameter bytes up
    /// to a final byte in 0x40–0x7E (ECMA-48 control sequences), or ESC and one other byte.
    static func endsSequence(_ sequence: String) -> Bool {
        let scalars = Array(sequence.unicodeScalars)
        guard scalars.count >= 2 else { return false }
        guard scalars[1] == "[" else { return true }
        guard scalars.count >= 3, let last = scalars.last else { return false }
        return (0x40...0x7E).contains(last.value)
    }

    static func columns(_ character: Character) -> Int {
        character.unicodeScalars.reduce(0) { $0 + DisplayWidth.width(of: $1) }
    }

    /// `cells` as text that opens the colours it uses and closes them at its end.
    static func render(_ cells: some Sequence<Cell>) -> String {
        var out = ""
        var current: [String] = []
        for cell in cells {
            if cell.style != current {
                if cell.style.starts(with: current) {
                    out += cell.style.dropFirst(current.count).joined()
                } else {
                    out += ANSI.reset + cell.style.joined()
                }
                current = cell.style
            }
            out.append(cell.character)
        }
        return current.isEmpty ? out : out + ANSI.reset
    }
}
