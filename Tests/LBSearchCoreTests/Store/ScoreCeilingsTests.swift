import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// The best score of each block of row ids that an index run stores for searches of its
/// commonest terms (`ScoreCeilings`), and the searches that rank only the blocks that can
/// reach their page (`CandidateQuery.scannedWithinCeilings`).
struct ScoreCeilingsTests {
    /// Counts and ceilings from the first document, ceilings for terms in a third of the
    /// documents, in blocks of 16 row ids.
    static let eager = TermCounts.Policy(
        minimumDocuments: 1, minimumFrequency: 120, sample: 300, ceilingShare: 1.0 / 3,
        ceilingBlock: 16)

    static func index(_ policy: TermCounts.Policy = eager) throws -> (IndexStore, TemporaryFolder) {
        try TermCountsTests.index(TermCountsTests.corpus(), policy: policy)
    }

    /// The stored ceilings by term, and their layout; nil without them.
    static func stored(_ store: IndexStore) throws -> (
        ScoreCeilings.Layout, [String: ScoreCeilings.Term]
    )? {
        try store.database.read { db in
            guard
                let header = try String.fetchOne(
                    db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [ScoreCeilings.key])
            else { return nil }
            let lines = header.split(separator: "\n", omittingEmptySubsequences: false)
            let numbers = lines[2].split(separator: " ").compactMap { Int64($0) }
            let layout = ScoreCeilings.Layout(
                spec: String(lines[1]), low: numbers[0], blockSize: numbers[1])
            var terms: [String: ScoreCeilings.Term] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT key, value FROM meta WHERE key LIKE ?",
                arguments: [ScoreCeilings.key + "\t%"])
            {
                let key: String = row["key"]
                terms[String(key.dropFirst(ScoreCeilings.key.count + 1))] = ScoreCeilings.Term(
                    encoded: row["value"])
            }
            return (layout, terms)
        }
    }

    @Test func aTermRoundTripsThroughItsBytes() throws {
        let term = ScoreCeilings.Term(rows: 42, maxima: [0.5, -.infinity, 1e-300, 3.25])
        #expect(ScoreCeilings.Term(encoded: term.encoded) == term)
        #expect(term.encoded.count == 40)
        #expect(ScoreCeilings.Term(encoded: Data([1, 2, 3])) == nil)
        #expect(ScoreCeilings.Term(encoded: Data()) == nil)
        #expect(
            ScoreCeilings.Term(encoded: ScoreCeilings.Term(rows: 0, maxima: []).encoded)?.rows == 0)
    }

    /// Every common term (and only those) has a value per block: the best score its rows there
    /// get from `lbsearch_rank` when it counts the term itself, -∞ where it has none.
    @Test func eachBlockHoldsTheBestScoreOfItsRows() throws {
        let (store, folder) = try Self.index()
        defer { withExtendedLifetime(folder) {} }
        let (layout, terms) = try #require(try Self.stored(store))
        #expect(layout.spec == ScoreCeilings.defaultSpec)
        #expect(layout.blockSize == 16)
        let counts = TermCountsTests.counts(try TermCountsTests.stored(store))
        let documents = try store.documentCount()
        let common = counts.filter { Double($0.value) >= Double(documents) / 3 }
        #expect(Set(terms.keys) == Set(common.keys))
        #expect(terms.keys.contains("the"))
        try store.database.read { db in
            for (term, ceilings) in terms {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT rowid, lbsearch_rank(documents_fts, ?) AS score FROM documents_fts
                        WHERE documents_fts MATCH ?
                        """, arguments: [layout.spec, MatchExpression.quoted(term)])
                #expect(ceilings.rows == rows.count)
                #expect(ceilings.rows == counts[term])
                var best: [Int: Double] = [:]
                for row in rows {
                    let block = Int((row["rowid"] - layout.low) / layout.blockSize)
                    best[block] = max(best[block] ?? -.infinity, row["score"])
                }
                #expect(ceilings.maxima.count == (best.keys.max() ?? -1) + 1)
                for (block, value) in ceilings.maxima.enumerated() {
                    #expect(value == best[block] ?? -.infinity, "\(term) block \(block)")
                }
            }
        }
    }

    static let words = ["the", "studio", "studios", "art", "THE", "running", "note"]

    /// Each word's hits (rank, id, score to the bit, snippets), total and completeness, for
    /// pages of several sizes and offsets, with copies collapsed and not.
    static func results(_ store: IndexStore) throws -> [String] {
        let reader = try IndexStore.openForReading(at: store.path)
        var results: [String] = []
        for word in words {
            for (limit, offset) in [(1, 0), (10, 0), (7, 3), (40, 0), (5, 60)] {
                for collapse in [true, false] {
                    var options = SearchOptions(limit: limit)
                    options.offset = offset
                    options.collapse = collapse
                    options.explain = limit == 10
                    let result = try Searcher(store: reader).search(word, options: options)
                    results.append(
                        "\(word) \(limit)+\(offset) \(collapse): \(result.total) \(result.cut) "
                            + result.hits.map { "\($0)" }.joined(separator: " | "))
                }
            }
        }
        return results
    }

    @Test func searchesGiveTheSameHitsWithOrWithoutTheCeilings() throws {
        let (store, folder) = try Self.index()
        defer { withExtendedLifetime(folder) {} }
        #expect(try Self.stored(store) != nil)
        let with = try Self.results(store)
        try store.database.write { try ScoreCeilings.clear($0) }
        #expect(try Self.stored(store) == nil)
        let without = try Self.results(store)
        #expect(with == without)
    }

    /// The page of the scan over the blocks best first is the page of the scan of every row,
    /// ties with its last row included, and it scans fewer blocks than there are.
    @Test func theBlocksScannedGiveThePageOfEveryRow() throws {
        let (store, folder) = try Self.index()
        defer { withExtendedLifetime(folder) {} }
        let reader = try IndexStore.openForReading(at: store.path)
        try reader.database.read { db in
            // Typed as the index stores it or not: `THE` and `Studios` are the terms of
            // `the` and `studio`.
            for word in ["the", "art", "studio", "THE", "Studios"] {
                let root = try #require(try QueryParser.parse(word).root)
                let match = try #require(MatchExpression.compile(root))
                let plan = try Searcher(store: reader).counted(
                    RankingPlan(match, parameters: RankingParameters()), db)
                let ceilings = try #require(plan.ceilings, "\(word)")
                for count in [0, 1, 10, 50, 200] {
                    let query = CandidateQuery(
                        plan, filters: QueryFilters(), sort: .relevance, limit: count, offset: 0)
                    let pruned = try #require(try query.scannedWithinCeilings(db))
                    var every = query
                    every.ceilings = nil
                    let all = try every.scannedSerially(db)
                    // In key order; rows that tie are ordered by path after the scan.
                    let page = try CandidateQuery.ordered(pruned.best, db)
                    let truth = try CandidateQuery.ordered(all.best, db)
                    #expect(page.map(\.id) == truth.map(\.id), "\(word) \(count)")
                    #expect(page.map(\.score) == truth.map(\.score))
                    #expect(pruned.seen == all.seen)
                    #expect(pruned.finished)
                    let blocks = ceilings.term.maxima.filter { $0 > -.infinity }.count
                    if count <= 10 { #expect(try #require(pruned.blocks) < blocks, "\(word)") }
                    if count == 0 { #expect(pruned.blocks == 0) }
                }
            }
        }
    }

    /// Ceilings are read only for the state they were scored on, and for a search with the
    /// spec and the count they were scored with; planted ones with the right stamp are used as
    /// they are (wrong ones change the page).
    @Test func ceilingsOfAnotherStateOrSpecAreIgnored() throws {
        let (store, folder) = try Self.index()
        defer { withExtendedLifetime(folder) {} }
        let honest = try TermCountsTests.results(store)
        let the = try store.database.read { db in
            try ScoreCeilings.lookup(
                term: "the", spec: ScoreCeilings.defaultSpec,
                frequencies: try TermCounts.frequencies(of: ["the"], db), db)
        }
        let lookup = try #require(the)
        var parameters = RankingParameters()
        parameters.titleWeight += 1
        let other = try store.database.read { db in
            try ScoreCeilings.lookup(
                term: "the", spec: RankingSpec(parameters: parameters).encoded,
                frequencies: lookup.frequencies, db)
        }
        #expect(other == nil)
        let miscounted = try store.database.read { db in
            try ScoreCeilings.lookup(
                term: "the", spec: ScoreCeilings.defaultSpec, frequencies: "7", db)
        }
        #expect(miscounted == nil)

        // Every block but the first planted below any score: the scan stops after it.
        var planted = lookup.term
        for index in planted.maxima.indices.dropFirst() { planted.maxima[index] = -1 }
        try store.database.write { db in
            try db.execute(
                sql: "UPDATE meta SET value = ? WHERE key = ?",
                arguments: [planted.encoded, ScoreCeilings.termKey("the")])
        }
        #expect(try TermCountsTests.results(store) != honest)

        // The same planted values, stamped with a state the index is no longer in.
        try store.database.write { db in
            try db.execute(
                sql: "UPDATE documents SET title = title WHERE id = (SELECT min(id) FROM documents)"
            )
        }
        #expect(try TermCountsTests.results(store) == honest)
        let stale = try store.database.read { db in
            try ScoreCeilings.lookup(
                term: "the", spec: ScoreCeilings.defaultSpec, frequencies: lookup.frequencies, db)
        }
        #expect(stale == nil)
    }

    /// A run scores the ceilings again when the documents changed, writes nothing when they
    /// did not, and drops them when the index no longer keeps counts.
    @Test func aRunScoresAgainOnlyWhenTheIndexChanged() throws {
        let (store, folder) = try Self.index()
        let before = try #require(try Self.stored(store))
        let indexer = Indexer(store: store)
        indexer.termCounts = Self.eager
        _ = try indexer.run(roots: [])
        #expect(try Self.stored(store)?.1 == before.1)
        #expect(!(try store.database.write { try ScoreCeilings.refresh($0, policy: Self.eager) }))

        try folder.write("docs/b.jsonl", TermCountsTests.corpus(changed: true)["b.jsonl"] ?? "")
        _ = try indexer.run(roots: [])
        let after = try #require(try Self.stored(store))
        #expect(after.1["the"] != before.1["the"])
        #expect(
            after.1["the"]?.rows == TermCountsTests.counts(try TermCountsTests.stored(store))["the"]
        )

        indexer.termCounts = TermCounts.Policy()
        try folder.write("docs/c.jsonl", #"{"_id": "c", "title": "t", "text": "the art"}"# + "\n")
        _ = try indexer.run(roots: [])
        #expect(try Self.stored(store) == nil)
    }

    /// A run that merges the segments scores the ceilings meanwhile on a connection of its own,
    /// as the writer scores them alone.
    @Test func theMergeAndTheScoringRunSideBySide() throws {
        let (store, folder) = try Self.index()
        defer { withExtendedLifetime(folder) {} }
        let indexer = Indexer(store: store)
        indexer.termCounts = Self.eager
        var report = IndexReport()
        report.added = try store.documentCount()
        let background = try #require(try indexer.optimizeIfWorthIt(report, run: nil))
        let scored = try #require(background.waitForCeilings())
        let alone = try store.database.read { db in
            try ScoreCeilings.score(
                db, counts: try #require(try TermCounts.stored(db)), policy: Self.eager)
        }
        #expect(scored.terms == alone?.terms)
        #expect(scored.layout == alone?.layout)
        #expect(!scored.terms.isEmpty)
        #expect(scored.holds(try store.database.read { try FTS5State($0) }))
    }

    /// Scored with a helping connection, in the writer's transaction or a reader's, the
    /// ceilings are those scored alone.
    @Test func aHelpingConnectionScoresTheSameCeilings() throws {
        let (store, folder) = try Self.index()
        defer { withExtendedLifetime(folder) {} }
        let counts = try #require(try store.database.read { try TermCounts.stored($0) })
        let alone = try store.database.read { db in
            try ScoreCeilings.score(db, counts: counts, policy: Self.eager)
        }
        let read = try store.database.read { db in
            try ScoreCeilings.score(db, counts: counts, policy: Self.eager, helped: true)
        }
        let written = try store.database.write { db in
            try ScoreCeilings.score(db, counts: counts, policy: Self.eager, helped: true)
        }
        #expect(try #require(alone).terms.count > 2)
        #expect(read?.terms == alone?.terms)
        #expect(written?.terms == alone?.terms)
    }

    /// `doctor` finds a ceiling that is not its block's best score; its repair (FTS5's
    /// `'rebuild'`) leaves none readable, and the next run scores them again.
    @Test func theDoctorFindsAndRepairsADamagedCeiling() throws {
        let (store, folder) = try Self.index()
        let doctor = IndexDoctor(store: store)
        #expect(try doctor.check().problems == [])
        #expect(try store.database.read(ScoreCeilings.areSound))
        var the = try #require(try Self.stored(store)?.1["the"])
        let block = try #require(the.maxima.firstIndex { $0 > -.infinity })
        the.maxima[block] = the.maxima[block].nextUp
        try store.database.write { db in
            try db.execute(
                sql: "UPDATE meta SET value = ? WHERE key = ?",
                arguments: [the.encoded, ScoreCeilings.termKey("the")])
        }
        #expect(try !store.database.read(ScoreCeilings.areSound))
        #expect(try doctor.check().problems == [.fullTextIndex])
        #expect(try doctor.repair().problems == [])
        let stale = try store.database.read { db in
            try ScoreCeilings.lookup(
                term: "the", spec: ScoreCeilings.defaultSpec,
                frequencies: "\(the.rows)", db)
        }
        #expect(stale == nil)
        let indexer = Indexer(store: store)
        indexer.termCounts = Self.eager
        _ = try indexer.run(roots: [folder.file("docs")])
        #expect(try store.database.read(ScoreCeilings.areSound))
        #expect(try Self.stored(store)?.1["the"]?.maxima.isEmpty == false)
    }
}

/// A run that changed documents merges FTS5's segments once there are more than
/// `Indexer.segmentsBeforeMerge`, however few documents it changed.
struct SegmentMergeTests {
    @Test func aRunLeavingManySegmentsMergesThem() throws {
        let (store, folder) = try ScoreCeilingsTests.index()
        let indexer = Indexer(store: store)
        indexer.termCounts = ScoreCeilingsTests.eager
        let segments = { try store.database.read { try FTS5State($0).segments } }
        #expect(try segments() == 1)
        // Runs of one changed file each, FTS5's own merging off: a segment or more each.
        try store.database.write { db in try IndexStore.setMerging(bulk: true, db) }
        var n = 0
        while try (segments() ?? 0) <= Indexer.segmentsBeforeMerge - 1 {
            n += 1
            try folder.write(
                "docs/c\(n).jsonl", #"{"_id": "c", "title": "t", "text": "art \#(n)"}"# + "\n")
            _ = try indexer.run(roots: [])
            try store.database.write { db in try IndexStore.setMerging(bulk: true, db) }
        }
        #expect(try segments() == Indexer.segmentsBeforeMerge)
        try folder.write("docs/d.jsonl", #"{"_id": "d", "title": "t", "text": "the art"}"# + "\n")
        _ = try indexer.run(roots: [])
        #expect(try segments() == 1)
        // The counts and ceilings stored are those of the merged index.
        #expect(try store.database.read(ScoreCeilings.areSound))
        let stamp = try store.database.read { TermCounts.stamp(try FTS5State($0)) }
        #expect(try TermCountsTests.stored(store)?.hasPrefix(stamp + "\n") == true)
    }
}
