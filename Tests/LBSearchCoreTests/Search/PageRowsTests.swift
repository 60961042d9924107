import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// A page of a prefix query highlights each row with the prefixes written out as its own terms
/// (`RowExpression`), else a batch of rows in one statement; both read the rows read hit by
/// hit.
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

    /// The statements that call `function` while `text` is searched (with the expanded text
    /// of each), and the result.
    static func highlightStatements(
        _ text: String, _ store: IndexStore, limit: Int, explain: Bool = false,
        calling function: String = "lbsearch_highlight"
    ) throws -> (statements: [String], result: SearchResult) {
        try store.database.read { db in
            final class Log: @unchecked Sendable { var statements: [String] = [] }
            let log = Log()
            db.trace(options: .statement) { event in
                if event.description.contains(function) {
                    log.statements.append(event.expandedDescription)
                }
            }
            defer { db.trace(options: []) }
            var options = SearchOptions(limit: limit)
            options.suggest = false
            options.explain = explain
            let result = try Searcher(store: store).search(
                QueryParser.parse(text), options, QueryBudget(seconds: nil), db, text: text)
            return (log.statements, result)
        }
    }

    /// Each hit is highlighted by one statement, and no statement expands a prefix.
    @Test(arguments: [
        ("wick*", 12), ("wick* nadia", 6), ("wick* nadia", 2), ("nadia", 6), ("walked", 12),
        ("wickl* OR nadia", 12),
    ])
    func aPrefixPageIsHighlightedWithoutThePrefix(text: String, limit: Int) throws {
        let (store, _) = try indexedStore(Self.files)
        let (statements, result) = try Self.highlightStatements(text, store, limit: limit)
        #expect(result.hits.count == min(limit, result.total))
        #expect(statements.count == result.hits.count, "\(text)")
        #expect(statements.allSatisfy { !$0.contains("\" *") }, "\(text)")
        #expect(result.hits.allSatisfy { !$0.snippet.fragments.isEmpty })
    }

    /// Rows that cannot be written out (too many of the prefix's terms) are read a batch at a
    /// time, with the prefix, and the page is the same.
    @Test func rowsNotWrittenOutAreReadABatchAtATime() throws {
        var files = Self.files
        let many = (0...RowExpression.maxTerms).map { "wickz\($0)q" }.joined(separator: " ")
        files["many.txt"] = "Title: Many\n\nA wickzzz list: " + many + " walked on."
        let (store, _) = try indexedStore(files)
        let (statements, result) = try Self.highlightStatements("wickz*", store, limit: 10)
        #expect(result.hits.count == 1)
        #expect(statements.count == 1)
        #expect(statements.allSatisfy { $0.contains("\" *") && $0.contains("rowid IN") })
        #expect(result.hits[0].snippet.fragments.isEmpty == false)
        let (mixed, page) = try Self.highlightStatements("wick* walked", store, limit: 13)
        #expect(page.hits.count == 13)
        #expect(mixed.filter { $0.contains("\" *") }.count == 1)
        #expect(mixed.count == 13)
    }

    /// Explanations of a prefix page read their evidence once a batch too, and the evidence
    /// of a batch is that of one lookup each.
    @Test func aPrefixPageIsExplainedOnceABatch() throws {
        let (store, _) = try indexedStore(Self.files)
        for (text, statements) in [("wick*", 2), ("walked", 12)] {
            let (evidence, result) = try Self.highlightStatements(
                text, store, limit: 12, explain: true, calling: "lbsearch_evidence")
            #expect(evidence.count == statements, "\(text)")
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
