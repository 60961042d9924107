import GRDB
import GRDBSQLite

/// The SQL that finds candidate documents: FTS5 MATCH for the text, plain SQL over the
/// documents table for filters.
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
    /// An expression matching every row `expression` matches, cheaper to read (no prefix):
    /// estimated first by `SplitScan`.
    var broader: String?
    /// The expression with each phrase of several words as an `AND` of them: what FTS5 reads
    /// to find its matches, estimated by `SplitScan` instead of the expression.
    var unordered: String?
    /// Each phrase's own MATCH text when its count of rows is its document count
    /// (`RankingPlan.phraseExpressions`): `SplitScan` counts those `frequencies` lacks.
    var phraseExpressions: [String?] = []
    /// The words of a loosened query, as the number of consecutive phrases of `expression`
    /// each one is: documents that match more of them come first (then by score), so the note
    /// "showing documents with some of them" holds.
    var coverage: [Int] = []
    /// The search's time budget and the share of it this scan may use.
    var budget: QueryBudget?
    var budgetShare = 1.0
    /// When the scan may be split over two connections (`SplitScan`); nil scans on one.
    var split: ScanSplit?
    /// The row ids a scan looks at (FTS5 seeks its doclists to them); nil for every row.
    var rowids: ClosedRange<Int64>?
    /// The floor the halves of a split scan share (`SplitScan`).
    var sharedFloor: SharedFloor?
    /// The phrases' known document counts, handed to `lbsearch_rank` (`TermCounts`).
    var frequencies: String?
    /// Where the scan keeps its rows to score them once counted
    /// (`scannedCountingThePhrase`); nil when `lbsearch_rank` scores them.
    var phraseRows: PhraseRows?
    /// Rows `scannedCountingThePhrase` keeps at most (`PhraseRows.limit`).
    var phraseRowLimit = PhraseRows.defaultLimit
    /// The expression's expected matches, when already estimated (`SplitScan.expectedMatches`):
    /// a prefix's estimate merges its document lists, once is enough.
    var expected: Int?
    /// The stored best score of each block of row ids, for a query of one very common word
    /// (`scannedWithinCeilings`).
    var ceilings: ScoreCeilings.Lookup?
    /// At least as many rows as the expression matches, when known without reading them
    /// (`RankingPlan.rowBound`).
    var rowBound: Int?

    init(expression: String?, filters: QueryFilters, sort: SortOrder, limit: Int, offset: Int) {
        self.expression = expression
        self.filters = filters
        self.sort = sort
        self.limit = limit
        self.offset = offset
    }

    /// The query that runs `plan`: its expression, spec and required expression.
    init(_ plan: RankingPlan, filters: QueryFilters, sort: SortOrder, limit: Int, offset: Int) {
        self.init(
            expression: plan.expression, filters: filters, sort: sort, limit: limit, offset: offset)
        spec = plan.spec.encoded
        required = plan.required
        broader = plan.broader
        unordered = plan.unordered
        phraseExpressions = plan.phraseExpressions
        frequencies = plan.frequencies
        ceilings = plan.ceilings
        rowBound = plan.rowBound
    }

    /// The page of row ids and scores, best first, and how many documents match in all.
    ///
    /// Scores come from `lbsearch_rank` (see `RankingFunctions`); a filters-only query scores 0.
    ///
    /// Every matching row is scored and the order is decided here, not by SQL `ORDER BY`, so a
    /// scan stopped by the time budget still yields the best of the rows it reached, and the
    /// total is known without a second pass. Documents that tie are ordered by path (then
    /// record), never by row id: row ids depend on the order documents were added, so an index
    /// brought up to date run by run must answer exactly as one built afresh.
    func fetch(_ db: Database) throws -> CandidatePage {
        guard expression != nil else { return try fetchFiltered(db) }
        let scanned = try scanned(db)
        if !scanned.finished { budget?.cut = true }
        let top = try Self.ordered(scanned.best, db)
        return CandidatePage(
            candidates: Array(top.dropFirst(offset).prefix(limit)), total: scanned.seen,
            complete: scanned.finished)
    }

    /// The best `offset + limit` matching rows (and those tying with the last), in key order:
    /// on two connections at once when `split` says it pays (`SplitScan`), else on `db` alone.
    func scanned(_ db: Database) throws -> ScannedRows {
        if let rows = try scannedWithinCeilings(db) { return rows }
        var scoring = self
        if let rows = try scannedCountingThePhrase(db, estimated: &scoring.expected) {
            return rows
        }
        return try scoring.scannedScoring(db)
    }

    /// `scanned` for a query of one very common word whose blocks' best scores the index keeps.
    ///
    /// The blocks (`ScoreCeilings`) are scanned best first, until one's best is below the
    /// page's last score. nil when the query is not such a one.
    ///
    /// The rows kept are those a scan of every row keeps: a row of a block left out scores at
    /// most its block's best, below the last score of a page already full, so it could neither
    /// be on the page nor tie with its last row. The total is the term's count of rows.
    func scannedWithinCeilings(_ db: Database) throws -> ScannedRows? {
        guard let ceilings, phraseExpressions.count == 1, expression == phraseExpressions[0],
            frequencies == ceilings.frequencies, spec == ceilings.layout.spec,
            required == nil, filters.isEmpty, coverage.isEmpty, sort == .relevance,
            rowids == nil, phraseRows == nil
        else { return nil }
        let maxima = ceilings.term.maxima
        // A page of nothing needs no row: the total is known.
        let order =
            offset + limit == 0
            ? []
            : maxima.indices.filter { maxima[$0] > -.infinity }
                .sorted { maxima[$0] > maxima[$1] || (maxima[$0] == maxima[$1] && $0 < $1) }
        var rows = TopRows(count: offset + limit)
        var block = self
        block.ceilings = nil
        block.split = nil
        var scannedBlocks = 0
        let finished =
            try bounded(db) { () throws -> Bool in
                for index in order {
                    if let last = rows.settle(), last.score > maxima[index] { break }
                    block.rowids = ceilings.layout.rowids(index)
                    try block.scan(into: &rows, db)
                    scannedBlocks += 1
                }
                return true
            } != nil
        var scanned = ScannedRows(rows, finished: finished)
        scanned.seen = ceilings.term.rows
        scanned.blocks = scannedBlocks
        return scanned
    }

    /// `scanned`, every row scored by `lbsearch_rank` (or kept, with `phraseRows`).
    func scannedScoring(_ db: Database) throws -> ScannedRows {
        guard let split else { return try scannedSerially(db) }
        return try ScanThreads.shared.counting {
            try SplitScan(query: self, split: split).run(db) ?? scannedSerially(db)
        }
    }

    /// `scanned` for a query of one phrase whose document count is not known.
    ///
    /// The scan keeps its rows (`PhraseRows`), whose number is that count, and they are scored
    /// after it, rather than `lbsearch_rank` counting them first in a pass of its own. nil when
    /// the query is not such a one, or matches (or is expected to match) more rows than are
    /// kept.
    ///
    /// With a time limit that cuts the scan, the count is the rows reached, as `lbsearch_rank`
    /// counts the rows its own pass reached.
    ///
    /// When the estimate says too many rows to keep, it is left in `estimated`: a sample that
    /// filled, the density `SplitScan` would measure again before it splits.
    func scannedCountingThePhrase(_ db: Database, estimated: inout Int?) throws -> ScannedRows? {
        guard countsThePhraseWhileScanning, let (low, high) = try SplitScan.rowidBounds(db)
        else { return nil }
        // A scan that may split keeps as many rows in each half, and splits from far fewer
        // matches (`ScanSplit.minimumMatches`); one that may not keeps half as many: either
        // way, half the room at least is left for a wrong estimate.
        let halves = (split?.availableProcessors ?? 1) >= 2
        let bound = ScanSplit(
            minimumMatches: halves ? phraseRowLimit : phraseRowLimit / 2, processors: 1)
        // A bound below the keeper's room needs no estimate: the rows cannot overflow it.
        let known = rowBound.flatMap { $0 < bound.minimumMatches ? $0 : nil }
        let expected =
            try known
            ?? SplitScan(query: self, split: bound).expectedMatches(db, from: low, through: high)
        guard expected < bound.minimumMatches else {
            estimated = expected
            return nil
        }
        var counting = self
        // The split decides from this estimate when it would read the same expression.
        counting.expected = expected
        // A count handed in: `lbsearch_rank` reads no document frequency, and scores nothing.
        counting.frequencies = "0"
        counting.phraseRows = PhraseRows(limit: phraseRowLimit)
        let scanned = try counting.scannedScoring(db)
        guard !scanned.phraseRows.contains(where: \.overflowed) else { return nil }
        var rows = ScannedRows(
            PhraseRows.ranked(scanned.phraseRows, count: offset + limit),
            finished: scanned.finished)
        rows.helped = scanned.helped
        return rows
    }

    /// True for a query of one phrase (a prefix, a title-only phrase included) whose document
    /// count is not known, with nothing else to match and no filter, ranked by relevance
    /// without the language model (whose collection frequency would be a pass of its own).
    var countsThePhraseWhileScanning: Bool {
        guard phraseExpressions.count == 1, phraseRows == nil,
            rowids == nil, filters.isEmpty, required == nil, coverage.isEmpty,
            sort == .relevance, (TermCounts.parsed(frequencies, phrases: 1)?[0] ?? nil) == nil,
            let parsed = RankingSpec(encoded: spec), parsed.parameters.dirichletWeight == 0
        else { return false }
        return true
    }

    /// `scanned` on `db` alone, in one statement.
    func scannedSerially(_ db: Database) throws -> ScannedRows {
        var rows = TopRows(count: offset + limit)
        let finished = try bounded(db) { try scan(into: &rows, db) } != nil
        var scanned = ScannedRows(rows, finished: finished)
        scanned.phraseRows = phraseRows.map { [$0] } ?? []
        return scanned
    }

    func bounded<T>(_ db: Database, _ body: () throws -> T) throws -> T? {
        guard let budget else { return try body() }
        return try budget.bounded(db, upTo: budgetShare, body)
    }

    /// Filters alone: SQL orders by date and path, and counts.
    func fetchFiltered(_ db: Database) throws -> CandidatePage {
        var arguments: StatementArguments = []
        let conditions = filterConditions(&arguments)
        let filter = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
        let sql = """
            SELECT d.id, 0.0 AS score, NULL AS date, 0 AS coverage FROM documents d WHERE \(filter)
            ORDER BY d.date IS NULL, d.date DESC, d.path, d.record LIMIT ? OFFSET ?
            """
        let candidates = try CandidateRow.fetchAll(
            db, sql: sql, arguments: arguments + [limit, offset])
        let total = try bounded(db) {
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM documents d WHERE \(filter)", arguments: arguments)
        }
        return CandidatePage(
            candidates: candidates, total: (total ?? nil) ?? offset + candidates.count,
            complete: total != nil)
    }

    /// Offers every matching row to `rows`, in the order FTS5 yields them.
    ///
    /// When rows are ordered by relevance (score, after the groups a loosened query's row
    /// covers), the scan shares the worst key of its page with `lbsearch_rank` (`ScanFloor`),
    /// which returns NULL for a row that cannot reach it: such a row is only counted. The
    /// halves of a split scan raise theirs to the better of the two (`SharedFloor`).
    func scan(into rows: inout TopRows, _ db: Database) throws {
        let floor = sort == .relevance ? ScanFloor(groups: coverage) : nil
        floor?.phraseRows = phraseRows
        floor?.key = rows.floorKey
        let statement = try db.makeStatement(sql: scanSQL(floor: floor != nil))
        try statement.setArguments(scanArguments(floor: floor != nil))
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        try withExtendedLifetime(floor) {
            if let floor {
                let pointer = Unmanaged.passUnretained(floor).toOpaque()
                // Parameter 2, after the spec: see `scanSQL`.
                sqlite3_bind_pointer(handle, 2, pointer, ScanFloor.typeName, nil)
            }
            var (borrowed, steps) = (FloorKey.none, 0)
            while try Self.step(handle, db) {
                if let floor, let sharedFloor {
                    steps += 1
                    if steps % SharedFloor.interval == 0 {
                        borrowed = sharedFloor.raise(rows.floorKey)
                        floor.key = max(floor.key, borrowed)
                    }
                }
                guard sqlite3_column_type(handle, 1) != SQLITE_NULL else {
                    rows.skip()
                    continue
                }
                rows.add(CandidateRow(handle))
                floor?.key = max(rows.floorKey, borrowed)
            }
        }
    }

    /// Steps `handle`: true on a row, false at the end; a failure (an interrupt included) is
    /// thrown as GRDB would throw it.
    static func step(_ handle: OpaquePointer, _ db: Database) throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw StorageFault.lastFailure(db)
        }
    }

    /// The scan's statement: columns `id`, `score`, `date`, `coverage`, in that order; with
    /// `floor`, `lbsearch_rank` takes a second parameter, and with `frequencies` a third.
    func scanSQL(floor: Bool) -> String {
        let coverageSQL = coverage.isEmpty ? "0" : "lbsearch_coverage(documents_fts, ?)"
        var conditions = ["documents_fts MATCH ?"]
        if required != nil {
            // The unary `+` keeps the row ids out of FTS5's xBestIndex: given them as
            // `rowid = ?` lookups, FTS5 would re-run the whole MATCH (and the ranking function
            // its per-query statistics) once per row. The list is built once and filters.
            conditions.append(
                "+documents_fts.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
            )
        }
        var ignored: StatementArguments = []
        conditions += filterConditions(&ignored)
        if rowids != nil {
            // A range FTS5's xBestIndex takes (`fts5BestIndexMethod` in SQLite's fts5_main.c):
            // its doclists are read from the first row id on, not filtered row by row.
            conditions.append("documents_fts.rowid >= ? AND documents_fts.rowid <= ?")
        }
        // Joining the documents table costs a lookup per matching row: only when needed.
        // CROSS JOIN keeps FTS5 the outer loop, for the same reason.
        let join =
            !filters.isEmpty || sort == .date
            ? "CROSS JOIN documents d ON d.id = documents_fts.rowid" : ""
        let date = sort == .date ? "d.date" : "NULL"
        let rank =
            frequencies != nil
            ? "lbsearch_rank(documents_fts, ?, ?, ?)"
            : floor ? "lbsearch_rank(documents_fts, ?, ?)" : "lbsearch_rank(documents_fts, ?)"
        return """
            SELECT documents_fts.rowid AS id, \(rank) AS score,
                   \(date) AS date, \(coverageSQL) AS coverage
            FROM documents_fts \(join) WHERE \(conditions.joined(separator: " AND "))
            """
    }

    /// The values of `scanSQL`'s parameters, in order (NULL for the floor, bound after, or
    /// left NULL without one when the known document counts follow).
    func scanArguments(floor: Bool) -> StatementArguments {
        var arguments: StatementArguments = [spec]
        if floor || frequencies != nil { arguments += [nil as String?] }
        if let frequencies { arguments += [frequencies] }
        if !coverage.isEmpty { arguments += [coverage.map(String.init).joined(separator: " ")] }
        arguments += [expression]
        if let required { arguments += [required] }
        _ = filterConditions(&arguments)
        if let rowids { arguments += [rowids.lowerBound, rowids.upperBound] }
        return arguments
    }

    /// Up to this many best keys are kept in a sorted list while scanning; past it, `best`
    /// sorts every row.
    static let selectionLimit = 256

    /// The first `count` rows in key order, and any rows beyond them that tie with the last.
    ///
    /// A common word matches most of the index: rather than sorting every row, one pass finds
    /// the `count`-th best key and only the rows up to it are sorted.
    static func best(_ rows: [CandidateRow], count: Int) -> [CandidateRow] {
        guard count > 0 else { return [] }
        guard count < rows.count, count <= selectionLimit else {
            let sorted = rows.sorted { $0.key.precedes($1.key) }
            guard count < sorted.count else { return sorted }
            var end = count
            while end < sorted.count, sorted[end].key == sorted[end - 1].key { end += 1 }
            return Array(sorted[..<end])
        }
        let last = lastKey(of: rows, count: count)
        return rows.filter { $0.key.precedes(last) || $0.key == last }
            .sorted { $0.key.precedes($1.key) }
    }

    /// The `count`-th best key of `rows` (`0 < count < rows.count`), in one pass that keeps
    /// the best `count` keys sorted.
    static func lastKey(of rows: [CandidateRow], count: Int) -> CandidateKey {
        var top: [CandidateKey] = []
        top.reserveCapacity(count + 1)
        for row in rows {
            let key = row.key
            if top.count == count {
                guard let worst = top.last, key.precedes(worst) else { continue }
                top.removeLast()
            }
            var low = 0
            var high = top.count
            while low < high {
                let middle = (low + high) / 2
                if key.precedes(top[middle]) { high = middle } else { low = middle + 1 }
            }
            top.insert(key, at: low)
        }
        return top[count - 1]
    }

    /// `rows` (in key order) with each run of equal keys ordered by path, record and id.
    static func ordered(_ rows: [CandidateRow], _ db: Database) throws -> [CandidateRow] {
        let tied = rows.indices.filter { index in
            (index > 0 && rows[index - 1].key == rows[index].key)
                || (index + 1 < rows.count && rows[index + 1].key == rows[index].key)
        }
        guard !tied.isEmpty else { return rows }
        let paths = try paths(of: tied.map { rows[$0].id }, db)
        return rows.sorted { a, b in
            if a.key != b.key { return a.key.precedes(b.key) }
            return (paths[a.id] ?? .missing, a.id) < (paths[b.id] ?? .missing, b.id)
        }
    }

    /// The path and record of each id, the order ties are broken in.
    ///
    /// Read as two columns: one text joined with a NUL would come back cut at the NUL (GRDB
    /// reads text as a C string), leaving ties to the row id.
    static func paths(of ids: [Int64], _ db: Database) throws -> [Int64: TieKey] {
        guard !ids.isEmpty else { return [:] }
        let list = ids.map(String.init).joined(separator: ",")
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, path, record FROM documents WHERE id IN (\(list))")
        return Dictionary(
            rows.map { ($0["id"], TieKey(path: $0["path"], record: $0["record"])) },
            uniquingKeysWith: { first, _ in first })
    }

    /// The date of each id (nil when undated).
    static func dates(of ids: [Int64], _ db: Database) throws -> [Int64: String?] {
        try values("date", of: ids, db)
    }

    /// One column (or expression over `documents`) of each id.
    static func values(_ column: String, of ids: [Int64], _ db: Database) throws
        -> [Int64: String?]
    {
        guard !ids.isEmpty else { return [:] }
        let list = ids.map(String.init).joined(separator: ",")
        let rows = try IDValue.fetchAll(
            db, sql: "SELECT id, \(column) AS value FROM documents WHERE id IN (\(list))")
        return Dictionary(rows.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// SQL conditions on `d` for every filter, appending their values to `arguments`.
    func filterConditions(_ arguments: inout StatementArguments) -> [String] {
        var conditions: [String] = []
        if !filters.sources.isEmpty {
            conditions.append("d.source COLLATE NOCASE IN (\(placeholders(filters.sources.count)))")
            arguments += StatementArguments(filters.sources)
        }
        if !filters.excludedSources.isEmpty {
            conditions.append(
                "(d.source IS NULL OR d.source COLLATE NOCASE NOT IN (\(placeholders(filters.excludedSources.count))))"
            )
            arguments += StatementArguments(filters.excludedSources)
        }
        for tag in filters.tags {
            conditions.append(
                "EXISTS (SELECT 1 FROM json_each(d.tags) WHERE value = ? COLLATE NOCASE)")
            arguments += [tag]
        }
        for tag in filters.excludedTags {
            conditions.append(
                "NOT EXISTS (SELECT 1 FROM json_each(d.tags) WHERE value = ? COLLATE NOCASE)")
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

/// What documents that tie are ordered by: path, then record (`_id`), never the row id, which
/// depends on the order rows were written in.
struct TieKey: Comparable {
    var path: String
    var record: String

    /// The key of a document that is not found: before every other.
    static let missing = TieKey(path: "", record: "")

    static func < (a: TieKey, b: TieKey) -> Bool { (a.path, a.record) < (b.path, b.record) }
}

/// A document's row id and one of its values.
struct IDValue: FetchableRecord, Decodable {
    var id: Int64
    var value: String?
}

/// One matching document as the scan saw it (columns `id`, `score`, `date`, `coverage`).
struct CandidateRow: FetchableRecord {
    var id: Int64
    var score: Double
    /// The date when ordering by date (part of its key), else nil.
    var date: String?
    /// How many words of a loosened query it has (0 when not counted).
    var coverage = 0

    /// A row from its values.
    init(id: Int64, score: Double, date: String? = nil, coverage: Int = 0) {
        self.id = id
        self.score = score
        self.date = date
        self.coverage = coverage
    }

    /// The current row of a statement whose first four columns are `id`, `score`, `date` and
    /// `coverage`.
    init(_ handle: OpaquePointer) {
        id = sqlite3_column_int64(handle, 0)
        score = sqlite3_column_double(handle, 1)
        date = sqlite3_column_text(handle, 2).map { String(cString: $0) }
        coverage = Int(sqlite3_column_int64(handle, 3))
    }

    /// Decoded by name by hand, not through `Decodable`.
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        score = try row.decode(forColumn: "score")
        date = try row.decode(forColumn: "date")
        coverage = try row.decode(forColumn: "coverage")
    }

    var key: CandidateKey {
        CandidateKey(dated: date != nil, date: date ?? "", coverage: coverage, score: score)
    }
}

/// What candidates are ordered by: for `--sort date` the date (undated last, newest first),
/// then the number of words (for a loosened query), then the score.
struct CandidateKey: Equatable {
    var dated: Bool
    var date: String
    var coverage: Int
    var score: Double

    /// True when a document with this key comes before one with `other`.
    func precedes(_ other: CandidateKey) -> Bool {
        if dated != other.dated { return dated }
        if date != other.date { return date > other.date }
        if coverage != other.coverage { return coverage > other.coverage }
        return score > other.score
    }
}

/// A page of candidates and what the scan learnt about the whole result.
struct CandidatePage {
    var candidates: [CandidateRow]
    /// Documents that match (those reached, when the scan was cut short).
    var total: Int
    /// False when the time budget stopped the scan before every match was scored.
    var complete: Bool
}
