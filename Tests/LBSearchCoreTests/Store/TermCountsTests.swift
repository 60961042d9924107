import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// The document counts of common terms that an index run stores for searches (`TermCounts`).
struct TermCountsTests {
    /// Counts kept from the first document, for terms in 120 documents or more.
    static let eager = TermCounts.Policy(minimumDocuments: 1, minimumFrequency: 120, sample: 300)

    /// 2,000 records over a small vocabulary with words of every frequency, and a second file
    /// of 300 more, to change in place.
    static func corpus(changed: Bool = false) -> [String: String] {
        var generator = SplitMix(seed: SplitMix.testSeed)
        let common = ["the", "studio", "studios", "animation", "running", "runs", "art"]
        let rare = (0..<400).map { "word\($0)" }
        func record(_ id: String, _ n: Int) -> String {
            let count = Int.random(in: 3...30, using: &generator)
            let text = (0..<count).map { _ in
                Int.random(in: 0..<4, using: &generator) == 0
                    ? rare.randomElement(using: &generator) ?? ""
                    : common.randomElement(using: &generator) ?? ""
            }
            return
                #"{"_id": "\#(id)", "title": "note \#(n % 5) art", "text": "\#(text.joined(separator: " "))"}"#
        }
        let first = (0..<2_000).map { record("a\($0)", $0) }
        var second = (0..<300).map { record("b\($0)", $0) }
        if changed { second = second.enumerated().map { $0.offset % 2 == 0 ? $0.element : "" } }
        return [
            "a.jsonl": first.joined(separator: "\n") + "\n",
            "b.jsonl": second.filter { !$0.isEmpty }.joined(separator: "\n") + "\n",
        ]
    }

    /// An index of `files` on disk, built with `policy`.
    static func index(_ files: [String: String], policy: TermCounts.Policy) throws
        -> (IndexStore, TemporaryFolder)
    {
        let folder = try TemporaryFolder()
        for (name, contents) in files { try folder.write("docs/" + name, contents) }
        let writer = try IndexStore.openForWriting(at: folder.file("index.db"))
        let indexer = Indexer(store: writer)
        indexer.termCounts = policy
        _ = try indexer.run(roots: [folder.file("docs")])
        return (writer, folder)
    }

    static func stored(_ store: IndexStore) throws -> String? {
        try store.database.read { db in
            try String.fetchOne(
                db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [TermCounts.key])
        }
    }

    /// The stored counts by term.
    static func counts(_ text: String?) -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in (text ?? "").split(separator: "\n").dropFirst() {
            let parts = line.split(separator: "\t")
            if parts.count == 2, let count = Int(parts[1]) { counts[String(parts[0])] = count }
        }
        return counts
    }

    /// Each term's documents, counted from every document's own tokens: not how the run
    /// counts them (`documents_vocab`).
    static func tokenCounts(_ store: IndexStore) throws -> [String: Int] {
        try store.database.read { db in
            var counts: [String: Int] = [:]
            let rows = try String.fetchAll(
                db, sql: "SELECT lbsearch_tokens(documents_fts) FROM documents_fts")
            for text in rows {
                for term in Set(text.split(separator: " ")) {
                    counts[String(term), default: 0] += 1
                }
            }
            return counts
        }
    }

    /// The stamp's bytes in two lowercase hex digits each, as stamps stored by earlier releases
    /// wrote them (`%02x`), so their counts and blocks stay readable.
    @Test func stampsSpellBytesInLowercaseHex() {
        let bytes = Data([0x00, 0x0F, 0xA5, 0xFF, 0x10])
        #expect(TermCounts.hex(bytes) == "000fa5ff10")
        #expect(TermCounts.hex(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
        #expect(TermCounts.hex(nil) == "-")
        #expect(TermCounts.hex(Data()) == "")
    }

    @Test func aRunStoresTheCountsOfItsCommonTermsStampedWithTheIndex() throws {
        let (store, _) = try Self.index(Self.corpus(), policy: Self.eager)
        let text = try #require(try Self.stored(store))
        let counts = Self.counts(text)
        let truth = try Self.tokenCounts(store)
        // Stems, as the index holds them: "studios" and "studio" are one term.
        #expect(Set(counts.keys).isSuperset(of: ["the", "studio", "anim", "run", "art", "note"]))
        #expect(!counts.keys.contains(where: { $0.hasPrefix("word") }))
        #expect(counts.values.allSatisfy { $0 >= 120 })
        for (term, count) in counts { #expect(truth[term] == count, "\(term)") }
        let stamp = try store.database.read { TermCounts.stamp(try FTS5State($0)) }
        #expect(text.hasPrefix(stamp + "\n"))
    }

    @Test func aRunThatChangesDocumentsCountsAgainAndANoOpRunWritesNothing() throws {
        let (store, folder) = try Self.index(Self.corpus(), policy: Self.eager)
        let before = try Self.stored(store)
        let indexer = Indexer(store: store)
        indexer.termCounts = Self.eager
        _ = try indexer.run(roots: [])
        #expect(try Self.stored(store) == before)
        let written = try store.database.write { try TermCounts.refresh($0, policy: Self.eager) }
        #expect(!written)

        try folder.write("docs/b.jsonl", Self.corpus(changed: true)["b.jsonl"] ?? "")
        let report = try indexer.run(roots: [])
        #expect(report.removed > 0)
        let after = try #require(try Self.stored(store))
        #expect(after != before)
        let truth = try Self.tokenCounts(store)
        #expect(Self.counts(after)["the"] == truth["the"])
        #expect(Self.counts(after)["the"] != Self.counts(before)["the"])
        for (term, count) in Self.counts(after) { #expect(truth[term] == count, "\(term)") }
    }

    /// A run that merges the segments counts meanwhile on a connection of its own, the same
    /// counts as the writer makes alone.
    @Test func theMergeAndTheCountRunSideBySide() throws {
        let (store, folder) = try Self.index(Self.corpus(), policy: Self.eager)
        defer { withExtendedLifetime(folder) {} }
        let indexer = Indexer(store: store)
        indexer.termCounts = Self.eager
        var report = IndexReport()
        report.added = try store.documentCount()
        let counted = try #require(try indexer.optimizeIfWorthIt(report, run: nil)?.wait())
        let alone = try store.database.read { try TermCounts.count($0, policy: Self.eager) }
        #expect(counted.lines == alone.lines)
        #expect(counted.documents == alone.documents)
        #expect(!counted.lines.isEmpty)
        #expect(counted.holds(try store.database.read { try FTS5State($0) }))
    }

    /// Counted with a helping connection, in the writer's transaction or a reader's, the counts
    /// are those counted alone.
    @Test func aHelpingConnectionCountsTheSame() throws {
        let (store, folder) = try Self.index(Self.corpus(), policy: Self.eager)
        defer { withExtendedLifetime(folder) {} }
        let alone = try store.database.read { try TermCounts.count($0, policy: Self.eager) }
        let read = try store.database.read {
            try TermCounts.count($0, policy: Self.eager, helped: true)
        }
        let written = try store.database.write {
            try TermCounts.count($0, policy: Self.eager, helped: true)
        }
        #expect(alone.lines.count > 2)
        #expect(read.lines == alone.lines)
        #expect(written.lines == alone.lines)
    }

    /// Only a file with a write-ahead log is read by a helping connection while written.
    @Test func onlyALoggedFileIsHelped() throws {
        let (store, folder) = try Self.index(Self.corpus(), policy: Self.eager)
        defer { withExtendedLifetime(folder) {} }
        #expect(try store.database.read(TermCounts.isLogged))
        #expect(try !IndexStore.inMemory().database.read(TermCounts.isLogged))
    }

    /// `--full` counts in the new file, whose stamp the copy over the old one keeps.
    @Test func aFullRebuildCountsInTheNewIndex() throws {
        let (store, folder) = try Self.index(Self.corpus(), policy: Self.eager)
        try folder.write("docs/b.jsonl", Self.corpus(changed: true)["b.jsonl"] ?? "")
        let indexer = Indexer(store: store)
        indexer.termCounts = Self.eager
        _ = try indexer.run(roots: [], full: true)
        let text = try #require(try Self.stored(store))
        let stamp = try store.database.read { TermCounts.stamp(try FTS5State($0)) }
        #expect(text.hasPrefix(stamp + "\n"))
        let truth = try Self.tokenCounts(store)
        #expect(Self.counts(text)["the"] == truth["the"])
        for (term, count) in Self.counts(text) { #expect(truth[term] == count, "\(term)") }
    }

    @Test func aSmallIndexKeepsNoCountsAndDropsOldOnes() throws {
        let (store, folder) = try Self.index(Self.corpus(), policy: Self.eager)
        #expect(try Self.stored(store) != nil)
        try folder.write("docs/c.jsonl", #"{"_id": "c", "title": "t", "text": "the art"}"# + "\n")
        _ = try Indexer(store: store).run(roots: [])
        #expect(try Self.stored(store) == nil)

        let (small, _) = try Self.index(Self.corpus(), policy: TermCounts.Policy())
        #expect(try Self.stored(small) == nil)
    }

    static let queries = [
        "the", "studios", "the art", "the word3", "art studio running", "\"the art\"",
        "anim*", "title:art the", "the OR word7", "studio -word2", "word3 word9", "runs",
        "note the", "ＴＨＥ art", "the the studio",
    ]

    /// Every query's hits (rank, id, score to the bit, title and snippet highlights) and total.
    static func results(_ store: IndexStore, _ options: SearchOptions = SearchOptions())
        throws -> [String]
    {
        let reader = try IndexStore.openForReading(at: store.path)
        return try queries.map { query in
            let result = try Searcher(store: reader).search(query, options: options)
            return "\(query): \(result.total) "
                + result.hits.map { "\($0)" }.joined(separator: " | ")
        }
    }

    @Test func searchesGiveTheSameHitsAndScoresWithOrWithoutTheCounts() throws {
        let (store, folder) = try Self.index(Self.corpus(), policy: Self.eager)
        defer { withExtendedLifetime(folder) {} }
        var options = SearchOptions(limit: 15)
        options.explain = true
        var expanded = SearchOptions()
        expanded.expand = true
        let with =
            try Self.results(store) + Self.results(store, options)
            + Self.results(store, expanded)
        try store.database.write {
            try $0.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [TermCounts.key])
        }
        let without =
            try Self.results(store) + Self.results(store, options)
            + Self.results(store, expanded)
        #expect(with == without)
    }

    /// The plan a search ranks with hands the stored counts of its plain words, and only them,
    /// to the ranking function.
    @Test func aSearchLooksUpItsPlainWordsOnly() throws {
        let (store, _) = try Self.index(Self.corpus(), policy: Self.eager)
        let counts = Self.counts(try Self.stored(store))
        let the = try #require(counts["the"])
        let studio = try #require(counts["studio"])
        let known = try store.database.read { db in
            try TermCounts.frequencies(of: ["the", nil, "studios", "word3", "ＴＨＥ", "the art"], db)
        }
        #expect(known == "\(the) -1 \(studio) -1 -1 -1")
        let root = try #require(try QueryParser.parse("the anim* title:art -studio").root)
        let plan = try #require(MatchExpression.compile(root))
        let words = RankingPlan(plan, parameters: RankingParameters()).words
        #expect(words == ["the", nil, nil, "studio"])
    }

    /// Counts stamped with another state of the index are not used; counts stamped with this
    /// one are, as they are (a wrong count planted with the right stamp changes the scores).
    @Test func countsOfAnotherStateAreIgnored() throws {
        let (store, folder) = try Self.index(Self.corpus(), policy: Self.eager)
        defer { withExtendedLifetime(folder) {} }
        let honest = try Self.results(store)
        let text = try #require(try Self.stored(store))
        let planted = text.replacingOccurrences(
            of: "\nthe\t\(Self.counts(text)["the"] ?? 0)", with: "\nthe\t7")
        #expect(planted != text)
        try store.database.write {
            try $0.execute(
                sql: "UPDATE meta SET value = ? WHERE key = ?",
                arguments: [planted, TermCounts.key])
        }
        #expect(try Self.results(store) != honest)
        let read = try store.database.read { try TermCounts.stored($0) }
        #expect(read == Self.counts(planted))
        #expect(read?["the"] == 7)
        // The same wrong count, stamped with a state the index is no longer in: a document
        // written again as it was (FTS5 deletes and inserts it, a new segment).
        try store.database.write { db in
            try db.execute(
                sql: "UPDATE documents SET title = title WHERE id = (SELECT min(id) FROM documents)"
            )
        }
        #expect(try Self.results(store) == honest)
        #expect(try store.database.read { try TermCounts.stored($0) } == nil)
    }
}
