import Foundation

/// How a query was read, for `--explain`: the syntax tree, the filters and the FTS5 MATCH text.
public struct QueryExplanation: Sendable {
    /// The query and what ran for it.
    public var executed: ExecutedQuery

    /// The explanation of what a search ran (`SearchResult.executed`).
    public init(_ executed: ExecutedQuery) {
        self.executed = executed
    }

    /// The explanation of a parsed query, as it would run unchanged.
    public init(query: Query) {
        self.init(ExecutedQuery(query: query))
    }

    /// The query this explains.
    public var query: Query { executed.query }

    /// Lines of text: the tree, the MATCH text, the filters and any note.
    public var text: String {
        var lines = ["query:"]
        if let root = query.root {
            lines.append(root.tree(indent: "  ").trimmingCharacters(in: .newlines))
            lines.append("match: " + (executed.expression ?? "(nothing)"))
            if let required = executed.required, required != executed.expression {
                lines.append("required: " + required)
            }
            if let expansion = executed.expansion {
                lines.append("expansion: " + expansion.summary)
            }
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
