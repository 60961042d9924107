import Foundation
import GRDB
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// "Did you mean", made on a second connection while a loosened query is ranked, is the
/// suggestion the search would have made itself.
struct SuggestionAheadTests {
    @Test func aLoosenedQueryGetsTheSuggestionMadeAlone() throws {
        let (store, folder) = try SplitScanTests.indexOnDisk(SplitScanTests.corpus())
        defer { withExtendedLifetime(folder) {} }
        let reader = try IndexStore.openForReading(at: store.path)
        let searcher = Searcher(store: reader)
        for text in ["alpha delphx", "gamma deltta", "alpah beta", "filler zzyzx", "del* gammma"] {
            let query = try QueryParser.parse(text)
            try reader.database.read { db in
                let slot = SuggestionAhead.Slot()
                let result = try searcher.search(
                    query, SearchOptions(), QueryBudget(seconds: nil), db, text: text, ahead: slot)
                #expect(result.relaxed || result.total == 0, "\(text)")
                let alone = try Suggester().suggestion(for: text, query: query, db)
                if ScanSplit.machineProcessors >= 2 {
                    let ahead = try #require(slot.started, "\(text)")
                    #expect(ahead.suggestion() == .some(alone), "\(text)")
                }
            }
            #expect(
                try searcher.search(text).suggestion
                    == (try reader.database.read { db in
                        try Suggester().suggestion(for: text, query: query, db)
                    }))
        }
        // Found whole, a query is not loosened, and nothing is started.
        try reader.database.read { db in
            let slot = SuggestionAhead.Slot()
            _ = try searcher.search(
                try QueryParser.parse("alpha beta"), SearchOptions(), QueryBudget(seconds: nil),
                db, text: "alpha beta", ahead: slot)
            #expect(slot.started == nil)
        }
        #expect(try searcher.search("alpha delphx").suggestion == "alpha delphi")
    }
}
