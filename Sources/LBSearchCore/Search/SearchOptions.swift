/// How a search is run and what each hit carries.
public struct SearchOptions: Sendable {
    public var limit = 10
    public var offset = 0
    public var match = MatchMode.auto
    public var sort = SortOrder.relevance
    /// Extra date bounds (`--since`, `--until`), combined with any `date:` in the query.
    public var dates: [DateRange] = []
    /// Suggest indexed words for misspelt ones when a query finds little.
    public var suggest = true
    /// Paths under this folder are shown relative to it.
    public var displayBase: String?
    public var passages = PassageSelector()
    /// Compute snippets and title highlights (off only to measure what they cost).
    public var snippets = true

    public init(limit: Int = 10, offset: Int = 0, match: MatchMode = .auto, displayBase: String? = nil) {
        self.limit = limit
        self.offset = offset
        self.match = match
        self.displayBase = displayBase
    }
}

/// Field weights for FTS5 `bm25()`. A title match counts four body matches: the title
/// weight that did best on the judged collections in ANCHORS.md ("raw FTS5 (title w=4)").
public enum FieldWeights {
    public static let title = 4.0
    public static let body = 1.0
}
