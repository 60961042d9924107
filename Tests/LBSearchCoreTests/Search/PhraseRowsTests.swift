import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// A query of one phrase whose document count is not known keeps its rows while scanning and
/// scores them once counted: the page, scores and total of `lbsearch_rank` counting the phrase
/// first.
struct PhraseRowsTests {
    /// Plain phrases (their own MATCH text), a prefix and a title-only word (none).
    static let phrases: [(String, String?)] = [
        (#""alpha beta""#, #""alpha beta""#), (#""delphi""#, #""delphi""#),
        (#""filler filler""#, #""filler filler""#),
        (#""gamma delta alpha""#, #""gamma delta alpha""#), (#""note 3""#, #""note 3""#),
        (#""del" *"#, nil), (#"title : "note""#, nil),
    ]

    static func query(_ expression: String, limit: Int, offset: Int, own: String? = nil)
        -> CandidateQuery
    {
        var query = CandidateQuery(
            expression: expression, filters: QueryFilters(), sort: .relevance, limit: limit,
            offset: offset)
        query.phraseExpressions = [own]
        return query
    }

    @Test func pagesAreThoseTheRankingFunctionScores() throws {
        let (store, folder) = try SplitScanTests.indexOnDisk(SplitScanTests.corpus())
        defer { withExtendedLifetime(folder) {} }
        var helped: Set<String> = []
        try store.database.read { db in
            for (expression, own) in Self.phrases {
                for (limit, offset) in [(10, 0), (10, 20), (1, 0), (300, 0), (10, 5_000)] {
                    for split in [nil, SplitScanTests.always] {
                        var counting = Self.query(
                            expression, limit: limit, offset: offset, own: own)
                        counting.split = split
                        var scored = counting
                        scored.phraseExpressions = []
                        #expect(counting.countsThePhraseWhileScanning, "\(expression)")
                        #expect(!scored.countsThePhraseWhileScanning, "\(expression)")
                        var estimated: Int?
                        let kept = try #require(
                            try counting.scannedCountingThePhrase(db, estimated: &estimated))
                        #expect(estimated == nil)
                        #expect(split != nil || !kept.helped, "\(expression)")
                        if kept.helped { helped.insert(expression) }
                        let (page, reference) = (try counting.fetch(db), try scored.fetch(db))
                        #expect(reference.total > 0, "\(expression)")
                        #expect(
                            SplitScanTests.described(page)
                                == SplitScanTests.described(reference),
                            "\(expression) \(limit) \(offset) \(split == nil ? "serial" : "split")")
                    }
                }
            }
        }
        // The common ones were split, each half keeping its own rows.
        #expect(
            helped.isSuperset(of: [#""delphi""#, #""del" *"#, #"title : "note""#]), "\(helped)")
    }

    /// Past its limit a scan keeps no more rows and says so; expected past half of it, the
    /// query is not counted while scanning, and is ranked as any other.
    @Test func moreRowsThanKeptAreRankedAsAnyOther() throws {
        let (store, folder) = try SplitScanTests.indexOnDisk(SplitScanTests.corpus())
        defer { withExtendedLifetime(folder) {} }
        try store.database.read { db in
            var query = Self.query(#""alpha""#, limit: 10, offset: 0, own: #""alpha""#)
            var keeping = query
            keeping.frequencies = "0"
            keeping.phraseRows = PhraseRows(limit: 50)
            let scanned = try keeping.scannedScoring(db)
            #expect(scanned.phraseRows.count == 1)
            #expect(scanned.phraseRows.allSatisfy { $0.overflowed && $0.ids.count == 50 })
            query.phraseRowLimit = 100
            var estimated: Int?
            #expect(try query.scannedCountingThePhrase(db, estimated: &estimated) == nil)
            // The estimate is handed on, as `SplitScan` would make it over as wide a window.
            let (low, high) = try #require(try SplitScan.rowidBounds(db))
            let again = try SplitScan(query: query, split: ScanSplit(minimumMatches: 50))
                .expectedMatches(db, from: low, through: high)
            #expect(estimated == again)
            #expect(try #require(estimated) >= 100)
            var scored = query
            scored.phraseExpressions = []
            #expect(
                SplitScanTests.described(try query.fetch(db))
                    == SplitScanTests.described(try scored.fetch(db)))
        }
    }

    /// Only a query of one phrase, its count unknown, no filter or other expression, ranked by
    /// relevance without the language model.
    @Test func onlyOnePhraseWithNothingElseIsCountedWhileScanning() {
        let base = Self.query(#""alpha beta""#, limit: 10, offset: 0, own: #""alpha beta""#)
        #expect(base.countsThePhraseWhileScanning)
        var unknown = base
        unknown.frequencies = "-1"
        #expect(unknown.countsThePhraseWhileScanning)
        var prefix = base
        (prefix.expression, prefix.phraseExpressions) = (#""alp" *"#, [nil])
        #expect(prefix.countsThePhraseWhileScanning)
        var cases: [(String, CandidateQuery)] = []
        var query = base
        query.phraseExpressions = [#""alpha beta""#, #""gamma""#]
        cases.append(("two phrases", query))
        query = base
        query.phraseExpressions = []
        cases.append(("no phrase known (an expanded plan)", query))
        query = base
        query.frequencies = "12"
        cases.append(("a known count", query))
        query = base
        query.filters.sources = ["wire"]
        cases.append(("a filter", query))
        query = base
        query.required = #""gamma""#
        cases.append(("a required expression", query))
        query = base
        query.sort = .date
        cases.append(("by date", query))
        query = base
        query.rowids = 1...10
        cases.append(("a half", query))
        query = base
        var parameters = RankingParameters()
        parameters.dirichletWeight = 0.5
        query.spec = RankingSpec(parameters: parameters).encoded
        cases.append(("the language model", query))
        for (name, query) in cases { #expect(!query.countsThePhraseWhileScanning, "\(name)") }
    }
}
