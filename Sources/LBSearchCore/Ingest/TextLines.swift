/// Splits text into lines at any line break (`\n`, `\r\n`, `\r`), keeping empty lines.
enum TextLines {
    /// `text` without white space at either end (a cheap native trim: documents can be long).
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        guard let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        if first == text.startIndex, text.index(after: last) == text.endIndex { return text }
        return String(text[first...last])
    }

    static func split(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }
}
