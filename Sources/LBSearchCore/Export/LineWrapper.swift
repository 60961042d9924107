/// Wraps lines to a terminal width, measured in terminal columns.
///
/// East Asian wide characters count as two columns; combining marks and lbsearch's own ANSI
/// colour sequences count as none.
public struct LineWrapper: Sendable {
    /// Columns per line, never fewer than 20.
    public var width: Int

    /// A wrapper to `width` columns; a narrower width is taken as 20.
    public init(width: Int) {
        self.width = max(20, width)
    }

    /// `line` broken at spaces into lines no wider than `width`.
    ///
    /// Continuation lines start with `indent`. A word wider than a whole line is broken between
    /// characters.
    public func wrap(_ line: String, indent: String) -> [String] {
        var lines: [String] = []
        let lead = String(line.prefix(while: { $0 == " " }))
        var current = lead
        var used = lead.count
        let indentWidth = DisplayWidth.of(indent)
        for word in line.dropFirst(lead.count).split(separator: " ").map(String.init) {
            let size = DisplayWidth.of(word)
            if used > lead.count, used + 1 + size > width, size <= width - indentWidth {
                lines.append(current)
                (current, used) = (indent, indentWidth)
            } else if used > lead.count {
                current += " "
                used += 1
            }
            var inEscape = false
            for character in word {
                let columns =
                    inEscape || character == "\u{1B}" ? 0 : DisplayWidth.of(String(character))
                inEscape = Self.inEscape(after: character, inEscape)
                if used + columns > width, used > indentWidth {
                    lines.append(current)
                    (current, used) = (indent, indentWidth)
                }
                current.append(character)
                used += columns
            }
        }
        lines.append(current)
        return lines
    }

    /// Whether an ANSI sequence (`ESC [ … m`) is still open after `character`: its characters
    /// take no columns.
    static func inEscape(after character: Character, _ inEscape: Bool) -> Bool {
        if character == "\u{1B}" { return true }
        guard inEscape, let scalar = character.unicodeScalars.first else { return false }
        return !(0x40...0x7E).contains(scalar.value) || scalar == "["
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
