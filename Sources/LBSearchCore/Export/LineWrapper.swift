/// Wraps lines to a terminal width, measured in terminal columns.
///
/// East Asian wide characters count as two columns; combining marks and ANSI escape sequences
/// count as none. Lines break at spaces, and between wide characters (CJK text has no spaces),
/// never inside an escape sequence or a highlighted match unless the match is wider than a
/// line; each line opens and closes its own colours.
public struct LineWrapper: Sendable {
    /// Columns per line, never fewer than 20.
    public var width: Int

    /// A wrapper to `width` columns; a narrower width is taken as 20.
    public init(width: Int) {
        self.width = max(20, width)
    }

    /// `line` broken into lines no wider than `width`; a line that fits is returned as it is.
    ///
    /// Continuation lines start with `indent`. A word (or highlighted match) wider than a whole
    /// line is broken between characters.
    public func wrap(_ line: String, indent: String) -> [String] {
        if DisplayWidth.of(line) <= width { return [line] }
        let cells = StyledText(line).cells
        let lead = cells.prefix { $0.character == " " && $0.style.isEmpty }
        var layout = Layout(
            width: width, lead: String(repeating: " ", count: lead.count), indent: indent)
        for unit in Self.units(cells.dropFirst(lead.count)) { layout.add(unit) }
        return layout.finished()
    }

    /// A piece that is not broken unless it is wider than a line, with the space before it.
    struct Unit {
        var space: StyledText.Cell?
        var cells: [StyledText.Cell] = []
        var columns: Int { cells.reduce(0) { $0 + $1.columns } }
    }

    /// The cells grouped into units: a breaking space ends one (spaces in a row count as
    /// one), and so does a wide character that is not inside one highlight with its neighbour.
    static func units(_ cells: ArraySlice<StyledText.Cell>) -> [Unit] {
        var units: [Unit] = []
        var current = Unit()
        for cell in cells {
            if cell.isBreakingSpace {
                if !current.cells.isEmpty { units.append(current) }
                if !current.cells.isEmpty || current.space == nil { current = Unit(space: cell) }
                continue
            }
            if let last = current.cells.last, last.columns > 1 || cell.columns > 1,
                !(last.isHighlighted && cell.isHighlighted)
            {
                units.append(current)
                current = Unit()
            }
            current.cells.append(cell)
        }
        if !current.cells.isEmpty { units.append(current) }
        return units
    }

    /// Lines being filled, unit by unit.
    struct Layout {
        let width: Int
        let lead: String
        let indent: String
        var lines: [String] = []
        var prefix: String
        var cells: [StyledText.Cell] = []
        var used: Int

        init(width: Int, lead: String, indent: String) {
            (self.width, self.lead, self.indent) = (width, lead, indent)
            (prefix, used) = (lead, DisplayWidth.of(lead))
        }

        var room: Int { width - DisplayWidth.of(indent) }

        mutating func add(_ unit: Unit) {
            let size = unit.columns
            let space = cells.isEmpty || unit.space == nil ? 0 : 1
            if !cells.isEmpty, used + space + size > width, size <= room {
                newLine()
            } else if !cells.isEmpty, let separator = unit.space {
                cells.append(separator)
                used += separator.columns
            }
            for cell in unit.cells {
                if used + cell.columns > width, !cells.isEmpty { newLine() }
                cells.append(cell)
                used += cell.columns
            }
        }

        mutating func newLine() {
            lines.append(prefix + StyledText.render(cells))
            (prefix, cells, used) = (indent, [], DisplayWidth.of(indent))
        }

        mutating func finished() -> [String] {
            newLine()
            return lines
        }
    }
}

/// Terminal columns taken by text (Unicode Standard Annex #11, East Asian Width).
///
/// The annex is simplified to the ranges that are wide in practice; emoji presentation counts
/// as wide.
public enum DisplayWidth {
    /// The columns `text` takes in a terminal; ANSI escape sequences take none.
    public static func of(_ text: String) -> Int {
        var columns = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if (0x40...0x7E).contains(scalar.value), scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                continue
            }
            columns += width(of: scalar)
        }
        return columns
    }

    static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return value < 0x20 ? 0 : 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if value == 0x200D || (0xFE00...0xFE0F).contains(value)
            || (0x1F3FB...0x1F3FF).contains(value)
        {
            return 0
        }
        return isWide(value) ? 2 : 1
    }

    static func isWide(_ value: UInt32) -> Bool {
        (0x1100...0x115F).contains(value) || (0x2E80...0x303E).contains(value)
            || (0x3041...0x33FF).contains(value)
            || (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value)
            || (0xA000...0xA4CF).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFE30...0xFE4F).contains(value)
            || (0xFF00...0xFF60).contains(value) || (0xFFE0...0xFFE6).contains(value)
            || (0x1F300...0x1F64F).contains(value)
            || (0x1F900...0x1F9FF).contains(value) || (0x20000...0x3FFFD).contains(value)
    }
}
