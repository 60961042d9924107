import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// A scan split over two connections gives the page, scores and total of the scan on one.
struct SplitScanTests {
    /// Split whatever the number of matches, whatever the other tests running meanwhile.
    static let always = ScanSplit(minimumMatches: 1, processors: 1_000, sample: 50)

    /// 3,000 records with few distinct words, so that scores tie, and a copy of the first 400
    /// under other `_id`s in a second file, so that documents tie with the same text at two
    /// paths; dates, sources and tags for filters and `--sort date`.
    static func corpus(records: Int = 3_000) -> [String: String] {
        var generator = SplitMix(seed: SplitMix.testSeed)
        let words = ["alpha", "beta", "gamma", "delta", "delphi", "filler", "filler", "filler"]
        let lines = (0..<records).map { n -> String in
            let count = Int.random(in: 2...12, using: &generator)
            var text = (0..<count).map { _ in words.randomElement(using: &generator) ?? "" }
            if n % 3 == 0 { text.append("alpha") }
            let day = Int.random(in: 1...4, using: &generator)
            let source = Bool.random(using: &generator) ? "wire" : "blog"
            let tag = Bool.random(using: &generator) ? "red" : "blue"
            return
                #"{"_id": "r\#(n)", "title": "note \#(n % 7)", "text": "\#(text.joined(separator: " "))", "date": "2024-01-0\#(day)", "source": "\#(source)", "tags": ["\#(tag)"]}"#
        }
        let copies = lines.prefix(400).map {
            $0.replacingOccurrences(of: #""_id": "r"#, with: #""_id": "c"#)
        }
        return [
            "a.jsonl": lines.joined(separator: "\n") + "\n",
            "b.jsonl": copies.joined(separator: "\n") + "\n",
        ]
    }

    /// An index on disk (a split needs a file to open again) and the folder holding both.
    static func indexOnDisk(_ files: [String: String]) throws -> (IndexStore, TemporaryFolder) {
        let folder = try TemporaryFolder()
        for (name, contents) in files { try folder.write("docs/" + name, contents) }
        let index = folder.file("index.db")
        do {
            let writer = try IndexStore.openForWriting(at: index)
            _ = try Indexer(store: writer).run(roots: [folder.file("docs")])
        }
        return (try IndexStore.openForReading(at: index), folder)
    }

    /// An index on disk with its writer, opened first and kept open: SQLite shares one mapping
    /// of the `-shm` file between the connections of a process, read-only when a reader opened
    /// it first, so in one process a writer must come first (writers are other processes).
    static func indexWithWriter(_ files: [String: String]) throws
        -> (reader: IndexStore, writer: IndexStore, folder: TemporaryFolder)
    {
        let folder = try TemporaryFolder()
        for (name, contents) in files { try folder.write("docs/" + name, contents) }
        let writer = try IndexStore.openForWriting(at: folder.file("index.db"))
        _ = try Indexer(store: writer).run(roots: [folder.file("docs")])
        return (try IndexStore.openForReading(at: folder.file("index.db")), writer, folder)
    }

    /// The page of `query` on one connection and split, with whether the split happened.
    static func pages(_ query: CandidateQuery, _ db: Database) throws
        -> (serial: CandidatePage, split: CandidatePage, helped: Bool)
    {
        var serial = query
        serial.split = nil
        var split = query
        split.split = always
        let helped = try split.scanned(db).helped
        return (try serial.fetch(db), try split.fetch(db), helped)
    }

    static func described(_ page: CandidatePage) -> [String] {
        ["total \(page.total) complete \(page.complete)"]
            + page.candidates.map { "\($0.id) \($0.score) \($0.date ?? "-") \($0.coverage)" }
    }

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var expression: String
        var sort = SortOrder.relevance
        var coverage: [Int] = []
        var required: String?
        var sources: [String] = []
        var from: String?
        /// The phrases' own MATCH texts, which the split counts in halves before it scans.
        var phrases: [String?] = []

        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "word", expression: #""alpha""#),
        Case(name: "pair", expression: #""alpha" "beta""#),
        Case(name: "phrase", expression: #""alpha beta""#),
        Case(name: "prefix", expression: #""del" *"#),
        Case(name: "or", expression: #""gamma" OR "delta""#),
        Case(name: "not", expression: #""alpha" NOT "beta""#),
        Case(
            name: "loosened", expression: #""alpha" OR "gamma" OR "delphi""#, coverage: [1, 1, 1]),
        Case(name: "date", expression: #""beta""#, sort: .date),
        Case(name: "filters", expression: #""alpha""#, sources: ["wire"], from: "2024-01-02"),
        Case(name: "required", expression: #""alpha" OR "beta""#, required: #""gamma""#),
        Case(name: "ties", expression: #""filler""#),
        Case(
            name: "phrases counted", expression: #"("alpha beta" AND "gamma")"#,
            phrases: [#""alpha beta""#, #""gamma""#]),
        Case(
            name: "some counted", expression: #""delta" NOT "beta alpha""#,
            phrases: [nil, #""beta alpha""#]),
    ]

    @Test func splitPagesAreTheSerialOnes() throws {
        let (store, folder) = try Self.indexOnDisk(Self.corpus())
        defer { withExtendedLifetime(folder) {} }
        try store.database.read { db in
            for test in Self.cases {
                for (limit, offset) in [(10, 0), (10, 20), (1, 0), (300, 0), (10, 5_000)] {
                    try Self.compare(test, limit: limit, offset: offset, db)
                }
            }
        }
    }

    /// The page of `test` on one connection and split, from rank `offset + 1`.
    static func compare(_ test: Case, limit: Int, offset: Int, _ db: Database) throws {
        var filters = QueryFilters()
        filters.sources = test.sources
        if let from = test.from { filters.dates = [DateRange(from: from, to: nil)] }
        var query = CandidateQuery(
            expression: test.expression, filters: filters, sort: test.sort, limit: limit,
            offset: offset)
        query.coverage = test.coverage
        query.required = test.required
        query.phraseExpressions = test.phrases
        let (serial, split, helped) = try pages(query, db)
        #expect(helped, "\(test) \(limit) \(offset)")
        #expect(serial.total > 0, "\(test)")
        #expect(described(split) == described(serial), "\(test) \(limit) \(offset)")
    }

    /// Whole searches: pages, loosened queries, recency, folded copies, expansion.
    @Test func splitSearchesAreTheSerialOnes() throws {
        let (store, folder) = try Self.indexOnDisk(Self.corpus())
        defer { withExtendedLifetime(folder) {} }
        let searcher = Searcher(store: store)
        let cases = [
            ("alpha", 0, false, false), ("alpha beta", 10, false, false),
            ("alpha zzzunknown", 0, false, false), ("filler", 30, false, false),
            ("beta", 0, true, false), ("\"alpha beta\" -gamma", 0, false, false),
            ("del*", 10, true, false), ("gamma", 0, false, true),
            ("\"gamma delta\" \"beta alpha\"", 0, false, false),
        ]
        for (text, offset, recency, expand) in cases {
            var results: [String] = []
            for split in [nil, Self.always] {
                var options = SearchOptions(limit: 10, offset: offset)
                (options.snippets, options.suggest, options.expand) = (false, false, expand)
                if recency { options.recency = RecencyBlend(today: "2024-01-10") }
                options.scanSplit = split
                let result = try searcher.search(text, options: options)
                results.append(
                    "total \(result.total) relaxed \(result.relaxed) "
                        + result.hits.map { "\($0.id) \($0.score) \($0.copies.map(\.id))" }
                        .joined(separator: ", "))
            }
            #expect(results[0] == results[1], "\(text)")
            #expect(results[0].contains("total 0") == false, "\(text)")
        }
    }

    /// Few matches, or one processor: the scan runs on one connection, nothing opened.
    @Test func smallScansAreNotSplit() throws {
        let (store, folder) = try Self.indexOnDisk(Self.corpus())
        defer { withExtendedLifetime(folder) {} }
        try store.database.read { db in
            var query = CandidateQuery(
                expression: #""alpha""#, filters: QueryFilters(), sort: .relevance, limit: 10,
                offset: 0)
            query.split = ScanSplit(minimumMatches: 1_000_000, processors: 1_000, sample: 50)
            #expect(!(try query.scanned(db).helped))
            query.split = ScanSplit(minimumMatches: 1, processors: 1, sample: 50)
            #expect(!(try query.scanned(db).helped))
            let estimate = try SplitScan(query: query, split: Self.always)
                .expectedMatches(db, from: 1, through: 3_400)
            // "alpha" is in about 60 % of the 3,400 documents.
            #expect(estimate > 1_000 && estimate < 3_400, "\(estimate)")
        }
    }

    /// The estimate reads the matches only as far as the sample must fill for a split, and
    /// decides as the sample over every row id does (the estimate before the window, below).
    @Test func theEstimateReadsOnlyItsWindowAndDecidesAsTheWholeDoes() throws {
        let (store, folder) = try Self.indexOnDisk(Self.corpus())
        defer { withExtendedLifetime(folder) {} }
        try store.database.read { db in
            let (low, high) = try #require(try SplitScan.rowidBounds(db))
            for word in ["alpha", "beta", "delphi", "filler", "note", "r1"] {
                for (minimum, sample) in [(400, 50), (2_000, 50), (3_000, 200), (20_000, 1_000)] {
                    let split = ScanSplit(minimumMatches: minimum, processors: 2, sample: sample)
                    var query = CandidateQuery(
                        expression: "\"\(word)\"", filters: QueryFilters(), sort: .relevance,
                        limit: 10, offset: 0)
                    query.split = split
                    let estimate = try SplitScan(query: query, split: split)
                        .expectedMatches(db, from: low, through: high)
                    let whole = try Self.wholeEstimate(word, sample: sample, low, high, db)
                    #expect(
                        (estimate >= minimum) == (whole >= minimum),
                        "\(word) \(minimum) \(sample): \(estimate) vs \(whole)")
                }
            }
            // 3,400 ids, a sample of 1,000 for 20,000 matches: the window is the first 170 ids.
            let split = ScanSplit(minimumMatches: 20_000, processors: 2, sample: 1_000)
            #expect(split.window(from: 1, through: 3_400) == 170)
            #expect(split.window(from: 1, through: 100) == 5)
            #expect(split.window(from: 7, through: 7) == 7)
            #expect(ScanSplit(minimumMatches: 1, sample: 50).window(from: 5, through: 9) == 9)
        }
    }

    /// With a broader expression (the prefix-free words of the query), the split is decided as
    /// the expression alone decides it, and the broader expression under the bound is enough.
    @Test func aBroaderExpressionDecidesAsTheExpression() throws {
        let (store, folder) = try Self.indexOnDisk(Self.corpus())
        defer { withExtendedLifetime(folder) {} }
        try store.database.read { db in
            let (low, high) = try #require(try SplitScan.rowidBounds(db))
            let cases = [
                (#"("gam" * AND "delphi")"#, #""delphi""#),
                (#"("del" * AND "note")"#, #""note""#),
                (#"("fil" * AND "alpha" AND "beta")"#, #"("alpha" AND "beta")"#),
            ]
            for (expression, broader) in cases {
                for (minimum, sample) in [(1, 50), (400, 50), (2_000, 50), (3_000, 200)] {
                    let split = ScanSplit(minimumMatches: minimum, processors: 2, sample: sample)
                    var query = CandidateQuery(
                        expression: expression, filters: QueryFilters(), sort: .relevance,
                        limit: 10, offset: 0)
                    let alone = try SplitScan(query: query, split: split)
                        .expectsEnough(db, from: low, through: high)
                    query.broader = broader
                    let first = try SplitScan(query: query, split: split)
                        .expectsEnough(db, from: low, through: high)
                    #expect(alone == first, "\(expression) \(minimum) \(sample)")
                }
            }
            // A broader expression that matches nothing decides alone: no split, though the
            // expression would split.
            var query = CandidateQuery(
                expression: #""alph" *"#, filters: QueryFilters(), sort: .relevance, limit: 10,
                offset: 0)
            query.split = Self.always
            #expect(try query.scanned(db).helped)
            query.broader = #""nosuchword""#
            #expect(!(try query.scanned(db).helped))
            // An estimate already made decides, and the expression is not read again.
            query.broader = nil
            query.expected = 0
            #expect(!(try query.scanned(db).helped))
            query.expected = 1
            #expect(try query.scanned(db).helped)
        }
    }

    /// A phrase of common words matches few rows but costs a read of every row with all its
    /// words: the split is decided by those (`unordered`), not by the phrase's matches.
    @Test func aPhraseSplitsByTheRowsWithAllItsWords() throws {
        let (store, folder) = try Self.indexOnDisk(Self.corpus())
        defer { withExtendedLifetime(folder) {} }
        try store.database.read { db in
            let (low, high) = try #require(try SplitScan.rowidBounds(db))
            var query = CandidateQuery(
                expression: #""gamma delta beta alpha""#, filters: QueryFilters(),
                sort: .relevance, limit: 10, offset: 0)
            let unordered = #"("gamma" AND "delta" AND "beta" AND "alpha")"#
            let sample = ScanSplit(minimumMatches: 1, processors: 2, sample: 50)
            let phrase = try SplitScan(query: query, split: sample)
                .expectedMatches(db, from: low, through: high)
            let words = try SplitScan(query: query, split: sample)
                .expectedMatches(db, from: low, through: high, of: unordered)
            try #require(words > 2 * phrase + 2, "\(phrase) \(words)")
            let split = ScanSplit(minimumMatches: phrase + 1, processors: 1_000, sample: 50)
            #expect(
                !(try SplitScan(query: query, split: split).expectsEnough(
                    db, from: low, through: high)))
            query.unordered = unordered
            #expect(
                try SplitScan(query: query, split: split).expectsEnough(
                    db, from: low, through: high))
            query.split = split
            #expect(try query.scanned(db).helped)
            // Fewer rows with all the words than the bound: not split.
            query.split = ScanSplit(minimumMatches: 2 * words + 100, processors: 1_000, sample: 50)
            #expect(!(try query.scanned(db).helped))
        }
    }

    /// The counts a split hands to `lbsearch_rank` are each phrase's rows in the whole index,
    /// counted in two halves; a count it was given is kept, and a phrase it cannot count is
    /// left to `lbsearch_rank` (-1).
    @Test func phraseCountsAreCountedInTwoHalves() throws {
        let (store, folder) = try Self.indexOnDisk(Self.corpus())
        defer { withExtendedLifetime(folder) {} }
        try store.database.read { db in
            let (low, high) = try #require(try SplitScan.rowidBounds(db))
            let count = { (expression: String) in
                try #require(
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?",
                        arguments: [expression]))
            }
            let (pair, gamma) = (try count(#""alpha beta""#), try count(#""gamma""#))
            #expect(pair > 0 && gamma > pair)
            var query = CandidateQuery(
                expression: #"("alpha beta" AND "gamma" AND "del" *)"#, filters: QueryFilters(),
                sort: .relevance, limit: 10, offset: 0)
            query.phraseExpressions = [#""alpha beta""#, #""gamma""#, nil]
            let path = try #require(SplitScan.filePath(db))
            let second = try #require(SplitScan.open(path))
            defer { try? second.close() }
            let state = try FTS5State(db)
            let middle = low + (high - low) / 2
            let scan = SplitScan(query: query, split: Self.always)
            #expect(scan.counted(db, second, state, middle: middle) == "\(pair) \(gamma) -1")
            query.frequencies = "-1 7 -1"
            #expect(
                SplitScan(query: query, split: Self.always)
                    .counted(db, second, state, middle: middle) == "\(pair) 7 -1")
            // Another state on the second connection: nothing is handed.
            #expect(scan.counted(db, second, FTS5State(), middle: middle) == nil)
            // Nothing left to count.
            query.frequencies = "3 7 -1"
            #expect(
                SplitScan(query: query, split: Self.always)
                    .counted(db, second, state, middle: middle) == nil)
        }
    }

    /// The estimate as it was made before it had a window: the first `sample` matches from
    /// `low` on, their density over the ids they span times the whole span.
    static func wholeEstimate(
        _ word: String, sample: Int, _ low: Int64, _ high: Int64, _ db: Database
    ) throws -> Int {
        let row = try #require(
            try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS count, max(rowid) AS last FROM (
                        SELECT rowid FROM documents_fts
                        WHERE documents_fts MATCH ? AND documents_fts.rowid >= ? LIMIT ?)
                    """, arguments: ["\"\(word)\"", low, sample]))
        let count: Int = row["count"]
        guard count >= sample, let last: Int64 = row["last"] else { return count }
        return Int(Double(count) * Double(high - low + 1) / Double(last - low + 1))
    }

    /// Concurrent searches (`lbsearch serve`) take a second thread only while a processor is
    /// free of scans.
    @Test func aSecondThreadOnlyWhileAProcessorIsFree() {
        let threads = ScanThreads()
        threads.counting {
            #expect(threads.takeHelper(processors: 2))
            #expect(!threads.takeHelper(processors: 2))
            threads.releaseHelper()
            threads.counting {
                #expect(!threads.takeHelper(processors: 2))
                #expect(threads.takeHelper(processors: 3))
                threads.releaseHelper()
            }
            #expect(threads.takeHelper(processors: 2))
            threads.releaseHelper()
        }
    }

    /// An index in memory has no file to open again.
    @Test func indexesInMemoryAreNotSplit() throws {
        let (store, _) = try indexedStore(Self.corpus(records: 100))
        try store.database.read { db in
            var query = CandidateQuery(
                expression: #""alpha""#, filters: QueryFilters(), sort: .relevance, limit: 10,
                offset: 0)
            query.split = Self.always
            let helped = try query.scanned(db).helped
            #expect(!helped)
        }
    }

    /// The states two connections read differ once a writer commits between them.
    @Test func aWriteChangesTheState() throws {
        let (store, writer, folder) = try Self.indexWithWriter(Self.corpus(records: 50))
        let before = try store.database.read { try FTS5State($0) }
        let again = try IndexStore.openForReading(at: folder.file("index.db"))
        #expect(try again.database.read { try FTS5State($0) } == before)
        #expect(before.structure != nil && before.averages != nil)
        try folder.write("docs/c.jsonl", #"{"_id": "n", "title": "new", "text": "alpha"}"# + "\n")
        _ = try Indexer(store: writer).run(roots: [folder.file("docs")])
        #expect(try again.database.read { try FTS5State($0) } != before)
    }

    /// A writer committing between the first connection's read and the second's open: the
    /// second half is scanned on the first connection, over the state it reads.
    @Test func aWriteBetweenTheOpensScansOnOneConnection() throws {
        let (store, writer, folder) = try Self.indexWithWriter(Self.corpus(records: 300))
        var before = 0
        try store.database.read { db in
            let query = CandidateQuery(
                expression: #""alpha""#, filters: QueryFilters(), sort: .relevance, limit: 20,
                offset: 0)
            let serial = try query.fetch(db)
            before = serial.total
            var split = SplitScan(query: query, split: Self.always)
            split.beforeSecondOpen = {
                // As a replaced record is written (`IndexBatch`): its title and body again.
                try writer.write { db in
                    try db.execute(
                        sql:
                            "UPDATE documents SET title = 'alpha alpha', body_z = body_z WHERE id <= 50"
                    )
                }
            }
            let rows = try split.run(db)
            #expect(rows?.helped == false)
            #expect(rows?.seen == serial.total)
            let ordered = try CandidateQuery.ordered(rows?.best ?? [], db)
            #expect(ordered.prefix(20).map(\.id) == serial.candidates.map(\.id))
        }
        // The write did commit: a new read sees it.
        let after = try IndexStore.openForReading(at: folder.file("index.db"))
        let total = try Searcher(store: after).search("alpha").total
        #expect(total > before)
    }

    /// A budget that runs out during a split scan: a page of the rows reached, no error, and
    /// every score the one a whole scan gives.
    @Test func aBudgetCutsBothHalves() throws {
        let (store, folder) = try Self.indexOnDisk(Self.corpus())
        defer { withExtendedLifetime(folder) {} }
        try store.database.read { db in
            let query = CandidateQuery(
                expression: #""alpha" OR "filler""#, filters: QueryFilters(), sort: .relevance,
                limit: 10_000, offset: 0)
            let whole = try query.fetch(db)
            let scores = Dictionary(
                whole.candidates.map { ($0.id, $0.score) }, uniquingKeysWith: { a, _ in a })
            var cut = false
            for seconds in [0.000_5, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2] {
                var bounded = query
                bounded.budget = QueryBudget(seconds: seconds)
                guard let rows = try SplitScan(query: bounded, split: Self.always).run(db)
                else { continue }
                // A page of the rows reached before the deadline.
                if !rows.finished, rows.seen > 0, !rows.best.isEmpty { cut = true }
                #expect(rows.seen <= whole.total)
                #expect(rows.best.allSatisfy { scores[$0.id] == $0.score })
            }
            // Past the deadline before either half starts: nothing reached, no error.
            var late = query
            late.budget = QueryBudget(seconds: 0.02)
            var split = SplitScan(query: late, split: Self.always)
            split.beforeSecondOpen = { Thread.sleep(forTimeInterval: 0.05) }
            let rows = try split.run(db)
            #expect(rows?.finished == false)
            #expect(rows?.seen == 0)
            #expect(cut)
        }
    }
}
