import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// What the bounding of a query's prefixes learns on the way: how many rows a query of one
/// prefix can match at most (`PrefixFanOut.rowBound`).
struct PrefixFanOutTests {
    static func bound(_ text: String, _ db: Database) throws -> (Query, Int?) {
        var fanOut = PrefixFanOut()
        let query = try fanOut.bounded(try QueryParser.parse(text), db)
        return (query, fanOut.rowBound(query))
    }

    /// A query of one prefix is bounded by its terms' document counts summed, which is at
    /// least its rows; any other query has no bound.
    @Test func aQueryOfOnePrefixIsBoundedByItsTermsCounts() throws {
        let (store, folder) = try SplitScanTests.indexOnDisk(SplitScanTests.corpus())
        defer { withExtendedLifetime(folder) {} }
        try store.database.read { db in
            for prefix in ["del*", "alph*", "fil*", "not*", "title:not*"] {
                let (query, bound) = try Self.bound(prefix, db)
                let match = try #require(query.root.flatMap(MatchExpression.compile))
                let rows = try #require(
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?",
                        arguments: [match.text]))
                let value = try #require(bound, "\(prefix)")
                #expect(value >= rows, "\(prefix)")
                #expect(rows > 0, "\(prefix)")
            }
            // "del" stands for "delta" and "delphi": each counted once in every document.
            let (_, del) = try Self.bound("del*", db)
            let counts = try Int.fetchAll(
                db, sql: "SELECT doc FROM documents_vocab WHERE term IN ('delta', 'delphi')")
            #expect(del == counts.reduce(0, +))
            for other in ["del* alpha", "alpha", "del* OR alpha", "-del* alpha", "\"del\""] {
                #expect(try Self.bound(other, db).1 == nil, "\(other)")
            }
        }
    }

    /// With the bound below the keeper's room, a query of one prefix keeps its rows without
    /// estimating them first, and pages as when the ranking function counts it.
    @Test func aBoundedPrefixIsCountedWhileScanning() throws {
        let (store, folder) = try SplitScanTests.indexOnDisk(SplitScanTests.corpus())
        defer { withExtendedLifetime(folder) {} }
        try store.database.read { db in
            let (_, bound) = try Self.bound("del*", db)
            for split in [nil, SplitScanTests.always] {
                var counting = PhraseRowsTests.query(#""del" *"#, limit: 10, offset: 0)
                counting.split = split
                counting.rowBound = bound
                var estimated: Int?
                #expect(try counting.scannedCountingThePhrase(db, estimated: &estimated) != nil)
                var scored = counting
                scored.phraseExpressions = []
                #expect(
                    SplitScanTests.described(try counting.fetch(db))
                        == SplitScanTests.described(try scored.fetch(db)))
                // A bound past the room is no reason to skip the estimate.
                counting.rowBound = 10_000_000
                counting.phraseRowLimit = 100
                #expect(try counting.scannedCountingThePhrase(db, estimated: &estimated) == nil)
                #expect(try #require(estimated) < 10_000_000)
            }
        }
    }
}
