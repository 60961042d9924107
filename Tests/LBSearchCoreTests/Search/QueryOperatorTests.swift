import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// Each operator against a small named corpus, with the exact set of documents expected.
struct QueryOperatorTests {
    static let corpus = [
        "ai-art.md":
            "---\ntitle: AI art in studios\ndate: 2024-03-01\nsource: Cel & Panel\ntags: [ai-art, anime]\n---\n\nThe anime studio used AI art for painted backgrounds.",
        "ai-hyphen.txt":
            "Title: Fans and AI-art\nDate: 2025-06-15\nSource: The Ink Wire\nTags: fans\n\nAn AI-art boycott by fans of the animation.",
        "art.html":
            "<html><head><title>Museum art show</title><meta name=\"date\" content=\"2023-01-20\"><meta property=\"og:site_name\" content=\"The Ink Wire\"></head><body><p>Cel art and key frames from an old anime.</p></body></html>",
        "manga.txt":
            "Title: Manga sales\nDate: 2025-02-02\nSource: Pixel Ledger\n\nPrint manga meets the webtoon; e-mail newsletters and C++ tools.",
        "undated.txt": "Loose notes\n\nAnimators painting by hand; a painter paints.",
    ]

    func titles(_ query: String, _ options: SearchOptions = SearchOptions(limit: 50, match: .all))
        throws -> Set<String>
    {
        let (store, _) = try indexedStore(Self.corpus)
        return Set(
            try Searcher(store: store).search(query, options: options).hits.map(\.title.text))
    }

    @Test(arguments: [
        ("AI art", ["AI art in studios", "Fans and AI-art"]),
        ("AI-art", ["AI art in studios", "Fans and AI-art"]),
        (#""painted backgrounds""#, ["AI art in studios"]),
        (#""backgrounds painted""#, []),
        ("art -AI", ["Museum art show"]),
        (#"anime -"key frames""#, ["AI art in studios", "Fans and AI-art", "Loose notes"]),
        ("manga OR museum", ["Manga sales", "Museum art show"]),
        ("(manga OR museum) art", ["Museum art show"]),
        // An exclusion joined by OR excludes from its group: `art OR -AI` is `art -AI`.
        ("art OR -AI", ["Museum art show"]),
        ("manga OR museum OR -anime", ["Manga sales"]),
        ("(art OR -AI) OR manga", ["Museum art show", "Manga sales"]),
        ("anim*", ["AI art in studios", "Fans and AI-art", "Museum art show", "Loose notes"]),
        ("title:art", ["AI art in studios", "Fans and AI-art", "Museum art show"]),
        (#"title:"art show""#, ["Museum art show"]),
        ("paint", ["AI art in studios", "Loose notes"]),
        ("art source:\"The Ink Wire\"", ["Fans and AI-art", "Museum art show"]),
        ("art -source:\"the ink wire\"", ["AI art in studios"]),
        ("art tag:ANIME", ["AI art in studios"]),
        ("art -tag:anime", ["Fans and AI-art", "Museum art show"]),
        ("art date:2025", ["Fans and AI-art"]),
        ("art date:2023..2024-03", ["AI art in studios", "Museum art show"]),
        ("art date:..2023-12", ["Museum art show"]),
        ("source:\"Pixel Ledger\"", ["Manga sales"]),
        ("C++", ["Manga sales"]),
        ("e-mail", ["Manga sales"]),
        ("or", []),
        ("NEAR", []),
    ])
    func findsExactly(query: String, expected: [String]) throws {
        #expect(try titles(query) == Set(expected))
    }

    @Test func sinceAndUntilOptionsNarrowTheDates() throws {
        var options = SearchOptions(limit: 50, match: .all)
        options.dates = [DateRange(from: "2024-01-01", to: nil)]
        #expect(try titles("art", options) == ["AI art in studios", "Fans and AI-art"])
    }

    @Test func sortByDatePutsNewestFirstAndUndatedLast() throws {
        let (store, _) = try indexedStore(Self.corpus)
        var options = SearchOptions(limit: 50)
        options.sort = .date
        let hits = try Searcher(store: store).search("anim*", options: options).hits
        #expect(hits.map(\.date) == ["2025-06-15", "2024-03-01", "2023-01-20", nil])
    }

    @Test func fallbackRanksDocumentsWithMoreWordsFirst() throws {
        let (store, _) = try indexedStore(Self.corpus)
        let result = try Searcher(store: store).search("museum anime zebra")
        #expect(result.relaxed)
        #expect(result.hits.first?.title.text == "Museum art show")
        #expect(result.hits.count == 4)
    }

    @Test func suggestsIndexedWordsOnlyForUnknownWords() throws {
        let (store, _) = try indexedStore(Self.corpus)
        let searcher = Searcher(store: store)
        #expect(try searcher.search("musuem").suggestion == "museum")
        #expect(try searcher.search("art musuem").suggestion == "art museum")
        #expect(try searcher.search("museum").suggestion == nil)
        #expect(try searcher.search("20255").suggestion == nil)
        #expect(try searcher.search("qqqqqqq").suggestion == nil)
        var quiet = SearchOptions()
        quiet.suggest = false
        #expect(try searcher.search("musuem", options: quiet).suggestion == nil)
    }
}
