/// How a search is run and what each hit carries.
public struct SearchOptions: Sendable {
    /// Hits per page.
    public var limit = 10
    /// Best hits skipped, for paging.
    public var offset = 0
    /// Which words must match.
    public var match = MatchMode.auto
    /// The order of hits.
    public var sort = SortOrder.relevance
    /// Extra date bounds (`--since`, `--until`), combined with any `date:` in the query.
    public var dates: [DateRange] = []
    /// Suggest indexed words for misspelt ones when a query finds little.
    public var suggest = true
    /// Paths under this folder are shown relative to it.
    public var displayBase: String?
    /// How snippets are chosen (how many passages, of about how many words).
    public var passages = PassageSelector()
    /// The ranking's constants.
    public var ranking = RankingParameters()
    /// Expand the query by pseudo-relevance feedback (RM3).
    public var expand = false
    /// Blend relevance with recency; nil ranks by relevance alone.
    public var recency: RecencyBlend?
    /// Attach an `Explanation` of its score to every hit.
    public var explain = false
    /// Seconds a search may spend finding and ranking documents before it stops and returns
    /// the best it found so far (`SearchResult.cut`); nil or 0 means no limit.
    public var timeout: Double?
    /// Choose snippets and highlights (off for batch runs, which print only ids and scores).
    public var snippets = true
    /// Count these fields' values over every match (`SearchResult.facets`); none by default.
    public var facets: [FacetField] = []
    /// Show each story once: copies of a hit's text among the matches are folded into the
    /// best-ranked one (`Hit.copies`), and paging counts stories (see `CopyCollapse`).
    public var collapse = true
    /// When the ranking scan may run on two connections at once (`SplitScan`); nil for one.
    var scanSplit: ScanSplit? = .automatic

    /// Options with these common settings, the others at their defaults.
    public init(
        limit: Int = 10, offset: Int = 0, match: MatchMode = .auto, displayBase: String? = nil
    ) {
        self.limit = limit
        self.offset = offset
        self.match = match
        self.displayBase = displayBase
    }
}
