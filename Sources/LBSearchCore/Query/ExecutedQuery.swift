/// The query a search ran, as it ran, for `--explain`.
///
/// That is after the fallback to any of the words, `--match any` or `--expand`;
/// `SearchResult.executed` carries it.
public struct ExecutedQuery: Sendable, Hashable {
    /// The tree and filters that ran (`--since`/`--until` included, prefixes that stood for
    /// too many words made plain words).
    public var query: Query
    /// The FTS5 MATCH text that ran (expansion terms included); nil for a filters-only query.
    public var expression: String?
    /// The names of the expression's phrases, in order (expansion terms as `+term`).
    public var phrases: [String]
    /// A MATCH text every hit must also match: the typed query, when `--expand` added terms
    /// that re-rank its documents but let no other document in.
    public var required: String?
    /// What `--expand` did: the terms it added, or why it added none; nil without `--expand`.
    public var expansion: ExpansionReport?

    /// The query as compiled, before any expansion.
    public init(query: Query) {
        let plan = query.root.flatMap(MatchExpression.compile)
        self.init(query: query, expression: plan?.text, phrases: plan?.labels ?? [])
    }

    /// A query and what ran for it.
    public init(
        query: Query, expression: String?, phrases: [String], required: String? = nil,
        expansion: ExpansionReport? = nil
    ) {
        self.query = query
        self.expression = expression
        self.phrases = phrases
        self.required = required
        self.expansion = expansion
    }
}
