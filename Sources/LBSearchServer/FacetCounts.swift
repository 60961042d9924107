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
    /// The facets of every document `request` matches (not only its page); `relaxed` when the
    /// search fell back to any of the words.
    func facets(_ request: SearchRequest, relaxed: Bool, _ store: IndexStore) throws
        -> FacetCounts
}

/// Facets counted in SQL over every matching document (`IndexStore.facetCounts`).
public struct IndexFacets: FacetCounting {
    /// Facets counted by the index.
    public init() {}

    /// The counts of `request`'s matching documents by source, tag and year.
    public func facets(_ request: SearchRequest, relaxed: Bool, _ store: IndexStore) throws
        -> FacetCounts
    {
        let rows = try store.facetCounts(request.text, options: request.options, relaxed: relaxed)
        let counts = { (field: String) in
            (rows[field] ?? []).map { FacetCounts.Count(value: $0.value, count: $0.count) }
        }
        return FacetCounts(source: counts("source"), tag: counts("tag"), year: counts("year"))
    }
}
