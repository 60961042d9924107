/// Splits text into lines at any line break (`\n`, `\r\n`, `\r`), keeping empty lines.
enum TextLines {
    static func split(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }
}
