/// A stored field whose values can be counted over a search's matches (`--facets`).
public enum FacetField: String, Sendable, CaseIterable, Hashable {
    /// The document's source (`source:` in the query).
    case source
    /// Each of the document's tags (`tag:`); a document counts once for each of its tags.
    case tag
    /// The year of the document's date (`date:`), as four digits.
    case year

    /// The fields named in `list` (`source,tag,year`), in that order, each once.
    ///
    /// Throws `.badOption(.unknownFacet)` for a name that is none of them.
    public static func parse(_ list: String) throws -> [FacetField] {
        var fields: [FacetField] = []
        for name in list.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let field = FacetField(rawValue: trimmed) ?? (trimmed == "tags" ? .tag : nil)
            else {
                throw LBSearchError.badOption(.unknownFacet(String(name)))
            }
            if !fields.contains(field) { fields.append(field) }
        }
        return fields
    }
}

/// One value of a facet and the number of matching documents that have it.
public struct FacetValue: Sendable, Hashable {
    /// The value as stored (a source, a tag) or the year.
    public var value: String
    /// Matching documents with this value.
    public var count: Int

    /// A value and its count.
    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// The counts of each facet's values over every document a search matched (not just the
/// page), with its filters and match mode; the shape `--format json` and `lbsearch serve`
/// return as `facets`.
public struct FacetCounts: Sendable, Hashable {
    /// The fields counted, in the order asked for.
    public var fields: [FacetField]
    /// Each field's values, most frequent first, then by value; documents without a value
    /// are not counted.
    public var values: [FacetField: [FacetValue]]

    /// Counts for `fields` from `values`, ordered by count (descending), then value.
    public init(fields: [FacetField], values: [FacetField: [FacetValue]]) {
        self.fields = fields
        self.values = values.mapValues(Self.ordered)
    }

    /// `values` by count, most first, then by value (code point order).
    static func ordered(_ values: [FacetValue]) -> [FacetValue] {
        values.sorted { ($1.count, $0.value) < ($0.count, $1.value) }
    }

    /// The values of `field` (empty when it was not asked for or nothing has a value).
    public subscript(field: FacetField) -> [FacetValue] {
        values[field] ?? []
    }
}
