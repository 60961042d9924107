/// Keeps document text from controlling the terminal it is printed on.
///
/// Removed: C0 and C1 control characters (ESC starts CSI and OSC sequences, including
/// hyperlinks and window titles), DEL, and the bidirectional embedding, override and isolate
/// characters (U+202A–U+202E, U+2066–U+2069) that can make text display in another order.
public enum TerminalSafety {
    /// The character, or nil when it must not reach a terminal.
    public static func clean(_ character: Character) -> Character? {
        for scalar in character.unicodeScalars where isUnsafe(scalar) { return nil }
        return character
    }

    /// `text` with every unsafe character removed and line breaks and tabs turned into spaces.
    public static func sanitize(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if character.isNewline || character == "\t" {
                out.append(" ")
            } else if let safe = clean(character) {
                out.append(safe)
            }
        }
        return out
    }

    /// `text` as `sanitize` leaves it, except that line breaks (LF and CRLF) stay.
    ///
    /// This is for CSV cells, which may hold line breaks inside quotes. A lone CR, which would
    /// let a line overwrite itself on a terminal, becomes a space.
    public static func sanitizeKeepingLineBreaks(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "\n" || character == "\r\n" {
                out.append(character)
            } else if character.isNewline || character == "\t" {
                out.append(" ")
            } else if let safe = clean(character) {
                out.append(safe)
            }
        }
        return out
    }

    /// True for a scalar that must not reach a terminal.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value) || HighlightMarker.isMarker(scalar)
    }
}

extension Fragment {
    /// The fragment with what `TerminalSafety.sanitize` removes taken out.
    ///
    /// Line breaks and tabs become spaces; the highlights move with the words they mark.
    public var terminalSafe: Fragment {
        guard text.unicodeScalars.contains(where: TerminalSafety.isUnsafe) else { return self }
        var safe = Fragment(text: "", highlights: [], atStart: atStart, atEnd: atEnd)
        var moved: [Int] = []  // the new offset of each old one, and of the end
        var count = 0
        for scalar in text.unicodeScalars {
            moved.append(count)
            if !TerminalSafety.isUnsafe(scalar) {
                safe.text.unicodeScalars.append(scalar)
                count += 1
            } else if Character(scalar).isWhitespace {
                safe.text.unicodeScalars.append(" ")
                count += 1
            }
        }
        moved.append(count)
        safe.highlights = highlights.compactMap { range in
            let lower = moved[min(max(range.lowerBound, 0), moved.count - 1)]
            let upper = moved[min(max(range.upperBound, 0), moved.count - 1)]
            return lower < upper ? lower..<upper : nil
        }
        return safe
    }
}

extension Snippet {
    /// Every fragment made `terminalSafe`.
    public var terminalSafe: Snippet {
        Snippet(fragments: fragments.map(\.terminalSafe))
    }
}
