import Foundation

/// Renders hits as JSON (one document) or JSON Lines (one object per hit).
///
/// Each hit has `rank`, `score`, `id`, `title`, `title_highlights` (the matches in the title),
/// `date`, `source`, `path`, `url`, `snippet` (plain text with `[`…`]` around matches) and
/// `fragments`: `{"text", "highlights"}`; highlights are `[start, end)` offsets in Unicode code
/// points of that title's or fragment's text. A hit that copies of its text were folded into
/// has `copies`: `[{"id", "source"}]`, best ranked first (absent when it has none). With
/// facets, the document ends with `facets` (see
/// `object(_:)` for facet counts).
public enum JSONWriter {
    /// Scores are rounded to this many decimals: enough to order, stable to compare.
    static let scoreDecimals = 6.0

    /// JSON Lines: one object per hit, each on a line of its own.
    public static func lines(_ hits: [Hit], markers: HighlightStyle = .plain) -> String {
        hits.map { object($0, markers).serialized() + "\n" }.joined()
    }

    /// The page as one object.
    ///
    /// `total` is the number of matching documents (nil when not known); `complete` is false
    /// when the time budget cut the search short, and the hits are then the best of the
    /// documents it reached.
    public static func document(
        _ hits: [Hit], query: String, relaxed: Bool, suggestion: String? = nil, total: Int? = nil,
        complete: Bool = true,
        markers: HighlightStyle = .plain, facets: FacetCounts? = nil
    ) -> String {
        var fields: [(String, JSONValue)] = [
            ("query", .string(query)),
            ("match", .string(relaxed ? "any" : "all")),
            ("suggestion", .optional(suggestion)),
            ("count", .number(Double(hits.count))),
        ]
        if let total { fields.append(("total", .number(Double(total)))) }
        fields.append(("complete", .bool(complete)))
        fields.append(("hits", .array(hits.map { object($0, markers) })))
        if let facets { fields.append(("facets", object(facets))) }
        return JSONValue.object(fields).serialized() + "\n"
    }

    /// `{"source": [{"value", "count"}, …], "tag": […], "year": […]}`, the fields asked for in
    /// their order, each's values most frequent first.
    public static func object(_ facets: FacetCounts) -> JSONValue {
        .object(
            facets.fields.map { field in
                let values = facets[field].map { value -> JSONValue in
                    .object([
                        ("value", .string(value.value)), ("count", .number(Double(value.count))),
                    ])
                }
                return (field.rawValue, .array(values))
            })
    }

    static func object(_ hit: Hit, _ markers: HighlightStyle = .plain) -> JSONValue {
        var fields = fields(hit, markers)
        if !hit.copies.isEmpty {
            fields.append(("copies", .array(hit.copies.map(copy))))
        }
        if let explanation = hit.explanation {
            fields.append(("explanation", Self.explanation(explanation)))
        }
        return .object(fields)
    }

    /// `{"id", "source"}` of a copy folded into a hit.
    static func copy(_ copy: DocumentCopy) -> JSONValue {
        .object([("id", .string(copy.id)), ("source", .optional(copy.source))])
    }

    /// `{"name", "value", "facts": {name: value}, "details": [...]}`, recursively.
    static func explanation(_ node: Explanation) -> JSONValue {
        .object([
            ("name", .string(node.name)),
            ("value", .number(node.value)),
            ("facts", .object(node.facts.map { ($0.name, .number($0.value)) })),
            ("details", .array(node.details.map(explanation))),
        ])
    }

    static func fields(_ hit: Hit, _ markers: HighlightStyle) -> [(String, JSONValue)] {
        [
            ("rank", .number(Double(hit.rank))),
            ("score", .number(rounded(hit.score))),
            ("id", .string(hit.id)),
            ("title", .string(hit.title.text)),
            ("title_highlights", highlights(hit.title.highlights)),
            ("date", .optional(hit.date)),
            ("source", .optional(hit.source)),
            ("path", .string(hit.path)),
            ("url", .optional(hit.url)),
            ("snippet", .string(hit.snippet.rendered(markers))),
            ("fragments", .array(hit.snippet.fragments.map(fragment))),
        ]
    }

    static func fragment(_ fragment: Fragment) -> JSONValue {
        .object([("text", .string(fragment.text)), ("highlights", highlights(fragment.highlights))])
    }

    /// `[[start, end], …]`: code-point ranges, end exclusive.
    static func highlights(_ ranges: [Range<Int>]) -> JSONValue {
        .array(
            ranges.map { .array([.number(Double($0.lowerBound)), .number(Double($0.upperBound))]) })
    }

    static func rounded(_ score: Double) -> Double {
        let scale = pow(10, scoreDecimals)
        return (score * scale).rounded() / scale
    }
}
