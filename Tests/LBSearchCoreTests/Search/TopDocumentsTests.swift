import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// The top-documents pre-filter (`TopDocuments`, `TopDocumentsQuery`) answers a one-word
/// query exactly as scoring every match does: same ids, order, scores and total, on random
/// corpora, after updates and deletions, with snippets and explanations.
struct TopDocumentsTests {
    /// Lists for every term in a fifth of the documents, short enough that their bound
    /// sometimes fails (then every match is scored).
    static let settings: TopDocuments.Settings = {
        var settings = TopDocuments.Settings()
        settings.minDocuments = 1
        settings.minShare = 0.2
        settings.listLength = 6
        settings.rebuildShare = 1
        return settings
    }()

    /// A few words used everywhere, a tail used rarely: titles and bodies of random lengths.
    static let words = [
        "the", "of", "river", "market", "storm", "city", "council", "harbor", "vote", "bridge",
        "energy", "school", "prices", "festival", "museum", "railway", "drought", "league",
    ]

    static func word(_ generator: inout SplitMix) -> String {
        // Roughly Zipfian: index ⌊n · u³⌋ favours the first words.
        let u = Double.random(in: 0..<1, using: &generator)
        return words[min(words.count - 1, Int(Double(words.count) * u * u * u))]
    }

    static func document(_ generator: inout SplitMix) -> String {
        let titleLength = Int.random(in: 1...6, using: &generator)
        let bodyLength = Int.random(in: 1...90, using: &generator)
        let title = (0..<titleLength).map { _ in word(&generator) }.joined(separator: " ")
        let body = (0..<bodyLength).map { _ in word(&generator) }.joined(separator: " ")
        return "\(title)\n\n\(body)\n"
    }

    /// A store over `count` random documents, with lists made after its first run.
    static func corpus(_ count: Int, _ generator: inout SplitMix) throws -> (
        IndexStore, TemporaryFolder, Indexer
    ) {
        let folder = try TemporaryFolder()
        for number in 0..<count {
            try folder.write("d\(number).txt", document(&generator))
        }
        let store = try IndexStore.inMemory()
        let indexer = Indexer(store: store)
        indexer.topDocuments = settings
        indexer.topDocuments.rebuildShare = 0
        _ = try indexer.run(roots: [folder.path])
        indexer.topDocuments.rebuildShare = 1
        return (store, folder, indexer)
    }

    /// The page of `word` with and without the lists; whether the lists answered.
    static func compare(
        _ word: String, limit: Int, offset: Int, _ store: IndexStore, seed: UInt64
    ) throws -> Bool {
        try store.read { db in
            var query = CandidateQuery(
                expression: MatchExpression.quoted(word), filters: QueryFilters(),
                sort: .relevance, limit: limit, offset: offset)
            let fast = try query.fetch(db)
            query.prefilter = false
            let full = try query.fetch(db)
            let label = "seed \(seed), \(word), limit \(limit), offset \(offset)"
            #expect(fast.candidates.map(\.id) == full.candidates.map(\.id), "\(label)")
            #expect(fast.candidates.map(\.score) == full.candidates.map(\.score), "\(label)")
            #expect(fast.total == full.total, "\(label)")
            return fast.prefiltered
        }
    }

    /// Every common word, several pages: the pages agree; returns how many the lists answered.
    static func compareAll(_ store: IndexStore, seed: UInt64) throws -> Int {
        var answered = 0
        for word in words.prefix(8) {
            for (limit, offset) in [(1, 0), (3, 0), (3, 2), (5, 1)] {
                if try compare(word, limit: limit, offset: offset, store, seed: seed) {
                    answered += 1
                }
            }
        }
        return answered
    }

    @Test func listsAnswerExactlyOnRandomCorpora() throws {
        let seed = SplitMix.testSeed
        var answered = 0
        for round in 0..<4 {
            var generator = SplitMix(seed: seed &+ UInt64(round))
            let (store, _, _) = try Self.corpus(60 + 30 * round, &generator)
            answered += try Self.compareAll(store, seed: seed &+ UInt64(round))
        }
        #expect(answered > 0, "seed \(seed): the lists never answered")
    }

    @Test func listsStayExactAfterUpdatesAndDeletions() throws {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed &+ 100)
        let (store, folder, indexer) = try Self.corpus(90, &generator)
        var answered = 0
        for step in 0..<3 {
            for _ in 0..<12 {
                let number = Int.random(in: 0..<120, using: &generator)
                let path = folder.file("d\(number).txt")
                if Bool.random(using: &generator), FileManager.default.fileExists(atPath: path) {
                    try FileManager.default.removeItem(atPath: path)
                } else {
                    try folder.write("d\(number).txt", Self.document(&generator))
                }
            }
            _ = try indexer.run(roots: [])
            answered += try Self.compareAll(store, seed: seed &+ 100 &+ UInt64(step))
        }
        #expect(answered > 0, "seed \(seed): the lists never answered")
    }

    /// Hits (snippets and explanations included) and totals are those of an index without
    /// lists.
    @Test func searchesShowTheSameHits() throws {
        var generator = SplitMix(seed: SplitMix.testSeed &+ 200)
        let (store, _, _) = try Self.corpus(80, &generator)
        var options = SearchOptions(limit: 3)
        options.explain = true
        let searcher = Searcher(store: store)
        let with = try Self.words.prefix(6).map { try searcher.search($0, options: options) }
        try store.database.write { db in try db.execute(sql: "DELETE FROM top_documents") }
        let without = try Self.words.prefix(6).map { try searcher.search($0, options: options) }
        #expect(with.map(\.hits) == without.map(\.hits))
        #expect(with.map(\.total) == without.map(\.total))
    }

    /// The lists are made for the terms of at least `minShare` of the documents only.
    @Test func listsAreMadeForCommonWords() throws {
        var generator = SplitMix(seed: SplitMix.testSeed &+ 300)
        let (store, _, _) = try Self.corpus(60, &generator)
        let (terms, documents) = try store.read { db in
            (
                try Row.fetchAll(db, sql: "SELECT term, df FROM top_documents"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0
            )
        }
        #expect(terms.contains { $0["term"] == "the" })
        for row in terms {
            let df: Int = row["df"]
            #expect(Double(df) >= Self.settings.minShare * Double(documents))
        }
    }

    @Test(
        arguments: [
            ("\"the\"", "the"), ("\"say \"\"hi\"\"\"", "say \"hi\""), ("\"a\" \"b\"", nil),
            ("\"a\" OR \"b\"", nil), ("title : \"a\"", nil), ("\"an\" *", nil), ("\"\"", ""),
        ] as [(String, String?)])
    func singlePhrase(expression: String, text: String?) {
        #expect(TopDocumentsQuery.singlePhrase(expression) == text)
    }

    /// An index made before "v11" gains the table when it is next opened for writing, and
    /// its next run fills it.
    @Test func olderIndexIsMigrated() throws {
        let folder = try TemporaryFolder()
        var generator = SplitMix(seed: SplitMix.testSeed &+ 400)
        for number in 0..<40 { try folder.write("d\(number).txt", Self.document(&generator)) }
        let path = folder.file("index.db")
        _ = try Indexer.index(at: path, roots: [folder.path])
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TABLE top_documents")
            try db.execute(
                sql: "DELETE FROM grdb_migrations WHERE identifier = ?",
                arguments: [Schema.topDocumentsMigration])
        }
        try queue.close()
        #expect(throws: LBSearchError.outdatedIndex(path: path)) {
            try IndexStore.openForReading(at: path)
        }
        let store = try IndexStore.openForWriting(at: path)
        let indexer = Indexer(store: store)
        indexer.topDocuments = Self.settings
        indexer.topDocuments.rebuildShare = 0
        _ = try indexer.run(roots: [])
        let count = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM top_documents") ?? 0
        }
        #expect(count > 0)
    }
}
