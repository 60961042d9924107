extension HighlightStyle {
    /// The style `--markers OPEN,CLOSE` asks for, split at the first comma (`<<,>>`; `,,`
    /// marks with commas).
    ///
    /// Throws `.badOption` without a comma, and for control characters, which would reach
    /// the terminal.
    public static func markers(_ text: String) throws(LBSearchError) -> HighlightStyle {
        guard let comma = text.firstIndex(of: ","), comma != text.startIndex || text.count > 1
        else {
            throw .badOption(.markersWithoutComma)
        }
        let open = String(text[..<comma])
        let close = String(text[text.index(after: comma)...])
        guard !(open + close).unicodeScalars.contains(where: TerminalSafety.isUnsafe) else {
            throw .badOption(.markersWithControlCharacters)
        }
        return .markers(open: open, close: close)
    }
}
