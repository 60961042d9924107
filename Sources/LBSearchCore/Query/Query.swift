/// A parsed query: a syntax tree of what to find, and metadata filters.
public struct Query: Sendable, Hashable {
    /// What documents must contain; nil when the query is only filters.
    public var root: QueryNode?
    /// Metadata conditions every document must meet.
    public var filters: QueryFilters
    /// True when words past `QueryParser.maxTexts` were dropped.
    public var truncated: Bool

    /// A query from its parts.
    public init(root: QueryNode?, filters: QueryFilters = QueryFilters(), truncated: Bool = false) {
        self.root = root
        self.filters = filters
        self.truncated = truncated
    }

    /// The texts a document is asked to contain, in the order typed.
    public var words: [String] { root?.positiveTexts ?? [] }

    /// True when the query asks for nothing at all.
    public var isEmpty: Bool { root == nil && filters.isEmpty }

    /// The same query with "all of these" loosened to "any of these", exclusions kept;
    /// nil when there is nothing to loosen.
    public var relaxed: Query? {
        guard case .and(let children) = root else { return nil }
        let positives = children.filter { !$0.isExclusion }
        guard positives.count > 1 else { return nil }
        let exclusions = children.filter(\.isExclusion)
        var copy = self
        copy.root = exclusions.isEmpty ? .or(positives) : .and([.or(positives)] + exclusions)
        return copy
    }
}

/// How the words of a query combine.
public enum MatchMode: String, Sendable, CaseIterable {
    /// Every word must match; when no document has them all, fall back to `any`.
    case auto
    /// Every word must match.
    case all
    /// At least one word must match; documents with more of them rank higher.
    case any
}

/// The order of hits.
public enum SortOrder: String, Sendable, CaseIterable {
    /// Best match first.
    case relevance
    /// Newest first; undated documents last.
    case date
}
