import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// Pages of one query are slices of one ordering, whatever the mode, and the fallback to
/// "some of the words" is decided once per query.
struct PagingTests {
    /// 14 documents with "kiwi" and "mango", 20 with one of them, 12 with "papaya" and one
    /// of the others, all dated, with varied counts so scores differ.
    static let files: [String: String] = {
        var files: [String: String] = [:]
        for n in 0..<14 {
            files["both\(n).txt"] =
                "Title: Both \(n)\nDate: 2024-01-\(10 + n)\n\n"
                + words(["kiwi": n % 3 + 1, "mango": n % 4 + 1], n)
        }
        for n in 0..<10 {
            files["kiwi\(n).txt"] =
                "Title: Kiwi \(n)\nDate: 2023-02-\(10 + n)\n\n" + words(["kiwi": n % 5 + 1], n)
            files["mango\(n).txt"] =
                "Title: Mango \(n)\nDate: 2023-03-\(10 + n)\n\n" + words(["mango": n % 5 + 1], n)
        }
        for n in 0..<12 {
            files["papaya\(n).txt"] =
                "Title: Papaya \(n)\n\n"
                + words(["papaya": n % 3 + 1, n % 2 == 0 ? "kiwi" : "mango": 1], n)
        }
        return files
    }()

    static func words(_ counts: [String: Int], _ n: Int) -> String {
        let filler = Array(repeating: "plain", count: n % 7 + 3)
        return
            (counts.sorted { $0.key < $1.key }.flatMap { Array(repeating: $0.key, count: $0.value) }
            + filler).joined(separator: " ")
    }

    static func options(limit: Int, offset: Int, match: MatchMode, sort: SortOrder) -> SearchOptions
    {
        var options = SearchOptions(limit: limit, offset: offset, match: match)
        options.sort = sort
        options.suggest = false
        return options
    }

    static let cases: [(String, MatchMode, SortOrder)] = [
        ("kiwi mango", .auto, .relevance),
        ("kiwi mango", .auto, .date),
        ("papaya kiwi mango", .auto, .relevance),
        ("papaya kiwi mango", .auto, .date),
        ("kiwi mango papaya", .any, .relevance),
        ("kiwi OR mango", .auto, .relevance),
    ]

    @Test(arguments: 0..<cases.count)
    func pagesAreSlicesOfOneOrdering(_ index: Int) throws {
        let (text, match, sort) = Self.cases[index]
        let (store, _) = try indexedStore(Self.files)
        let searcher = Searcher(store: store)
        let whole = try searcher.search(
            text, options: Self.options(limit: 100, offset: 0, match: match, sort: sort))
        var paged: [String] = []
        for offset in stride(from: 0, to: whole.hits.count + 6, by: 3) {
            let page = try searcher.search(
                text, options: Self.options(limit: 3, offset: offset, match: match, sort: sort))
            #expect(page.relaxed == whole.relaxed)
            #expect(page.total == whole.total)
            #expect(page.hits.map(\.rank) == Array(offset + 1..<offset + 1 + page.hits.count))
            paged += page.hits.map(\.path)
        }
        #expect(whole.hits.count > 10)
        #expect(paged == whole.hits.map(\.path))
    }

    @Test func aLoosenedQueryPutsDocumentsWithMoreWordsFirst() throws {
        let (store, _) = try indexedStore(Self.files)
        let result = try Searcher(store: store).search(
            "papaya kiwi mango",
            options: Self.options(limit: 100, offset: 0, match: .auto, sort: .relevance))
        #expect(result.relaxed)
        let twoWords = result.hits.prefix(26).map(\.title.text)
        #expect(twoWords.allSatisfy { $0.hasPrefix("Both") || $0.hasPrefix("Papaya") })
        #expect(result.total == 46)
    }

    /// A page past the last hit of a query that has matches is empty and not loosened.
    @Test func theFallbackIsDecidedOncePerQuery() throws {
        let (store, _) = try indexedStore(Self.files)
        let searcher = Searcher(store: store)
        let past = try searcher.search(
            "kiwi mango",
            options: Self.options(limit: 10, offset: 20, match: .auto, sort: .relevance))
        #expect(past.hits.isEmpty)
        #expect(!past.relaxed)
        #expect(past.total == 14)
        var suggesting = Self.options(limit: 10, offset: 100, match: .auto, sort: .relevance)
        suggesting.suggest = true
        #expect(try searcher.search("kiwi OR kiwwi", options: suggesting).suggestion == nil)
        suggesting.offset = 0
        suggesting.match = .all
        #expect(try searcher.search("kiwwi", options: suggesting).suggestion == "kiwi")
        let far = try searcher.search(
            "kiwi mango",
            options: Self.options(limit: 10, offset: Int.max, match: .auto, sort: .relevance))
        #expect(far.hits.isEmpty)
        #expect(far.total == 14)
        let second = try searcher.search(
            "kiwi mango",
            options: Self.options(limit: 10, offset: 10, match: .auto, sort: .relevance))
        #expect(second.hits.count == 4)
        #expect(!second.relaxed)
    }
}

/// The time budget: a search that runs out of time stops and says so; without one it never does.
struct QueryBudgetTests {
    @Test func aSpentBudgetCutsTheSearchAndSaysSo() throws {
        let folder = try TemporaryFolder()
        try GeneratedCorpus.write(300, into: folder, wordsPerFile: 200)
        let store = try IndexStore.inMemory()
        _ = try Indexer(store: store).run(roots: [folder.path])
        let searcher = Searcher(store: store)
        var options = SearchOptions()
        options.suggest = false
        let full = try searcher.search("alpha OR beta OR river", options: options)
        #expect(!full.cut)
        #expect(full.total == 300)
        options.timeout = 1e-6
        let cut = try searcher.search("alpha OR beta OR river", options: options)
        #expect(cut.cut)
        #expect(cut.total < 300)
        options.timeout = 1e300
        #expect(try !searcher.search("alpha OR beta OR river", options: options).cut)
        options.timeout = 0
        let unlimited = try searcher.search("alpha OR beta OR river", options: options)
        #expect(!unlimited.cut)
        #expect(unlimited.hits.map(\.path) == full.hits.map(\.path))
    }

    @Test func anInterruptedStatementLeavesTheConnectionUsable() throws {
        let store = try IndexStore.inMemory()
        try store.database.read { db in
            let budget = QueryBudget(seconds: 0.05)
            let value = try budget.bounded(db) {
                try Int.fetchOne(
                    db,
                    sql:
                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000000) SELECT count(*) FROM n"
                )
            }
            #expect(value == nil)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") == 0)
        }
    }
}

/// The work one query can cause is bounded before it runs.
struct QueryCostTests {
    /// Words starting with "w", and one starting with "wz".
    static let files: [String: String] = {
        var files: [String: String] = [:]
        for n in 0..<30 {
            let words = (0..<100).map { "w\(n)x\($0)" }
            files["many\(n).txt"] =
                "Title: Many \(n)\n\n" + words.joined(separator: " ") + " wzebra"
        }
        return files
    }()

    @Test func aPrefixOverTooManyWordsIsSearchedAsTheWord() throws {
        let (store, _) = try indexedStore(Self.files)
        var options = SearchOptions(limit: 100)
        options.suggest = false
        let broad = try Searcher(store: store).search("w*", options: options)
        #expect(broad.narrowedPrefixes == ["w*"])
        #expect(broad.hits.isEmpty)
        let narrow = try Searcher(store: store).search("wzeb*", options: options)
        #expect(narrow.narrowedPrefixes.isEmpty)
        #expect(narrow.hits.count == 30)
    }

    /// With many phrases the ranking reads each phrase's positions and merges them: the
    /// scores are those FTS5's own instance list gives.
    @Test func manyPhrasesScoreAsFewDo() throws {
        let (store, _) = try indexedStore(SearcherTests.files)
        try store.database.read { db in
            let spec = RankingSpec().encoded
            let few = #""ai" OR "art" OR "studio""#
            let many = few + #" OR "zzz1" OR "zzz2" OR "zzz3" OR "zzz4""#
            let sql =
                "SELECT rowid AS id, lbsearch_evidence(documents_fts, ?) AS evidence FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid"
            let a = try Row.fetchAll(db, sql: sql, arguments: [spec, few]).map {
                ($0["id"] as Int64, RankingEvidence(encoded: $0["evidence"], spec: RankingSpec()))
            }
            let b = try Row.fetchAll(db, sql: sql, arguments: [spec, many]).map {
                ($0["id"] as Int64, RankingEvidence(encoded: $0["evidence"], spec: RankingSpec()))
            }
            #expect(a.count == 4 && b.count == 4)
            for (x, y) in zip(a, b) {
                let (dx, dy) = (try #require(x.1).document, try #require(y.1).document)
                #expect(x.0 == y.0)
                #expect(dx.lengths == dy.lengths)
                #expect(dx.frequencies == Array(dy.frequencies.prefix(dx.frequencies.count)))
                #expect(dx.proximity == Array(dy.proximity.prefix(dx.proximity.count)))
            }
        }
    }
}
