/// The output formats of a search.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, jsonl, csv, tsv
}

/// How matches are marked in rendered text.
public enum HighlightStyle: Sendable, Hashable {
    /// ANSI bold red, for a terminal.
    case ansi
    /// Plain markers around each match, for pipes and files.
    case markers(open: String, close: String)
    /// No marks at all.
    case none

    /// The markers used in machine output and when output is not a terminal.
    public static let plain = HighlightStyle.markers(open: "[", close: "]")
}

extension Fragment {
    /// The text with its matches marked in `style`.
    public func rendered(_ style: HighlightStyle) -> String {
        let (open, close): (String, String)
        switch style {
        case .ansi: (open, close) = (ANSI.match, ANSI.reset)
        case .markers(let o, let c): (open, close) = (o, c)
        case .none: return text
        }
        var out = ""
        var offset = 0
        var pending = highlights[...]
        for scalar in text.unicodeScalars {
            if let next = pending.first, next.lowerBound == offset { out += open }
            out.unicodeScalars.append(scalar)
            offset += 1
            if let next = pending.first, next.upperBound == offset {
                out += close
                pending = pending.dropFirst()
            }
        }
        return out
    }
}

extension Snippet {
    /// The fragments joined in document order, with `…` wherever text was cut.
    public func rendered(_ style: HighlightStyle) -> String {
        guard let first = fragments.first, let last = fragments.last else { return "" }
        let body = fragments.map { $0.rendered(style) }.joined(separator: " … ")
        return (first.atStart ? "" : "…") + body + (last.atEnd ? "" : "…")
    }
}

/// The escape sequences lbsearch itself writes to a terminal.
enum ANSI {
    static let match = "\u{1B}[1;31m"
    static let bold = "\u{1B}[1m"
    static let dim = "\u{1B}[2m"
    static let path = "\u{1B}[35m"
    static let reset = "\u{1B}[0m"
}
