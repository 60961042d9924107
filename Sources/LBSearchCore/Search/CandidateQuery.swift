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
    /// A second MATCH expression every candidate must also satisfy.
    var required: String?

    init(expression: String?, filters: QueryFilters, sort: SortOrder, limit: Int, offset: Int) {
        self.expression = expression
        self.filters = filters
        self.sort = sort
        self.limit = limit
        self.offset = offset
    }

    /// Row ids and scores, best first. Scores come from `lbsearch_rank` (see
    /// `RankingFunctions`); a filters-only query scores 0.
    ///
    /// Documents that tie are ordered by path (then record), never by row id: row ids depend
    /// on the order documents were added, so an index brought up to date run by run must
    /// answer exactly as one built afresh. Ties are rare (copies of a file), so SQLite orders by
    /// score and only the tie at the edge of the page is widened until it is whole.
    func fetch(_ db: Database) throws -> [(id: Int64, score: Double)] {
        let end = offset + limit
        // Filters alone are ordered by date and path in SQL already.
        if expression == nil { return try fetchRows(limit: end, db).dropFirst(offset).map { (id: $0.id, score: $0.score) } }
        var extra = 1
        var rows = try fetchRows(limit: end + extra, db)
        while rows.count == end + extra, end > 0, Self.key(rows[end]) == Self.key(rows[end - 1]), extra < 100_000 {
            extra *= 8
            rows = try fetchRows(limit: end + extra, db)
        }
        let paths = try Self.paths(of: tiedIDs(rows), db)
        let ordered = rows.enumerated().sorted { a, b in
            let (ka, kb) = (Self.key(a.element), Self.key(b.element))
            if ka != kb { return a.offset < b.offset }
            return (paths[a.element.id] ?? "", a.offset) < (paths[b.element.id] ?? "", b.offset)
        }.map { (id: $0.element.id, score: $0.element.score) }
        return Array(ordered.dropFirst(offset).prefix(limit))
    }

    /// What the SQL orders by: for relevance the score; for date the date, then the score.
    static func key(_ row: CandidateRow) -> [String] {
        [row.date ?? "", String(row.score)]
    }

    /// Row ids that share their ordering key with a neighbour.
    func tiedIDs(_ rows: [CandidateRow]) -> [Int64] {
        guard rows.count > 1 else { return [] }
        return rows.indices.filter { index in
            (index > 0 && Self.key(rows[index - 1]) == Self.key(rows[index]))
                || (index + 1 < rows.count && Self.key(rows[index + 1]) == Self.key(rows[index]))
        }.map { rows[$0].id }
    }

    /// `path` + NUL + `record` of each id, the order ties are broken in.
    static func paths(of ids: [Int64], _ db: Database) throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        let list = ids.map(String.init).joined(separator: ",")
        let rows = try Row.fetchAll(db, sql: "SELECT id, path || char(0) || record FROM documents WHERE id IN (\(list))")
        return Dictionary(rows.map { ($0[0] as Int64, $0[1] as String) }, uniquingKeysWith: { first, _ in first })
    }

    /// The first `limit` candidates in SQL order.
    func fetchRows(limit: Int, _ db: Database) throws -> [CandidateRow] {
        var arguments: StatementArguments = []
        var conditions: [String] = []
        let sql: String
        if let expression {
            arguments += [spec, expression]
            conditions.append("documents_fts MATCH ?")
            if let required {
                conditions.append("documents_fts.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
                arguments += [required]
            }
            conditions += filterConditions(&arguments)
            // Joining the documents table costs a lookup per matching row: only when needed.
            let join = !filters.isEmpty || sort == .date ? "JOIN documents d ON d.id = documents_fts.rowid" : ""
            let date = sort == .date ? "d.date" : "NULL"
            sql = """
                SELECT documents_fts.rowid, lbsearch_rank(documents_fts, ?) AS score, \(date)
                FROM documents_fts \(join)
                WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(order) LIMIT ?
                """
        } else {
            conditions += filterConditions(&arguments)
            sql = """
                SELECT d.id, 0.0 AS score, NULL FROM documents d
                WHERE \(conditions.isEmpty ? "1" : conditions.joined(separator: " AND "))
                ORDER BY d.date IS NULL, d.date DESC, d.path, d.record LIMIT ?
                """
        }
        arguments += [limit]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { CandidateRow(id: $0[0], score: $0[1], date: $0[2]) }
    }

    var order: String {
        switch sort {
        case .relevance: return "score DESC"
        case .date: return "d.date IS NULL, d.date DESC, score DESC"
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

/// One candidate as SQL ordered it.
struct CandidateRow {
    var id: Int64
    var score: Double
    /// The date when ordering by date (its key), else nil.
    var date: String?
}
