import Foundation

/// The one place that writes FTS5 MATCH text. Every text is a quoted FTS5 string, so nothing
/// a person types is read as FTS5 syntax; only the operators written here are
/// (FTS5 documentation, section 3 "Full-text Query Syntax").
public enum MatchExpression {
    /// The MATCH text for a tree, or nil when it holds nothing to match.
    public static func of(_ node: QueryNode) -> String? {
        switch node {
        case .text(let text, _, let prefix, let titleOnly):
            // A one-character CJK run is indexed inside bigrams: it matches as their prefix.
            let prefix = prefix || CJKText.endsWithSingleCharacterRun(text)
            return (titleOnly ? "title : " : "") + quoted(text) + (prefix ? " *" : "")
        case .not(let child):
            return of(child)
        case .or(let children):
            let parts = children.filter { !$0.isExclusion }.compactMap(of)
            if parts.count <= 1 { return parts.first }
            return "(" + parts.joined(separator: " OR ") + ")"
        case .and(let children):
            let positives = children.filter { !$0.isExclusion }.compactMap(of)
            guard !positives.isEmpty else { return nil }
            var expression =
                positives.count == 1
                ? positives[0] : "(" + positives.joined(separator: " AND ") + ")"
            for exclusion in children.filter(\.isExclusion).compactMap(of) {
                expression += " NOT (" + exclusion + ")"
            }
            return expression
        }
    }

    /// A name for each FTS5 phrase of `of(node)`, in the order they appear in it (exclusions
    /// named with a leading `-`): ranking explanations label phrase i with name i.
    public static func phrases(of node: QueryNode) -> [String] {
        switch node {
        case .text(let text, _, let prefix, let titleOnly):
            return [(titleOnly ? "title:" : "") + text + (prefix ? "*" : "")]
        case .not(let child):
            return phrases(of: child).map { "-" + $0 }
        case .or(let children):
            return children.filter { !$0.isExclusion }.flatMap { phrases(of: $0) }
        case .and(let children):
            guard children.contains(where: { !$0.isExclusion && of($0) != nil }) else { return [] }
            return children.filter { !$0.isExclusion }.flatMap { phrases(of: $0) }
                + children.filter(\.isExclusion).flatMap { phrases(of: $0) }
        }
    }

    /// `text` as an FTS5 string: wrapped in double quotes, inner double quotes doubled.
    /// Scalar by scalar, so a quote that starts a grapheme cluster is doubled too.
    public static func quoted(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        result.append("\"")
        for scalar in text.unicodeScalars {
            result.append(scalar)
            if scalar == "\"" { result.append(scalar) }
        }
        result.append("\"")
        return String(result)
    }
}
