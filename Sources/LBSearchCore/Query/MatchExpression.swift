import Foundation

/// The one place that writes FTS5 MATCH text. Every word is a quoted FTS5 string, so no
/// input can be read as FTS5 syntax (FTS5 documentation, section 3.1 "FTS5 Strings").
public enum MatchExpression {
    /// Documents that contain every word.
    public static func all(_ query: Query) -> String {
        query.words.map(quoted).joined(separator: " AND ")
    }

    /// Documents that contain at least one word.
    public static func any(_ query: Query) -> String {
        query.words.map(quoted).joined(separator: " OR ")
    }

    /// `text` as an FTS5 string: wrapped in double quotes, inner double quotes doubled.
    public static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
