/// `lbsearch export --mapping opensearch`: the index settings and mapping for OpenSearch or
/// Elasticsearch (`PUT /NAME`) that analyze text as lbsearch's tokenizer does.
///
/// lbsearch folds full- and half-width forms, cuts CJK runs into overlapping bigrams and hands
/// the rest to `porter unicode61 remove_diacritics 2` (`Tokenizer`). The analyzer
/// `lbsearch_text` does the same with the engines' own parts: the `standard` tokenizer (Unicode
/// word breaks, CJK as single characters), `cjk_width` (width folding), `lowercase`,
/// `asciifolding` (diacritics), `cjk_bigram` (overlapping bigrams of CJK characters) and
/// `porter_stem` (the Porter stemmer FTS5's `porter` uses). `date` is a date (`yyyy-MM-dd`),
/// `source` and `tags` keywords for facets, `path`, `hash` and `url` keywords (matched whole,
/// never analyzed as text). The remote engine ranks with its own BM25, not lbsearch's ranking.
public enum OpenSearchMapping {
    /// The engines `--mapping` knows.
    public static let engines = ["opensearch"]

    /// The body of `PUT /NAME`, as one line of JSON ending with a line feed.
    public static var json: String {
        JSONValue.object([("settings", settings), ("mappings", mappings)]).serialized() + "\n"
    }

    static var settings: JSONValue {
        let filters = ["cjk_width", "lowercase", "asciifolding", "cjk_bigram", "porter_stem"]
        let analyzer = JSONValue.object([
            ("type", .string("custom")), ("tokenizer", .string("standard")),
            ("filter", .array(filters.map(JSONValue.string))),
        ])
        return .object([
            ("analysis", .object([("analyzer", .object([("lbsearch_text", analyzer)]))]))
        ])
    }

    static var mappings: JSONValue {
        let text = JSONValue.object([
            ("type", .string("text")), ("analyzer", .string("lbsearch_text")),
        ])
        let keyword = JSONValue.object([("type", .string("keyword"))])
        return .object([
            (
                "properties",
                .object([
                    ("title", text), ("body", text),
                    (
                        "date",
                        .object([("type", .string("date")), ("format", .string("yyyy-MM-dd"))])
                    ),
                    ("source", keyword), ("url", keyword), ("tags", keyword), ("path", keyword),
                    ("hash", keyword),
                ])
            )
        ])
    }
}
