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

    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value) || HighlightMarker.isMarker(scalar)
    }
}
