import Foundation
import GRDB

/// How many documents hold each of the index's most common terms, counted by the last index
/// run and stored with the state of the full-text index they were counted on, so a search need
/// not count them again.
///
/// BM25's idf needs each query phrase's document frequency. FTS5 keeps none: the ranking
/// function counts them once per query through `xQueryPhrase`, a pass over the phrase's whole
/// doclist (`FTS5Row.documentFrequencies`). A rare word's pass is short, a common word's is
/// not: on a million synthetic documents, `where` (in 321,754 of them) costs about 10 ms and
/// `the` (in 980,358) about 50 ms, in every query that has the word, however few documents
/// the query itself matches.
///
/// The counts live in one `meta` row (`key`), written by the writer at the end of a run and
/// read by a search in its own read transaction:
/// - its first line is the stamp: FTS5's averages and structure records (`FTS5State`) as the
///   counts saw them. Every write to the full-text index rewrites the structure record, and its
///   write counter only grows, so a stamp equal to the records a search reads means the counts
///   are those of the index it searches, exactly; any other stamp and the counts are ignored
///   (an older release that wrote to the index, a repair, a run killed before its end);
/// - each other line is a term (a token, as the index stores it) and its document count, from
///   `documents_vocab` (fts5vocab's `doc`: the rows that hold the term, what `xQueryPhrase`
///   counts for a one-term phrase).
///
/// No schema change: a release that does not know the row leaves it alone, and nothing else
/// reads it. Only indexes of `Policy.minimumDocuments` or more keep counts: below, a common
/// word's pass costs a few milliseconds at most.
struct TermCounts {
    /// The `meta` key of the row.
    static let key = "term_counts"

    /// Which terms a run counts, and from what size of index.
    struct Policy: Sendable {
        /// Documents from which an index keeps counts.
        var minimumDocuments = 100_000
        /// Documents a term must be in to be kept.
        ///
        /// About where its pass costs a search 3 ms or more. Counting costs the run about one
        /// pass per term: on a million synthetic documents, 372 terms were in 100,000 or more
        /// (107 million entries in all, about 5 s), 5,975 in 5,000 or more (207 million).
        var minimumFrequency = 100_000
        /// Documents whose tokens are read to find the candidate terms, spread over the row
        /// ids: a term in a tenth of them is estimated within about 7 %.
        var sample = 2_000
        /// The share of the documents a kept term must be in for its score ceilings to be
        /// stored (`ScoreCeilings`).
        ///
        /// Scoring a term's ceilings costs the run a scan of it, what a search for it would
        /// cost without them: on a million synthetic documents, 56 terms were in half the
        /// documents or more (42 million entries), and their searches took 60–170 ms.
        var ceilingShare = 0.5
        /// Row ids per block of stored score ceilings.
        var ceilingBlock = 1_024
    }

    /// The stamp of the full-text index's state `state`: its two records in hexadecimal.
    static func stamp(_ state: FTS5State) -> String {
        hex(state.averages) + ":" + hex(state.structure)
    }

    static func hex(_ data: Data?) -> String {
        guard let data else { return "-" }
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(data.count * 2)
        for byte in data {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    // MARK: Writing

    /// Counts the common terms of the index as `db`'s write transaction sees it, unless the
    /// stored counts are already those of this state; removes them below `policy`'s size.
    ///
    /// `precounted` are counts made meanwhile on another connection (`Background`), used when
    /// they are of the same documents. Returns whether it wrote. Called at the end of a run,
    /// after its last write to FTS5.
    @discardableResult
    static func refresh(_ db: Database, policy: Policy, precounted: Counted? = nil) throws -> Bool {
        let stored = try String.fetchOne(
            db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
        let state = try FTS5State(db)
        let stamp = stamp(state)
        if let stored, stored.prefix(while: { $0 != "\n" }) == stamp { return false }
        let counted =
            try precounted.flatMap { $0.holds(state) ? $0 : nil }
            ?? count(db, policy: policy, helped: true)
        guard counted.documents >= policy.minimumDocuments else {
            guard stored != nil else { return false }
            try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key])
            return true
        }
        try db.execute(
            sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
            arguments: [key, ([stamp] + counted.lines).joined(separator: "\n")])
        return true
    }

    /// The common terms' counts of one state of the index, and what they were counted on.
    struct Counted: Sendable {
        /// FTS5's averages record then (`FTS5State.averages`).
        var averages: Data?
        /// Rows of the full-text index then.
        var documents: Int
        /// One line per term: the term, a tab, its count.
        var lines: [String]

        /// Each term's count.
        var counts: [String: Int] { TermCounts.parsedLines(lines[...]) }

        /// True when these are the counts of the documents the index holds in `state`.
        ///
        /// The writer, which holds the index's lock, only merges segments between the two
        /// (`optimize`), which changes the structure record but no document: the same row count
        /// and token totals (the averages record) mean the same documents.
        func holds(_ state: FTS5State) -> Bool { state.averages == averages }
    }

    /// The counts of the common terms of the index as `db` reads it (nothing below
    /// `policy.minimumDocuments`): the candidates' exact counts, without those the sample
    /// overrated.
    ///
    /// With `helped`, on a machine with two processors or more, a read connection of its own
    /// counts every other candidate on a thread of its own (`HelperScan`), when it reads the
    /// state `db` reads: a run that merged nothing counts in the writer, which else waits.
    static func count(_ db: Database, policy: Policy, helped: Bool = false) throws -> Counted {
        let state = try FTS5State(db)
        let documents = try Int.fetchOne(db, sql: "SELECT count(*) FROM documents_fts_docsize") ?? 0
        var counted = Counted(averages: state.averages, documents: documents, lines: [])
        guard documents >= policy.minimumDocuments else { return counted }
        let terms = try candidates(db, documents: documents, policy: policy)
        let countAll = { (terms: [String], db: Database) throws -> [String: Int] in
            let statement = try db.makeStatement(
                sql: "SELECT doc FROM documents_vocab WHERE term = ?")
            var counts: [String: Int] = [:]
            for term in terms {
                counts[term] = try Int.fetchOne(statement, arguments: [term])
            }
            return counts
        }
        var found: [String: Int]
        if helped, terms.count > 1, ScanSplit.machineProcessors >= 2,
            try TermCounts.isLogged(db), let path = SplitScan.filePath(db),
            let second = SplitScan.open(path)
        {
            defer { try? second.close() }
            let theirs = stride(from: 1, to: terms.count, by: 2).map { terms[$0] }
            let helper = HelperScan(state: state, database: second) { try countAll(theirs, $0) }
            helper.start()
            // Waited for whatever happens here: no thread outlives the run.
            let mine = Result {
                try countAll(stride(from: 0, to: terms.count, by: 2).map { terms[$0] }, db)
            }
            let helping = helper.wait()
            found = try mine.get()
            let other = try (try? helping.get() ?? nil) ?? countAll(theirs, db)
            found.merge(other) { own, _ in own }
        } else {
            found = try countAll(terms, db)
        }
        for term in terms {
            if let count = found[term], count >= policy.minimumFrequency {
                counted.lines.append("\(term)\t\(count)")
            }
        }
        return counted
    }

    /// True when `db`'s file keeps a write-ahead log: only then may a helping reader read it
    /// while a writer holds it, seeing none of the writer's pages before they are committed.
    static func isLogged(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "PRAGMA journal_mode")?.lowercased() == "wal"
    }

    /// Counts on a read connection of its own and a thread of its own, while the writer
    /// merges the segments of what it has committed (`Indexer.optimizeIfWorthIt`): the merge
    /// and the count each take a processor, and the count no longer waits for the merge.
    final class Background: @unchecked Sendable {
        // Unchecked: `outcome` is written by the counting thread before it signals `done`, and
        // read only after `wait`.
        private let done = DispatchSemaphore(value: 0)
        private var outcome: Counted?
        private var ceilings: ScoreCeilings.Scored?

        /// Starts counting the index at `path` as it is committed now; nil when it cannot be
        /// opened (the writer then counts alone).
        init?(path: String, policy: Policy) {
            guard
                let queue = try? DatabaseQueue(
                    path: IndexStore.readOnlyURI(path),
                    configuration: IndexStore.readOnlyConfiguration())
            else { return nil }
            let thread = Thread { [self] in
                outcome = try? queue.read { db in
                    let counted = try TermCounts.count(db, policy: policy)
                    ceilings = try? ScoreCeilings.score(db, counts: counted.counts, policy: policy)
                    return counted
                }
                try? queue.close()
                done.signal()
            }
            thread.stackSize = ScanThreads.stackSize
            thread.start()
        }

        /// The counts once made; nil when counting failed.
        ///
        /// It may be called any number of times.
        func wait() -> Counted? {
            done.wait()
            done.signal()
            return outcome
        }

        /// The score ceilings scored after the counts (`ScoreCeilings`); nil when they could
        /// not be.
        func waitForCeilings() -> ScoreCeilings.Scored? {
            _ = wait()
            return ceilings
        }
    }

    /// The terms estimated, from the tokens of `policy.sample` documents spread over the row
    /// ids, to be in `policy.minimumFrequency` documents or more (three quarters of that, for
    /// the sampling's error), sorted.
    static func candidates(_ db: Database, documents: Int, policy: Policy) throws -> [String] {
        guard let low = try Int64.fetchOne(db, sql: "SELECT min(id) FROM documents"),
            let high = try Int64.fetchOne(db, sql: "SELECT max(id) FROM documents")
        else { return [] }
        let next = try db.makeStatement(sql: "SELECT min(id) FROM documents WHERE id >= ?")
        let tokens = try db.makeStatement(
            sql: "SELECT lbsearch_tokens(documents_fts) FROM documents_fts WHERE rowid = ?")
        let sample = max(1, min(policy.sample, documents))
        let step = max(1, Double(high - low + 1) / Double(sample))
        var seen: [String: Int] = [:]
        var read = 0
        var last: Int64?
        for index in 0..<sample {
            let target = low + Int64(Double(index) * step)
            guard let id = try Int64.fetchOne(next, arguments: [target]), id != last else {
                continue
            }
            last = id
            guard let text = try String.fetchOne(tokens, arguments: [id]) else { continue }
            read += 1
            for term in Set(text.split(separator: " ")) { seen[String(term), default: 0] += 1 }
        }
        guard read > 0 else { return [] }
        let needed = Double(policy.minimumFrequency) * 0.75 * Double(read) / Double(documents)
        return seen.filter { Double($0.value) >= needed && !$0.key.contains("\t") }
            .map(\.key).sorted()
    }

    // MARK: Reading

    /// The stored document count of each of `words` (nil: not a plain word) that is one term
    /// of the index, as the ranking function takes them (`RankingState`): space-separated,
    /// `-1` for a word not known; nil when none is known or the counts are not those of the
    /// index `db` reads.
    ///
    /// Each word is looked up as `terms` makes it a term.
    static func frequencies(of words: [String?], _ db: Database) throws -> String? {
        try looked(up: words, db).frequencies
    }

    /// `frequencies` of `words`, and the terms they were looked up as (`terms`; none when no
    /// count is stored).
    static func looked(up words: [String?], _ db: Database) throws
        -> (frequencies: String?, terms: [String?])
    {
        guard words.contains(where: { $0 != nil }), let stored = try stored(db) else {
            return (nil, [])
        }
        let terms = try terms(of: words, db)
        let counts = terms.map { term in term.flatMap { stored[$0] } }
        guard counts.contains(where: { $0 != nil }) else { return (nil, terms) }
        return (counts.map { $0.map(String.init) ?? "-1" }.joined(separator: " "), terms)
    }

    /// The one term each of `words` is (nil: not a plain word, or not one term), as the index
    /// stores it.
    ///
    /// A word is looked up only when it has no CJK character and no full- or half-width form:
    /// its tokens are then the same whether FTS5 tokenizes it for a query or for
    /// `lbsearch_tokens` (the text goes to porter and unicode61 as it is).
    static func terms(of words: [String?], _ db: Database) throws -> [String?] {
        let plain = words.map { word in
            word.flatMap { CJKText.folded($0) == $0 && !CJKText.containsCJK($0) ? $0 : nil }
        }
        guard plain.contains(where: { $0 != nil }),
            let anchor = try Int64.fetchOne(db, sql: "SELECT id FROM documents LIMIT 1")
        else { return words.map { _ in nil } }
        let tokenize = try db.makeStatement(
            sql: "SELECT lbsearch_tokens(documents_fts, ?) FROM documents_fts WHERE rowid = ?")
        var terms: [String?] = []
        for word in plain {
            guard let word,
                let tokens = try String.fetchOne(tokenize, arguments: [word, anchor])
            else {
                terms.append(nil)
                continue
            }
            let split = tokens.split(separator: " ")
            terms.append(split.count == 1 ? String(split[0]) : nil)
        }
        return terms
    }

    /// Every stored term and its document count; nil when there are none or they are not
    /// those of the index `db` reads (the stamp is not its state).
    static func stored(_ db: Database) throws -> [String: Int]? {
        guard
            let stored = try String.fetchOne(
                db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
        else { return nil }
        var lines = stored.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first == stamp(try FTS5State(db)) else { return nil }
        lines.removeFirst()
        return parsedLines(lines[...])
    }

    /// The terms and counts of lines of a term, a tab and a count.
    static func parsedLines<Line: StringProtocol>(_ lines: ArraySlice<Line>) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in lines {
            guard let tab = line.firstIndex(of: "\t"),
                let count = Int(line[line.index(after: tab)...])
            else { continue }
            counts[String(line[..<tab])] = count
        }
        return counts
    }

    /// The counts a `frequencies` string gives, one per phrase (nil: count it), when it gives
    /// `phrases` of them; else nil.
    static func parsed(_ text: String?, phrases: Int) -> [Int?]? {
        guard let text else { return nil }
        let values = text.split(separator: " ").map { Int($0) }
        guard values.count == phrases, values.allSatisfy({ $0 != nil }) else { return nil }
        return values.map { $0.flatMap { $0 >= 0 ? $0 : nil } }
    }
}
