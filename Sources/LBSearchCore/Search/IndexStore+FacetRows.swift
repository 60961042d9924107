import GRDB

/// Counting the values of source, tag and year over every document a search matches, in SQL:
/// FTS5 MATCH and the search's filters, no ranking.
extension IndexStore {
    /// The facet fields, as the API names them.
    public static let facetFields = ["source", "tag", "year"]

    /// For each of `facetFields`, the values of the documents `text` matches under `options`
    /// (its filters and dates; `relaxed` for a search that fell back to any of the words) and
    /// how many have each, most first, then by value.
    ///
    /// Counting runs under the search's time budget: a field it could not finish is empty.
    public func facetCounts(_ text: String, options: SearchOptions, relaxed: Bool) throws
        -> [String: [(value: String, count: Int)]]
    {
        var query = try QueryParser.parse(text)
        query.filters.dates += options.dates
        if relaxed || options.match == .any, let loosened = query.relaxed { query = loosened }
        let expression = query.root.flatMap(MatchExpression.of)
        let candidates = CandidateQuery(
            expression: expression, filters: query.filters, sort: .relevance, limit: 0, offset: 0)
        return try read { db in
            let budget = QueryBudget(seconds: options.timeout)
            var counts: [String: [(value: String, count: Int)]] = [:]
            for field in Self.facetFields {
                let sql = Self.facetSQL(field, candidates)
                counts[field] =
                    try budget.bounded(db) {
                        try Row.fetchAll(db, sql: sql.text, arguments: sql.arguments).map {
                            (value: $0[0] as String, count: $0[1] as Int)
                        }
                    } ?? []
            }
            return counts
        }
    }

    /// The grouping query of one facet field.
    static func facetSQL(_ field: String, _ candidates: CandidateQuery)
        -> (text: String, arguments: StatementArguments)
    {
        var arguments: StatementArguments = []
        var conditions: [String] = []
        var from = "documents d"
        if let expression = candidates.expression {
            from = "documents_fts JOIN documents d ON d.id = documents_fts.rowid"
            conditions.append("documents_fts MATCH ?")
            arguments += [expression]
        }
        conditions += candidates.filterConditions(&arguments)
        let value: String
        switch field {
        case "source": value = "d.source"
        case "tag":
            from += ", json_each(d.tags) t"
            value = "t.value"
        default: value = "substr(d.date, 1, 4)"
        }
        conditions.append("\(value) IS NOT NULL AND \(value) != ''")
        let text = """
            SELECT \(value) AS value, count(*) AS n FROM \(from)
            WHERE \(conditions.joined(separator: " AND "))
            GROUP BY \(value) ORDER BY n DESC, value
            """
        return (text, arguments)
    }
}
