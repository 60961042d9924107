/// The private-use characters that FTS5 `highlight()` wraps matches in; never stored in documents.
public enum HighlightMarker {
    public static let open: Unicode.Scalar = "\u{E000}"
    public static let close: Unicode.Scalar = "\u{E001}"

    static func isMarker(_ scalar: Unicode.Scalar) -> Bool {
        scalar == open || scalar == close
    }
}
