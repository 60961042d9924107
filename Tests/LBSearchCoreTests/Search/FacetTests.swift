import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// Facet counts cover every match (not the page), with the query's filters and match mode.
struct FacetTests {
    /// Twelve harbour articles: three sources, two years, tags; one without date, source or tags.
    static let files: [String: String] = {
        var files: [String: String] = [:]
        let sources = ["Wire", "Wire", "Ledger", "Courier"]
        for number in 0..<12 {
            let source = sources[number % 4]
            let year = number < 7 ? 2024 : 2025
            let tags = number % 3 == 0 ? "[port, strike]" : "[port]"
            files["h\(number).md"] =
                "---\ntitle: Harbour \(number)\ndate: \(year)-03-0\(number % 9 + 1)\nsource: \(source)\ntags: \(tags)\n---\n\nThe harbour news, item \(number)."
        }
        files["bare.txt"] = "Harbour bare\n\nThe harbour, undated."
        files["other.txt"] = "Gallery\n\nA show of painted art."
        return files
    }()

    @Test func countsEveryMatchNotThePage() throws {
        let (store, _) = try indexedStore(Self.files)
        var options = SearchOptions(limit: 2)
        options.facets = [.source, .tag, .year]
        let result = try Searcher(store: store).search("harbour", options: options)
        #expect(result.hits.count == 2)
        #expect(result.total == 13)
        let facets = try #require(result.facets)
        #expect(facets.fields == [.source, .tag, .year])
        #expect(
            facets[.source] == [
                FacetValue(value: "Wire", count: 6), FacetValue(value: "Courier", count: 3),
                FacetValue(value: "Ledger", count: 3),
            ])
        #expect(
            facets[.tag] == [
                FacetValue(value: "port", count: 12), FacetValue(value: "strike", count: 4),
            ])
        #expect(
            facets[.year] == [
                FacetValue(value: "2024", count: 7), FacetValue(value: "2025", count: 5),
            ])
        // Every match but the bare one has one source and one year.
        #expect(facets[.year].map(\.count).reduce(0, +) == result.total - 1)
    }

    @Test(arguments: [
        ("harbour date:2025", 5, ["2025": 5]), ("harbour -tag:strike", 9, ["2024": 4, "2025": 4]),
        ("harbour tag:strike", 4, ["2024": 3, "2025": 1]),
        ("harbour source:Wire", 6, ["2024": 4, "2025": 2]), ("date:2024", 7, ["2024": 7]),
    ])
    func filtersLimitTheCounts(query: String, total: Int, years: [String: Int]) throws {
        let (store, _) = try indexedStore(Self.files)
        var options = SearchOptions()
        options.facets = [.year, .source]
        let result = try Searcher(store: store).search(query, options: options)
        #expect(result.total == total)
        let facets = try #require(result.facets)
        #expect(
            Dictionary(uniqueKeysWithValues: facets[.year].map { ($0.value, $0.count) }) == years)
        let direct = try Searcher(store: store).facets(for: query, fields: [.year, .source])
        #expect(direct == facets)
    }

    @Test func theMatchModeDecidesWhatCounts() throws {
        let (store, _) = try indexedStore(Self.files)
        var options = SearchOptions(match: .any)
        options.facets = [.year]
        let any = try Searcher(store: store).search("harbour painted", options: options)
        #expect(any.total == 14)
        #expect(any.facets?[.year].map(\.count).reduce(0, +) == 12)
        options.match = .all
        let all = try Searcher(store: store).search("harbour painted", options: options)
        #expect(all.total == 0)
        #expect(all.facets?[.year] == [])
        #expect(
            try Searcher(store: store).search("harbour", options: SearchOptions()).facets == nil)
    }

    /// Facets asked for but not counted (the time limit ran out first) are said so.
    @Test func uncountedFacetsAreNoted() {
        var options = SearchOptions()
        let result = SearchResult(hits: [], relaxed: false, wordCount: 1)
        #expect(!result.notesBeforeHits(options, forPeople: true).contains(.facetsNotCounted))
        options.facets = [.year]
        #expect(result.notesBeforeHits(options, forPeople: false).contains(.facetsNotCounted))
    }

    @Test func fieldNamesAreCheckedAndOrdered() throws {
        #expect(try FacetField.parse("year,source,tag,year") == [.year, .source, .tag])
        #expect(try FacetField.parse("Tags") == [.tag])
        #expect(throws: LBSearchError.badOption(.unknownFacet("author"))) {
            try FacetField.parse("source,author")
        }
        #expect(throws: LBSearchError.badOption(.unknownFacet(""))) { try FacetField.parse("") }
    }
}
