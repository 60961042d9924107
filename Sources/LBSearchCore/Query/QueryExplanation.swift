import Foundation

/// How a query was read, for `--explain`: the syntax tree, the filters and the FTS5 MATCH text.
public struct QueryExplanation: Sendable {
    public var query: Query

    public init(query: Query) {
        self.query = query
    }

    public var text: String {
        var lines = ["query:"]
        if let root = query.root {
            lines.append(root.tree(indent: "  ").trimmingCharacters(in: .newlines))
            lines.append("match: " + (MatchExpression.of(root) ?? "(nothing)"))
        } else {
            lines.append("  (no words: filters only, newest first)")
        }
        if !query.filters.isEmpty {
            lines.append("filters:")
            lines += query.filters.description.split(separator: "\n").map { "  " + $0 }
        }
        if query.truncated {
            lines.append("note: only the first \(QueryParser.maxTexts) words are searched")
        }
        return lines.joined(separator: "\n")
    }
}
