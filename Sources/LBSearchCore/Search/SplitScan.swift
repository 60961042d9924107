import Foundation
import GRDB
import GRDBSQLite

/// A ranking scan in two halves by row id, the second on a read connection and a thread of its
/// own, merged into exactly the rows the scan on one connection keeps.
///
/// A word in most documents makes `CandidateQuery.scan` score every one of them on one
/// processor (`the` in 980,000 of a million documents: about 1 s), while a second one idles.
/// Each half keeps its own `TopRows` (and so its own `ScanFloor`); a row among the best
/// `count` of all (with ties) is among the best of its half, since fewer than `count` rows beat
/// it anywhere, so the best of the two halves' best are the serial scan's, and
/// `CandidateQuery.ordered` then breaks their ties by path as always. Scores are the same on
/// both connections: `lbsearch_rank` reads the statistics of the whole table (row count,
/// column totals, and document frequencies through `xQueryPhrase`, whose cursor sees every row
/// whatever the scan's range).
struct SplitScan {
    var query: CandidateQuery
    var split: ScanSplit
    /// Runs once the first connection's state is read, before the second connection opens
    /// (tests commit a write there).
    var beforeSecondOpen: () throws -> Void = {}

    init(query: CandidateQuery, split: ScanSplit) {
        self.query = query
        self.split = split
    }

    /// The scan's rows, or nil when splitting does not pay (then nothing was opened, and the
    /// caller scans on `db` alone).
    ///
    /// When the second connection sees another state of the index than `db` (a writer
    /// committed between the two), or fails, its half is scanned on `db` too: a failure then
    /// is the one the scan on `db` alone meets, and it is thrown as that scan throws it.
    func run(_ db: Database) throws -> ScannedRows? {
        guard let path = Self.filePath(db), let (low, high) = try Self.rowidBounds(db),
            high - low >= Int64(split.minimumMatches)
        else { return nil }
        let processors = split.availableProcessors
        guard processors >= 2, try expectsEnough(db, from: low, through: high) else { return nil }
        guard ScanThreads.shared.takeHelper(processors: processors) else { return nil }
        defer { ScanThreads.shared.releaseHelper() }
        let state = try FTS5State(db)
        try beforeSecondOpen()
        guard let second = Self.open(path) else { return nil }
        defer { try? second.close() }
        let middle = low + (high - low) / 2
        var first = query
        first.rowids = Int64.min...middle
        first.sharedFloor = SharedFloor()
        var rest = query
        rest.rowids = (middle + 1)...Int64.max
        rest.sharedFloor = first.sharedFloor
        if let kept = query.phraseRows {
            // Each half keeps its own rows, on its own thread.
            (first.phraseRows, rest.phraseRows) = (
                PhraseRows(limit: kept.limit), PhraseRows(limit: kept.limit)
            )
        }
        query.budget?.arm(upTo: query.budgetShare)
        if let counted = counted(db, second, state, middle: middle) {
            (first.frequencies, rest.frequencies) = (counted, counted)
        }
        let helper = HelperScan(state: state, database: second) { [rest] db in
            try Self.scan(rest, db)
        }
        helper.start()
        let mine = Result { try Self.scan(first, db) }
        let theirs = helper.wait()
        var scanned = try mine.get()
        if case .success(let other?) = theirs {
            scanned.helped = true
            return merged(scanned, other)
        }
        return merged(scanned, try Self.scan(rest, db))
    }

    /// The query's known document counts (`frequencies`) with those of its other countable
    /// phrases (`phraseExpressions`), each counted in two halves at once, on `db` and on
    /// `second`; nil when there is none to count, or when a count did not finish (a deadline,
    /// another state on `second`): `lbsearch_rank` then counts them itself.
    ///
    /// Else each half's `lbsearch_rank` counts them, each over every row (`xQueryPhrase`): a
    /// phrase's whole document list read on each processor before either scans, where two
    /// halves of `count(*)` each read half of it.
    func counted(_ db: Database, _ second: DatabaseQueue, _ state: FTS5State, middle: Int64)
        -> String?
    {
        let phrases = query.phraseExpressions
        var known =
            TermCounts.parsed(query.frequencies, phrases: phrases.count)
            ?? Array(repeating: nil, count: phrases.count)
        let missing = phrases.indices.filter { known[$0] == nil && phrases[$0] != nil }
        guard !missing.isEmpty else { return nil }
        let texts = missing.compactMap { phrases[$0] }
        let budget = query.budget
        let helper = HelperScan(state: state, database: second) { db in
            try Self.counts(of: texts, in: (middle + 1)...Int64.max, budget, db)
        }
        helper.start()
        let mine = try? Self.counts(of: texts, in: Int64.min...middle, budget, db)
        guard case .success(let theirs??) = helper.wait(), let mine = mine ?? nil else {
            return nil
        }
        for (index, phrase) in missing.enumerated() { known[phrase] = mine[index] + theirs[index] }
        return known.map { String($0 ?? -1) }.joined(separator: " ")
    }

    /// The rows between `rowids` that each expression matches; nil when the deadline
    /// interrupted the counting.
    static func counts(
        of expressions: [String], in rowids: ClosedRange<Int64>, _ budget: QueryBudget?,
        _ db: Database
    ) throws -> [Int]? {
        let statement = try db.makeStatement(
            sql: """
                SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?
                  AND documents_fts.rowid >= ? AND documents_fts.rowid <= ?
                """)
        let count = {
            try expressions.map { expression in
                try Int.fetchOne(
                    statement, arguments: [expression, rowids.lowerBound, rowids.upperBound])
                    ?? 0
            }
        }
        guard let budget else { return try count() }
        return try budget.underDeadline(db, count)
    }

    /// The rows of two halves as the scan of both would keep them.
    func merged(_ first: ScannedRows, _ second: ScannedRows) -> ScannedRows {
        var rows = first
        rows.best = CandidateQuery.best(first.best + second.best, count: query.offset + query.limit)
        rows.seen += second.seen
        rows.finished = first.finished && second.finished
        rows.phraseRows += second.phraseRows
        return rows
    }

    /// `query`'s rows on `db`, under the deadline its budget was armed with.
    static func scan(_ query: CandidateQuery, _ db: Database) throws -> ScannedRows {
        var rows = TopRows(count: query.offset + query.limit)
        var finished = true
        if let budget = query.budget {
            finished = try budget.underDeadline(db) { try query.scan(into: &rows, db) } != nil
        } else {
            try query.scan(into: &rows, db)
        }
        var scanned = ScannedRows(rows, finished: finished)
        scanned.phraseRows = query.phraseRows.map { [$0] } ?? []
        return scanned
    }

    /// True when `query`'s expression is expected to match at least `split.minimumMatches`
    /// rows between row ids `low` and `high`.
    ///
    /// A prefix's document lists are merged whole before FTS5 yields a first row, so the
    /// estimate of `wickl* nadia` costs what a scan of it costs: its broader expression
    /// (`"nadia"`) is estimated first. It matches every row the expression matches, so its
    /// estimate is never the smaller (more matches in the window, or the sample filled sooner):
    /// under the bound, the expression's is too, and the expression need not be read.
    ///
    /// A phrase's matches are found by reading the positions of every row that has all its
    /// words: `"the in into"` matched 1,156 of a million documents, and finding them read the
    /// positions of about 970,000. With a phrase of several words (and no prefix), the rows
    /// that have the words (`unordered`) decide: a scan that reads that many is split.
    func expectsEnough(_ db: Database, from low: Int64, through high: Int64) throws -> Bool {
        if let unordered = query.unordered {
            return try expectedMatches(db, from: low, through: high, of: unordered)
                >= split.minimumMatches
        }
        if let broader = query.broader {
            guard
                try expectedMatches(db, from: low, through: high, of: broader)
                    >= split.minimumMatches
            else { return false }
            // The expression's own estimate would merge its prefix's document lists, as each
            // half does once the scan splits, both at once: splitting now costs no more wall
            // time than that estimate before a scan on one processor.
            guard query.expected != nil else { return true }
        }
        let expected = try query.expected ?? expectedMatches(db, from: low, through: high)
        return expected >= split.minimumMatches
    }

    /// About how many rows `query`'s expression (or `expression`) matches between row ids
    /// `low` and `high`, from the first `split.sample` of them: their density over the ids they
    /// span times the whole span.
    ///
    /// Only the ids where the sample must fill for the scan to split are read
    /// (`ScanSplit.window`): when it does not fill there, the matches found there, scaled to the
    /// span, are fewer than `split.minimumMatches` (and so would the sample's density over any
    /// longer stretch be), so the decision is the one the whole doclist gives. A phrase of
    /// common words, whose few matches FTS5 finds by reading the position lists of most
    /// documents, is then read over a twentieth of the ids, not twice whole (here and in the
    /// scan). Filters and a required expression are left out: the scan's cost is the rows
    /// FTS5 yields.
    func expectedMatches(
        _ db: Database, from low: Int64, through high: Int64, of expression: String? = nil
    ) throws -> Int {
        let sql = """
            SELECT count(*) AS count, max(rowid) AS last FROM (
                SELECT rowid FROM documents_fts
                WHERE documents_fts MATCH ? AND documents_fts.rowid >= ?
                  AND documents_fts.rowid <= ? LIMIT ?)
            """
        let end = split.window(from: low, through: high)
        let arguments: StatementArguments = [
            expression ?? query.expression, low, end, split.sample,
        ]
        let row = try query.bounded(db) { try Row.fetchOne(db, sql: sql, arguments: arguments) }
        guard let row = row ?? nil else { return 0 }
        let count: Int = row["count"]
        let span = Double(high) - Double(low) + 1
        guard count >= split.sample, let last: Int64 = row["last"], last >= low else {
            // Fewer than the sample in the window: its count scaled to the span.
            return Int(Double(count) * span / (Double(end) - Double(low) + 1))
        }
        return Int(Double(count) * span / (Double(last) - Double(low) + 1))
    }

    /// The file of `db`'s main database; nil in memory or in a temporary file.
    static func filePath(_ db: Database) -> String? {
        guard let name = sqlite3_db_filename(db.sqliteConnection, "main") else { return nil }
        let path = String(cString: name)
        return path.isEmpty ? nil : path
    }

    /// The smallest and largest document row ids; nil without documents.
    static func rowidBounds(_ db: Database) throws -> (Int64, Int64)? {
        // Two subqueries: each is one step down the table's B-tree (SQLite's min/max
        // optimization); `min(id), max(id)` in one SELECT scans the table.
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT (SELECT min(id) FROM documents) AS low,
                       (SELECT max(id) FROM documents) AS high
                """)
        guard let row, let low: Int64 = row["low"], let high: Int64 = row["high"] else {
            return nil
        }
        return (low, high)
    }

    /// A second connection to the index at `path`, opened as a search opens one
    /// (`IndexStore+Reading`: read-only beside a writer's log, else `immutable=1`, with the
    /// tokenizer and functions registered); nil when it cannot be opened.
    static func open(_ path: String) -> DatabaseQueue? {
        try? DatabaseQueue(
            path: IndexStore.readOnlyURI(path), configuration: IndexStore.readOnlyConfiguration())
    }
}

/// When a ranking scan is split over two connections (`SplitScan`).
struct ScanSplit: Sendable {
    /// Expected matches from which the scan is split: about where the second connection's
    /// opening and its own pass over the query's statistics cost what half a scan saves (on
    /// 200,000 documents, a word in 28,000 to 30,000 of them took 0.87-0.91 of its time).
    var minimumMatches = 20_000
    /// Processors the process may keep busy (`ScanThreads`); nil for the machine's
    /// (`machineProcessors`).
    var processors: Int?
    /// Matches the estimate reads at most (`SplitScan.expectedMatches`).
    var sample = 1_000

    /// Split when it pays, on this machine's processors.
    static let automatic = ScanSplit()

    /// The processors Foundation counts for the process (its CPU affinity and cgroup quota),
    /// read once, when a scan first may split: reading the cgroup files took a tenth of a
    /// search's start, and a scan of a small index never needs them.
    static let machineProcessors = ProcessInfo.processInfo.activeProcessorCount

    /// `processors`, or the machine's when not set.
    var availableProcessors: Int { processors ?? Self.machineProcessors }

    /// The last row id from `low` (of `low` through `high`) over which `sample` matches must be
    /// found for the expected matches to reach `minimumMatches`: a sample that fills only past
    /// it is spread over more than `sample / minimumMatches` of the span.
    func window(from low: Int64, through high: Int64) -> Int64 {
        let span = Double(high) - Double(low) + 1
        let width = max((span * Double(sample) / Double(max(minimumMatches, 1))).rounded(.up), 1)
        guard width < span else { return high }
        return low + Int64(width) - 1
    }
}

/// What a ranking scan kept: the best rows in key order (and any tying with the last), the
/// number of matches, and whether the scan reached them all.
struct ScannedRows {
    var best: [CandidateRow]
    var seen: Int
    var finished: Bool
    /// True when a second connection scanned part of the rows.
    var helped = false
    /// The rows kept to be scored once counted, one `PhraseRows` per part of the scan
    /// (`CandidateQuery.scannedCountingThePhrase`).
    var phraseRows: [PhraseRows] = []
    /// The blocks of row ids scanned, when the scan went by their score ceilings
    /// (`CandidateQuery.scannedWithinCeilings`).
    var blocks: Int?

    /// The rows `rows` kept.
    init(_ rows: TopRows, finished: Bool) {
        best = rows.best
        seen = rows.seen
        self.finished = finished
    }
}
