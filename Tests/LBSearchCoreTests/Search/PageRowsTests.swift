import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// A page of a prefix query reads its highlighted rows in one statement per batch, and they
/// are the rows read hit by hit.
struct PageRowsTests {
    /// Twelve documents with words starting "wick", every other one with "nadia" too.
    static let files: [String: String] = {
        var files: [String: String] = [:]
        for n in 0..<12 {
            let word = "wick" + String(repeating: "l", count: n % 4 + 1) + "o\(n)"
            let extra = n.isMultiple(of: 2) ? " nadia met them" : ""
            files["doc\(n).txt"] =
                "Title: Note \(n) \(word)\n\nA \(word) walked on\(extra). Later, \(word) again."
        }
        return files
    }()

    /// The statements that highlight while `text` is searched, and the result.
    static func highlightStatements(
        _ text: String, _ store: IndexStore, limit: Int, explain: Bool = false,
        calling function: String = "lbsearch_highlight"
    ) throws -> (count: Int, result: SearchResult) {
        try store.database.read { db in
            final class Counter: @unchecked Sendable { var count = 0 }
            let counter = Counter()
            db.trace(options: .statement) { event in
                if event.description.contains(function) { counter.count += 1 }
            }
            defer { db.trace(options: []) }
            var options = SearchOptions(limit: limit)
            options.suggest = false
            options.explain = explain
            let result = try Searcher(store: store).search(
                QueryParser.parse(text), options, QueryBudget(seconds: nil), db, text: text)
            return (counter.count, result)
        }
    }

    @Test(arguments: [
        ("wick*", 12, 2), ("wick* nadia", 6, 1), ("wick* nadia", 2, 1), ("nadia", 6, 6),
        ("walked", 12, 12),
    ])
    func aPrefixPageIsHighlightedOnceABatch(text: String, limit: Int, statements: Int) throws {
        let (store, _) = try indexedStore(Self.files)
        let (count, result) = try Self.highlightStatements(text, store, limit: limit)
        #expect(result.hits.count == min(limit, result.total))
        #expect(count == statements, "\(text)")
        #expect(result.hits.allSatisfy { !$0.snippet.fragments.isEmpty })
    }

    /// Explanations of a prefix page read their evidence once a batch too, and the evidence
    /// of a batch is that of one lookup each.
    @Test func aPrefixPageIsExplainedOnceABatch() throws {
        let (store, _) = try indexedStore(Self.files)
        for (text, statements) in [("wick*", 2), ("walked", 12)] {
            let (count, result) = try Self.highlightStatements(
                text, store, limit: 12, explain: true, calling: "lbsearch_evidence")
            #expect(count == statements, "\(text)")
            #expect(result.hits.count == 12)
            #expect(result.hits.allSatisfy { $0.explanation != nil })
        }
        try store.database.read { db in
            let root = try #require(try QueryParser.parse("wick* nadia").root)
            let match = try #require(MatchExpression.compile(root))
            let plan = RankingPlan(match, parameters: SearchOptions().ranking)
            let ids = try Int64.fetchAll(
                db, sql: "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?",
                arguments: [match.text])
            let batch = try PageEvidence.evidence(of: ids.reversed() + [ids[0] + 1], plan, db)
            #expect(Set(batch.keys) == Set(ids))
            for id in ids {
                #expect(batch[id] != nil)
                #expect(batch[id] == (try PageEvidence.evidence(of: id, plan, db)))
            }
        }
    }

    /// A search over a prefix and a word hands the word to the split's estimate; `--expand`
    /// (whose expression is not the typed one) does not.
    @Test func aPrefixQueryHandsItsOtherWordsToTheEstimate() throws {
        let (store, _) = try indexedStore(Self.files)
        try store.database.read { db in
            let searcher = Searcher(store: store)
            let budget = QueryBudget(seconds: nil)
            var options = SearchOptions()
            let typed = try QueryParser.parse("wick* nadia")
            let page = try searcher.candidates(typed, options, loosened: false, budget, db)
            #expect(page.plan?.broader == #""nadia""#)
            #expect(page.total == 6)
            let plain = try QueryParser.parse("walked nadia")
            #expect(
                try searcher.candidates(plain, options, loosened: false, budget, db)
                    .plan?.broader == nil)
            options.expand = true
            let expanded = try searcher.candidates(typed, options, loosened: false, budget, db)
            #expect(expanded.plan?.broader == nil)
            #expect(expanded.total == 6)
        }
    }

    /// The rows of one batch are those of one lookup each, highlights included.
    @Test func aBatchReadsWhatLookupsRead() throws {
        let (store, _) = try indexedStore(Self.files)
        try store.database.read { db in
            let layout = try FieldLayout.read(db)
            let expression = #"("wick" * AND "nadia")"#
            let ids = try Int64.fetchAll(
                db, sql: "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?",
                arguments: [expression])
            #expect(ids.count == 6)
            // Ids out of order, and one that does not match (it is left out).
            let asked = ids.reversed() + [ids[0] + 1]
            let batch = try HitRow.highlighted(Array(asked), expression, layout, db)
            #expect(Set(batch.keys) == Set(ids))
            for id in ids {
                let one = try #require(try HitRow.highlighted(id, expression, layout, db))
                let read = try #require(batch[id])
                #expect(read.title == one.title && read.body == one.body && read.path == one.path)
                #expect(read.body.unicodeScalars.contains(HighlightMarker.open))
            }
            #expect(try HitRow.highlighted([], expression, layout, db).isEmpty)
        }
    }
}
