import GRDB

/// Counts facet values over every document a query matched, in one pass over the matches.
struct FacetCounter {
    /// The fields to count.
    var fields: [FacetField]

    /// ASCII unit separator, between a document's tags in one SQL value: no tag holds it.
    static let tagSeparator: Character = "\u{1F}"

    /// The counts over the documents `executed` matched: its MATCH expression (and the one
    /// every hit must also match, after `--expand`) and its filters; a filters-only query
    /// counts the documents its filters let through.
    func counts(_ executed: ExecutedQuery, _ db: Database) throws -> FacetCounts {
        var request = CandidateQuery(
            expression: executed.expression, filters: executed.query.filters, sort: .relevance,
            limit: 0, offset: 0)
        request.required = executed.required
        var arguments: StatementArguments = []
        let sql = sql(request, &arguments)
        var tallies: [FacetField: [String: Int]] = [:]
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() { tally(row, into: &tallies) }
        return FacetCounts(
            fields: fields,
            values: tallies.mapValues { $0.map { FacetValue(value: $0.key, count: $0.value) } })
    }

    /// One row per matching document, with a column per field (`source`, `year`, `tag`).
    func sql(_ request: CandidateQuery, _ arguments: inout StatementArguments) -> String {
        let columns = fields.map { "\(Self.column($0)) AS \($0.rawValue)" }.joined(separator: ", ")
        guard let expression = request.expression else {
            let conditions = request.filterConditions(&arguments)
            let filter = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
            return "SELECT \(columns) FROM documents d WHERE \(filter)"
        }
        var conditions = ["documents_fts MATCH ?"]
        arguments += [expression]
        if let required = request.required {
            // As in `CandidateQuery.scan`: the unary `+` keeps the row ids out of xBestIndex.
            conditions.append(
                "+documents_fts.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
            )
            arguments += [required]
        }
        conditions += request.filterConditions(&arguments)
        return """
            SELECT \(columns) FROM documents_fts
            CROSS JOIN documents d ON d.id = documents_fts.rowid
            WHERE \(conditions.joined(separator: " AND "))
            """
    }

    /// The SQL value of `field` for the document `d`: tags joined by `tagSeparator`.
    static func column(_ field: FacetField) -> String {
        switch field {
        case .source: return "NULLIF(d.source, '')"
        case .year: return "substr(d.date, 1, 4)"
        case .tag:
            return """
                CASE WHEN d.tags IS NULL OR d.tags = '[]' THEN NULL ELSE \
                (SELECT group_concat(value, char(31)) FROM json_each(d.tags)) END
                """
        }
    }

    /// Adds one document's values to `tallies`.
    func tally(_ row: Row, into tallies: inout [FacetField: [String: Int]]) {
        for field in fields {
            guard let value: String = row[field.rawValue], !value.isEmpty else { continue }
            if field == .tag {
                let tags = Set(value.split(separator: Self.tagSeparator).map(String.init))
                for tag in tags { tallies[field, default: [:]][tag, default: 0] += 1 }
            } else {
                tallies[field, default: [:]][value, default: 0] += 1
            }
        }
    }
}
