import LBSearchCore

/// How many matching documents have each source, tag and year: the page's filters.
public struct FacetCounts: Sendable, Equatable {
    /// One value of a field and the number of matching documents that have it.
    public struct Count: Sendable, Equatable {
        /// The source, tag or year.
        public var value: String
        /// Matching documents with that value.
        public var count: Int
    }

    /// By source, most documents first (then by value).
    public var source: [Count] = []
    /// By tag.
    public var tag: [Count] = []
    /// By year of the document's date.
    public var year: [Count] = []

    /// `{"source": [{"value", "count"}], "tag": […], "year": […]}`.
    public var json: JSONValue {
        .object([("source", Self.json(source)), ("tag", Self.json(tag)), ("year", Self.json(year))])
    }

    /// Counts of `values` (one entry per matching document), most first, then by value.
    static func counted(_ values: [String]) -> [Count] {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.map { Count(value: $0.key, count: $0.value) }.sorted {
            ($0.count, $1.value) > ($1.count, $0.value)
        }
    }

    static func json(_ counts: [Count]) -> JSONValue {
        .array(
            counts.map {
                .object([("value", .string($0.value)), ("count", .number(Double($0.count)))])
            }
        )
    }
}

/// Counts facets for a search over a store.
public protocol FacetCounting: Sendable {
    /// The facets of every document `request` matches (not only its page).
    func facets(_ request: SearchRequest, _ store: IndexStore) throws -> FacetCounts
}

/// Facets from the best `depth` hits of the same search, without snippets.
///
/// Exact for any result set of up to `depth` documents. Hits carry no tags, so `tag` stays
/// empty.
///
/// A stand-in until the library counts facets over the whole result set in SQL.
public struct HitFacets: FacetCounting {
    /// Hits counted at most.
    public var depth = 1_000

    /// Facets counted from the hits.
    public init() {}

    /// The counts over the best `depth` hits of `request`'s search.
    public func facets(_ request: SearchRequest, _ store: IndexStore) throws -> FacetCounts {
        var options = request.options
        (options.limit, options.offset) = (depth, 0)
        (options.snippets, options.suggest) = (false, false)
        let hits = try Searcher(store: store).search(request.text, options: options).hits
        var counts = FacetCounts()
        counts.source = FacetCounts.counted(hits.compactMap(\.source))
        counts.year = FacetCounts.counted(hits.compactMap { $0.date.map { String($0.prefix(4)) } })
        return counts
    }
}
