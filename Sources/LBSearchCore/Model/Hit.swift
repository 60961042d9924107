/// One ranked search result, ready to be rendered.
public struct Hit: Sendable, Hashable {
    /// 1-based position in the full ranking (offset included).
    public var rank: Int
    /// Relevance score; larger is better.
    public var score: Double
    /// The JSONL record id, or the display path for a whole-file document.
    public var id: String
    /// The title, with the spans that matched the query.
    public var title: Fragment
    /// The document's date as `yyyy-mm-dd`, when it states one.
    public var date: String?
    /// The publisher the document names, when it names one.
    public var source: String?
    /// Path as shown to the user (relative to the working directory when inside it).
    public var path: String
    /// The web address the document gives for itself, when it gives one.
    public var url: String?
    /// The passages of the body chosen to show, with their highlights.
    public var snippet: Snippet
    /// Why the hit has its score, when asked for (`--explain`).
    public var explanation: Explanation?
    /// The other matching documents that are copies of this one, folded into it (best ranked
    /// first); empty when there are none or collapsing is off (`--no-collapse`).
    public var copies: [DocumentCopy] = []

    /// A hit from its fields; `explanation` is given only for `--explain`.
    public init(
        rank: Int, score: Double, id: String, title: Fragment, date: String?, source: String?,
        path: String, url: String?, snippet: Snippet, explanation: Explanation? = nil
    ) {
        self.rank = rank
        self.score = score
        self.id = id
        self.title = title
        self.date = date
        self.source = source
        self.path = path
        self.url = url
        self.snippet = snippet
        self.explanation = explanation
    }
}

/// A copy of a hit's text that was folded into the hit.
public struct DocumentCopy: Sendable, Hashable {
    /// The copy's public id, as a hit of it would show.
    public var id: String
    /// The publisher it names, when it names one.
    public var source: String?

    /// A copy from its id and source.
    public init(id: String, source: String?) {
        self.id = id
        self.source = source
    }
}

/// The outcome of one search: the page of hits and how the query was applied.
public struct SearchResult: Sendable {
    /// The requested page of hits, best first.
    public var hits: [Hit]
    /// True when no document had every word and the documents with some of them are shown.
    public var relaxed: Bool
    /// Number of searchable words in the query.
    public var wordCount: Int
    /// The query with misspelt words replaced by indexed ones, when it found little.
    public var suggestion: String?
    /// Documents that match in all (a lower bound when `cut`).
    public var total = 0
    /// True when the time budget stopped the search before every match was ranked.
    ///
    /// The hits are then the best of the documents it reached.
    public var cut = false
    /// Seconds the search took, from parsing the query to the last snippet.
    public var seconds = 0.0
    /// Prefixes (`a*`) that stood for too many indexed words and were searched as plain words.
    public var narrowedPrefixes: [String] = []
    /// The query that ran, as it ran (after the fallback, `--match any` or `--expand`), for
    /// `--explain`; nil only for a result no search made.
    public var executed: ExecutedQuery?
    /// The counts of `SearchOptions.facets` over every match; nil when none were asked for,
    /// or when the time budget ran out before they were counted.
    public var facets: FacetCounts?

    /// A result whose `total`, `cut` and `narrowedPrefixes` the searcher sets afterwards.
    public init(hits: [Hit], relaxed: Bool, wordCount: Int, suggestion: String? = nil) {
        self.hits = hits
        self.relaxed = relaxed
        self.wordCount = wordCount
        self.suggestion = suggestion
    }
}
