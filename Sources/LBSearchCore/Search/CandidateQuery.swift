import GRDB

/// The SQL that finds and orders candidate documents: FTS5 MATCH for the text, plain SQL
/// over the documents table for filters.
struct CandidateQuery {
    var expression: String?
    var filters: QueryFilters
    var sort: SortOrder
    var limit: Int
    var offset: Int
    /// The `RankingSpec.encoded` handed to `lbsearch_rank`.
    var spec = RankingSpec().encoded

    init(expression: String?, filters: QueryFilters, sort: SortOrder, limit: Int, offset: Int) {
        self.expression = expression
        self.filters = filters
        self.sort = sort
        self.limit = limit
        self.offset = offset
    }

    /// Row ids and scores, best first (row id breaks ties, so runs are repeatable). Scores come
    /// from `lbsearch_rank` (see `RankingFunctions`); a filters-only query scores 0.
    func fetch(_ db: Database) throws -> [(id: Int64, score: Double)] {
        var arguments: StatementArguments = []
        var conditions: [String] = []
        let sql: String
        if let expression {
            arguments += [spec, expression]
            conditions.append("documents_fts MATCH ?")
            conditions += filterConditions(&arguments)
            // Joining the documents table costs a lookup per matching row: only when needed.
            let join = conditions.count > 1 || sort == .date ? "JOIN documents d ON d.id = documents_fts.rowid" : ""
            sql = """
                SELECT documents_fts.rowid, lbsearch_rank(documents_fts, ?) AS score
                FROM documents_fts \(join)
                WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(order) LIMIT ? OFFSET ?
                """
        } else {
            conditions += filterConditions(&arguments)
            sql = """
                SELECT d.id, 0.0 AS score FROM documents d
                WHERE \(conditions.isEmpty ? "1" : conditions.joined(separator: " AND "))
                ORDER BY d.date IS NULL, d.date DESC, d.id LIMIT ? OFFSET ?
                """
        }
        arguments += [limit, offset]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { (id: $0[0], score: $0[1]) }
    }

    var order: String {
        switch sort {
        case .relevance: return "score DESC, documents_fts.rowid"
        case .date: return "d.date IS NULL, d.date DESC, score DESC, documents_fts.rowid"
        }
    }

    /// SQL conditions on `d` for every filter, appending their values to `arguments`.
    func filterConditions(_ arguments: inout StatementArguments) -> [String] {
        var conditions: [String] = []
        if !filters.sources.isEmpty {
            conditions.append("d.source COLLATE NOCASE IN (\(placeholders(filters.sources.count)))")
            arguments += StatementArguments(filters.sources)
        }
        if !filters.excludedSources.isEmpty {
            conditions.append("(d.source IS NULL OR d.source COLLATE NOCASE NOT IN (\(placeholders(filters.excludedSources.count))))")
            arguments += StatementArguments(filters.excludedSources)
        }
        for tag in filters.tags {
            conditions.append("EXISTS (SELECT 1 FROM json_each(d.tags) WHERE value = ? COLLATE NOCASE)")
            arguments += [tag]
        }
        for tag in filters.excludedTags {
            conditions.append("NOT EXISTS (SELECT 1 FROM json_each(d.tags) WHERE value = ? COLLATE NOCASE)")
            arguments += [tag]
        }
        for range in filters.dates {
            if let from = range.from {
                conditions.append("d.date >= ?")
                arguments += [from]
            }
            if let to = range.to {
                conditions.append("d.date <= ?")
                arguments += [to]
            }
        }
        return conditions
    }

    func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
