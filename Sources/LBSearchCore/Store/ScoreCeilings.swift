import Foundation
import GRDB
import GRDBSQLite

/// The best score a search for one very common word gives in each block of row ids, stored by
/// the last index run with the state of the full-text index it was scored on, so such a search
/// ranks only the blocks that can reach its page (block-max pruning).
///
/// A word in most documents (`the`, `that`) matches most of the index: an exact ranking that
/// scores every match costs about 0.25 µs a row, 140 ms of wall time on a million documents
/// over two processors. Its best documents lie in a few blocks. With each block's best score
/// at hand, a search scores the blocks best first (`CandidateQuery.scannedWithinCeilings`) and
/// stops at the first block whose best is below the page's last score: no document there can
/// reach the page, or tie with it.
///
/// Exact, not an estimate: each block's value is the largest score `lbsearch_rank` gave one of
/// its rows, in a scan of the word as a query of it runs (`expression`), with the same spec and
/// the same document count, on the same documents. A search uses the values only when its spec
/// and count are those, and the stamp (`TermCounts.stamp`) is the state of the index it reads:
/// then every row would score exactly what it scored here. Any write changes the stamp, and the
/// next run scores again.
///
/// Stored in `meta` (no schema change): `key` holds the stamp, the spec, the count policy and
/// the blocks' layout; `key` + tab + term holds that term's blob (`Term.encoded`).
struct ScoreCeilings {
    /// The `meta` key of the row that describes the stored ceilings.
    static let key = "score_ceilings"

    /// The stored ceilings of one term: how many rows match it, and each block's best score.
    struct Term: Equatable, Sendable {
        /// Rows of the full-text index that hold the term: what a scan of it counts.
        var rows: Int
        /// The best score of each block of row ids, from the first; -∞ for a block without the
        /// term.
        var maxima: [Double]

        /// Eight bytes of row count, then eight bytes (IEEE 754, little-endian) per block.
        var encoded: Data {
            var data = Data(capacity: 8 * (maxima.count + 1))
            withUnsafeBytes(of: UInt64(rows).littleEndian) { data.append(contentsOf: $0) }
            for value in maxima {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
            }
            return data
        }

        /// The term `encoded` wrote; nil for bytes it cannot have written.
        init?(encoded data: Data) {
            guard data.count >= 8, data.count % 8 == 0 else { return nil }
            var words: [UInt64] = []
            words.reserveCapacity(data.count / 8)
            data.withUnsafeBytes { raw in
                for offset in stride(from: 0, to: raw.count, by: 8) {
                    words.append(
                        UInt64(
                            littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                        ))
                }
            }
            guard let count = Int(exactly: words[0]) else { return nil }
            rows = count
            maxima = words.dropFirst().map { Double(bitPattern: $0) }
        }

        init(rows: Int, maxima: [Double]) {
            self.rows = rows
            self.maxima = maxima
        }
    }

    /// What the ceilings were scored for, and how the row ids are cut into blocks.
    struct Layout: Equatable, Sendable {
        /// The `RankingSpec.encoded` of the scans.
        var spec: String
        /// The first row id of the first block.
        var low: Int64
        /// Row ids per block.
        var blockSize: Int64

        /// The row ids of block `index`.
        func rowids(_ index: Int) -> ClosedRange<Int64> {
            let first = low + Int64(index) * blockSize
            return first...(first + blockSize - 1)
        }
    }

    /// The ceilings of one word, ready for a search.
    struct Lookup: Sendable {
        var layout: Layout
        var term: Term
        /// The `lbsearch_rank` frequencies the ceilings were scored with.
        var frequencies: String
    }

    /// Every term scored on one state of the index, and what that state was.
    struct Scored: Sendable {
        /// FTS5's averages record then (`FTS5State.averages`): the same documents when equal.
        var averages: Data?
        var layout: Layout
        var terms: [String: Term]

        /// True when these are the ceilings of the documents the index holds in `state`: see
        /// `TermCounts.Counted.holds`.
        func holds(_ state: FTS5State) -> Bool { state.averages == averages }
    }

    /// The spec a search for one typed word runs with the default ranking.
    static var defaultSpec: String { RankingSpec().encoded }

    // MARK: Writing

    /// Scores the ceilings of the index as `db`'s write transaction sees it.
    ///
    /// Nothing is written when those stored are of this state already; they are removed when
    /// the index keeps no term counts, or none of its terms is common enough. `prescored` are ceilings scored meanwhile on another
    /// connection (`TermCounts.Background`), used when they are of the same documents.
    ///
    /// Called after `TermCounts.refresh`, whose counts it takes. Returns whether it wrote.
    @discardableResult
    static func refresh(_ db: Database, policy: TermCounts.Policy, prescored: Scored? = nil)
        throws -> Bool
    {
        let state = try FTS5State(db)
        let stamp = TermCounts.stamp(state)
        let stored = try String.fetchOne(
            db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
        if let stored, stored.prefix(while: { $0 != "\n" }) == stamp { return false }
        try clear(db)
        let scored: Scored?
        if let prescored, prescored.holds(state) {
            scored = prescored
        } else if let counts = try TermCounts.stored(db) {
            scored = try score(db, counts: counts, policy: policy, helped: true)
        } else {
            scored = nil
        }
        guard let scored, !scored.terms.isEmpty else { return db.changesCount > 0 }
        let insert = try db.makeStatement(sql: "INSERT INTO meta(key, value) VALUES (?, ?)")
        for (term, ceilings) in scored.terms {
            try insert.execute(arguments: [termKey(term), ceilings.encoded])
        }
        let layout = scored.layout
        try insert.execute(arguments: [
            key, [stamp, layout.spec, "\(layout.low) \(layout.blockSize)"].joined(separator: "\n"),
        ])
        return true
    }

    /// Removes every stored ceiling.
    static func clear(_ db: Database) throws {
        try db.execute(
            sql: "DELETE FROM meta WHERE key = ? OR substr(key, 1, ?) = ?",
            arguments: [key, key.utf8.count + 1, key + "\t"])
    }

    static func termKey(_ term: String) -> String { key + "\t" + term }

    /// The terms of `counts` in `policy.ceilingShare` of the documents or more, each scanned
    /// once as a search for it would scan it (`scan`).
    ///
    /// With `helped`, on a machine with two processors or more, a read connection of its own
    /// scans about half of them on a thread of its own (`HelperScan`), when it reads the
    /// state `db` reads: a run that merged nothing scores in the writer, which else waits.
    static func score(
        _ db: Database, counts: [String: Int], policy: TermCounts.Policy, helped: Bool = false
    ) throws -> Scored? {
        let state = try FTS5State(db)
        let documents = try Int.fetchOne(db, sql: "SELECT count(*) FROM documents_fts_docsize") ?? 0
        guard documents >= policy.minimumDocuments,
            let low = try Int64.fetchOne(db, sql: "SELECT min(rowid) FROM documents_fts_docsize"),
            let anchor = try Int64.fetchOne(db, sql: "SELECT id FROM documents LIMIT 1")
        else { return nil }
        let minimum = max(
            policy.minimumFrequency, Int((Double(documents) * policy.ceilingShare).rounded(.up)))
        let layout = Layout(spec: defaultSpec, low: low, blockSize: Int64(policy.ceilingBlock))
        var scored = Scored(averages: state.averages, layout: layout, terms: [:])
        let tokenize = try db.makeStatement(
            sql: "SELECT lbsearch_tokens(documents_fts, ?) FROM documents_fts WHERE rowid = ?")
        var terms: [(String, Int)] = []
        for (term, count) in counts where count >= minimum {
            // Only a term that is its own single token: a search for it then reads it alone.
            guard try String.fetchOne(tokenize, arguments: [term, anchor]) == term else { continue }
            terms.append((term, count))
        }
        // Largest first, dealt to whichever share has fewer entries so far.
        terms.sort { ($0.1, $0.0) > ($1.1, $1.0) }
        var shares: [[(String, Int)]] = [[], []]
        var entries = [0, 0]
        for term in terms {
            let share = entries[0] <= entries[1] ? 0 : 1
            shares[share].append(term)
            entries[share] += term.1
        }
        let scanAll = { (share: [(String, Int)], db: Database) throws -> [String: Term] in
            var scanned: [String: Term] = [:]
            for (term, count) in share {
                scanned[term] = try scan(term, frequencies: String(count), layout, db)
            }
            return scanned
        }
        guard helped, !shares[1].isEmpty, ScanSplit.machineProcessors >= 2,
            try TermCounts.isLogged(db), let path = SplitScan.filePath(db),
            let second = SplitScan.open(path)
        else {
            scored.terms = try scanAll(terms, db)
            return scored
        }
        defer { try? second.close() }
        let theirs = shares[1]
        let helper = HelperScan(state: state, database: second) { try scanAll(theirs, $0) }
        helper.start()
        // Waited for whatever happens here: no thread outlives the run.
        let mine = Result { try scanAll(shares[0], db) }
        let helping = helper.wait()
        scored.terms = try mine.get()
        let other = try (try? helping.get() ?? nil) ?? scanAll(theirs, db)
        scored.terms.merge(other) { mine, _ in mine }
        return scored
    }

    /// Every row of `term` scored as a search for the word runs it, and each block's best.
    static func scan(_ term: String, frequencies: String, _ layout: Layout, _ db: Database) throws
        -> Term
    {
        let statement = try db.makeStatement(
            sql: """
                SELECT rowid, lbsearch_rank(documents_fts, ?, NULL, ?) FROM documents_fts
                WHERE documents_fts MATCH ?
                """)
        try statement.setArguments([layout.spec, frequencies, MatchExpression.quoted(term)])
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var maxima: [Double] = []
        var rows = 0
        while try CandidateQuery.step(handle, db) {
            rows += 1
            let block = Int((sqlite3_column_int64(handle, 0) - layout.low) / layout.blockSize)
            guard block >= 0, sqlite3_column_type(handle, 1) != SQLITE_NULL else { continue }
            if block >= maxima.count {
                maxima += repeatElement(-Double.infinity, count: block + 1 - maxima.count)
            }
            maxima[block] = max(maxima[block], sqlite3_column_double(handle, 1))
        }
        return Term(rows: rows, maxima: maxima)
    }

    /// True unless a search could read ceilings that differ from the scores of their rows.
    ///
    /// Every term stored under a stamp that is the index's state is scanned again. FTS5's `'rebuild'` changes the stamp, so a repair leaves none readable, and the next run
    /// scores them again.
    static func areSound(_ db: Database) throws -> Bool {
        guard
            let header = try String.fetchOne(
                db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]),
            let layout = layout(header, db), let counts = try TermCounts.stored(db)
        else { return true }
        let rows = try Row.fetchAll(
            db, sql: "SELECT key, value FROM meta WHERE substr(key, 1, ?) = ?",
            arguments: [key.utf8.count + 1, key + "\t"])
        for row in rows {
            let name: String = row["key"]
            let term = String(name.dropFirst(key.count + 1))
            guard let count = counts[term] else { continue }
            let value: Data? = row["value"]
            guard let value, let stored = Term(encoded: value) else { return false }
            guard stored.rows == count else { continue }
            if try scan(term, frequencies: String(count), layout, db) != stored { return false }
        }
        return true
    }

    /// The layout `header` (the `key` row) describes, when its stamp is the state of the
    /// index `db` reads.
    static func layout(_ header: String, _ db: Database) -> Layout? {
        let lines = header.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 3, let state = try? FTS5State(db),
            lines[0] == TermCounts.stamp(state)
        else { return nil }
        let numbers = lines[2].split(separator: " ").compactMap { Int64($0) }
        guard numbers.count == 2, numbers[1] > 0 else { return nil }
        return Layout(spec: String(lines[1]), low: numbers[0], blockSize: numbers[1])
    }

    // MARK: Reading

    /// The ceilings of `term` (a word as the index stores it, `TermCounts.terms`) for a search
    /// with `spec` and `frequencies`, when the index keeps them for its state as `db` reads
    /// it; else nil.
    static func lookup(term: String, spec: String, frequencies: String?, _ db: Database) throws
        -> Lookup?
    {
        guard spec == defaultSpec, let frequencies,
            let header = try String.fetchOne(
                db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]),
            let data = try Data.fetchOne(
                db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [termKey(term)]),
            let ceilings = Term(encoded: data)
        else { return nil }
        guard let layout = layout(header, db), layout.spec == spec,
            frequencies == String(ceilings.rows)
        else { return nil }
        return Lookup(layout: layout, term: ceilings, frequencies: frequencies)
    }
}
