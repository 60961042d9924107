import Foundation

/// Renders hits as CSV (RFC 4180) or TSV, a header row then one row per hit.
///
/// The header is `rank,score,id,title,date,source,path,snippet`.
///
/// Text from documents is sanitized as for a terminal (`TerminalSafety`): escape sequences,
/// control characters and bidirectional overrides are removed; CSV keeps line breaks.
///
/// Text cells that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
/// tab or carriage return) get a leading `'`, as OWASP's "CSV Injection" guidance advises.
public struct DelimitedWriter: Sendable {
    /// The first row: the column names, in column order.
    public static let header = [
        "rank", "score", "id", "title", "date", "source", "path", "snippet",
    ]

    /// Which of the two delimited formats to write.
    public enum Dialect: Sendable {
        /// Comma-separated, fields quoted when needed, CRLF line ends (RFC 4180).
        case csv
        /// Tab-separated, one line per hit: tabs and line breaks inside fields become spaces.
        case tsv
    }

    /// Whether rows are written as CSV or as TSV.
    public var dialect: Dialect
    /// How matches are marked in the snippet column.
    public var markers: HighlightStyle

    /// A writer of `dialect` that marks matches in the snippet column with `markers`.
    public init(_ dialect: Dialect, markers: HighlightStyle = .plain) {
        self.dialect = dialect
        self.markers = markers
    }

    /// The header row, then one row per hit, each line ended as the dialect ends lines.
    public func render(_ hits: [Hit]) -> String {
        let rows = [Self.header] + hits.map(cells)
        return rows.map(line).joined()
    }

    /// The cells of one hit: every text field sanitized for a terminal (`cat hits.tsv` runs no
    /// escape sequence from a document), then neutralized for spreadsheets.
    func cells(_ hit: Hit) -> [String] {
        let snippet = hit.snippet.terminalSafe.rendered(markers)
        let text = [hit.id, hit.title.text, hit.date ?? "", hit.source ?? "", hit.path, snippet]
            .map(sanitized).map(Self.neutralized)
        return [String(hit.rank), String(JSONWriter.rounded(hit.score))] + text
    }

    /// `field` without what a terminal would act on; CSV keeps line breaks (quoted), TSV cannot.
    func sanitized(_ field: String) -> String {
        switch dialect {
        case .csv: return TerminalSafety.sanitizeKeepingLineBreaks(field)
        case .tsv: return TerminalSafety.sanitize(field)
        }
    }

    func line(_ fields: [String]) -> String {
        switch dialect {
        case .csv: return fields.map(Self.quoted).joined(separator: ",") + "\r\n"
        case .tsv: return fields.map(Self.flattened).joined(separator: "\t") + "\n"
        }
    }

    /// A field quoted when it holds a comma, quote or line break, with quotes doubled.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func flattened(_ field: String) -> String {
        String(field.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }

    /// A leading `'` for cells a spreadsheet would evaluate.
    static func neutralized(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first)
        else { return field }
        return "'" + field
    }
}
