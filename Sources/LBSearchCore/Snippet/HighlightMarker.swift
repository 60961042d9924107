/// The private-use characters that FTS5 `highlight()` wraps matches in; never stored in documents.
public enum HighlightMarker {
    /// What `highlight()` puts before each match: the first code point of the Private Use Area.
    public static let open: Unicode.Scalar = "\u{E000}"
    /// What `highlight()` puts after each match.
    public static let close: Unicode.Scalar = "\u{E001}"

    static func isMarker(_ scalar: Unicode.Scalar) -> Bool {
        scalar == open || scalar == close
    }
}
