import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// A search returns the query it ran, for `--explain`: after the fallback, `--match any` and
/// `--expand`, not the query as typed.
struct ExecutedQueryTests {
    @Test func aPlainSearchRanTheTypedQuery() throws {
        let (store, _) = try indexedStore(SearcherTests.files)
        var options = SearchOptions()
        options.dates = [DateRange(from: "2024-01-01", to: nil)]
        let executed = try #require(
            try Searcher(store: store).search("AI art", options: options).executed)
        var typed = try QueryParser.parse("AI art")
        typed.filters.dates = options.dates
        #expect(executed == ExecutedQuery(query: typed))
        #expect(executed.expression == #"("AI" AND "art")"#)
        #expect(executed.phrases == ["AI", "art"])
    }

    @Test func theFallbackRanAnyOfTheWords() throws {
        let (store, _) = try indexedStore(SearcherTests.files)
        let result = try Searcher(store: store).search("accelerators museum")
        #expect(result.relaxed)
        let executed = try #require(result.executed)
        #expect(executed.query == (try QueryParser.parse("accelerators museum")).relaxed)
        #expect(executed.expression == #"("accelerators" OR "museum")"#)
        #expect(
            QueryExplanation(executed).text == """
                query:
                  ANY of
                    word "accelerators"
                    word "museum"
                match: ("accelerators" OR "museum")
                """)
    }

    @Test func matchAnyRanTheNaturalLanguageQuery() throws {
        let (store, _) = try indexedStore(SearcherTests.files)
        let result = try Searcher(store: store).search(
            "the AI-art", options: SearchOptions(match: .any))
        #expect(result.executed?.expression == #"("ai" OR "art")"#)
        #expect(result.executed?.query.root == .or([.word("ai"), .word("art")]))
    }

    @Test func expansionRanTheExpandedQueryRequiringTheTypedOne() throws {
        let (store, _) = try indexedStore(
            FeedbackAndRecencyTests.aerodynamics(
                drag: "Wave drag of thin wings rises near Mach one, supersonic or not."))
        var options = SearchOptions(match: .all)
        options.expand = true
        let executed = try #require(
            try Searcher(store: store).search("supersonic wings", options: options).executed)
        let typed = #"("supersonic" AND "wings")"#
        #expect(executed.required == typed)
        #expect(executed.expression?.hasPrefix("(" + typed + ") OR ") == true)
        #expect(executed.phrases.contains("+drag"))
        let text = QueryExplanation(executed).text
        #expect(text.contains("match: (" + typed + ") OR "))
        #expect(text.contains("required: " + typed))
    }
}
