import LBSearchTestSupport
import Testing

@testable import LBSearchCore

struct SearcherTests {
    static let files = [
        "both.md":
            "---\ntitle: AI art in studios\ndate: 2024-01-02\nsource: Wire\n---\n\nStudios debate AI art and painted backgrounds.",
        "body-only.txt":
            "Weekly notes\n\nA long note that mentions AI once and art once, far apart. "
            + String(repeating: "filler words here. ", count: 40),
        "ai.txt": "Chips for AI\n\nAI accelerators arrive in laptops; AI everywhere.",
        "art.html":
            "<html><head><title>Museum art</title></head><body><p>An art show of cel art.</p></body></html>",
    ]

    @Test func everyWordMustMatchAndTitleMatchesRankFirst() throws {
        let (store, _) = try indexedStore(Self.files)
        let result = try Searcher(store: store).search("AI art")
        #expect(result.hits.map(\.title.text) == ["AI art in studios", "Weekly notes"])
        #expect(!result.relaxed)
        #expect(result.hits[0].score > result.hits[1].score)
        #expect(result.hits.map(\.rank) == [1, 2])
    }

    @Test func fallsBackToSomeWordsWhenNoneHasAll() throws {
        let (store, _) = try indexedStore(Self.files)
        let result = try Searcher(store: store).search("accelerators museum")
        #expect(result.relaxed)
        #expect(Set(result.hits.map(\.title.text)) == ["Chips for AI", "Museum art"])
        let pinned = try Searcher(store: store).search(
            "accelerators museum", options: SearchOptions(match: .all))
        #expect(pinned.hits.isEmpty)
    }

    @Test func limitAndOffsetPage() throws {
        let (store, _) = try indexedStore(Self.files)
        let all = try Searcher(store: store).search("art", options: SearchOptions(limit: 10))
        let page = try Searcher(store: store).search(
            "art", options: SearchOptions(limit: 1, offset: 1))
        #expect(all.hits.count == 3)
        #expect(page.hits.map(\.title.text) == [all.hits[1].title.text])
        #expect(page.hits.first?.rank == 2)
    }

    @Test func punctuationIsText() throws {
        let (store, _) = try indexedStore(Self.files)
        for query in ["AI-art", "\"AI art", "NEAR AI", "AI*", "(art"] {
            _ = try Searcher(store: store).search(query)
        }
        #expect(throws: LBSearchError.emptyQuery) { try Searcher(store: store).search(" - * \" ") }
    }

    @Test func hitsCarryMetadataAndHighlights() throws {
        let (store, folder) = try indexedStore(Self.files)
        var options = SearchOptions()
        options.displayBase = folder.path
        let hit = try #require(
            try Searcher(store: store).search("painted", options: options).hits.first)
        #expect(hit.path == "both.md")
        #expect(hit.id == "both.md")
        #expect(hit.date == "2024-01-02")
        #expect(hit.source == "Wire")
        let fragment = try #require(hit.snippet.fragments.first)
        let highlighted = fragment.highlights.map { range in
            String(
                String.UnicodeScalarView(
                    fragment.text.unicodeScalars.dropFirst(range.lowerBound).prefix(range.count)))
        }
        #expect(highlighted == ["painted"])
    }
}

struct TieOrderTests {
    /// Identical records of one JSONL file tie: they come in `_id` order, whatever order they
    /// were written in and however the index grew.
    @Test func recordTiesAreInRecordOrderWhateverTheRowIDs() throws {
        let folder = try TemporaryFolder()
        func records(_ ids: [String]) -> String {
            ids.map { #"{"_id": "\#($0)", "title": "Copy", "text": "zebra crossings"}"# }
                .joined(separator: "\n")
        }
        try folder.write("r.jsonl", records(["z", "a", "k"]))
        let store = try IndexStore.inMemory()
        _ = try Indexer(store: store).run(roots: [folder.path])
        var options = SearchOptions(displayBase: folder.path)
        options.collapse = false
        let searcher = Searcher(store: store)
        #expect(try searcher.search("zebra", options: options).hits.map(\.id) == ["a", "k", "z"])
        try folder.write("r.jsonl", records(["z", "a", "k", "c"]))
        _ = try Indexer(store: store).run(roots: [])
        #expect(
            try searcher.search("zebra", options: options).hits.map(\.id) == ["a", "c", "k", "z"])
    }

    /// Copies of one file score the same; they must come in path order however the index grew.
    @Test func tiesAreOrderedByPathWhateverTheRowIDs() throws {
        let folder = try TemporaryFolder()
        let text = "Copy\n\nthe same words about zebra crossings"
        try folder.write("m.txt", text)
        try folder.write("other.txt", "Other\n\nzebra zebra zebra stripes")
        let store = try IndexStore.inMemory()
        _ = try Indexer(store: store).run(roots: [folder.path])
        for name in ["z.txt", "a.txt", "k.txt"] {
            try folder.write(name, text)
            _ = try Indexer(store: store).run(roots: [])
        }
        func options(limit: Int, offset: Int = 0) -> SearchOptions {
            var options = SearchOptions(limit: limit, offset: offset, displayBase: folder.path)
            options.collapse = false
            return options
        }
        let searcher = Searcher(store: store)
        let all = try searcher.search("zebra", options: options(limit: 10)).hits.map(\.path)
        #expect(all == ["other.txt", "a.txt", "k.txt", "m.txt", "z.txt"])
        #expect(
            try searcher.search("zebra", options: options(limit: 2, offset: 1)).hits.map(\.path)
                == ["a.txt", "k.txt"])
        let page = try searcher.search("zebra", options: options(limit: 3)).hits.map(\.path)
        #expect(page == ["other.txt", "a.txt", "k.txt"])
        // Collapsed, the copies fold into the first of them in that order.
        let stories = try searcher.search(
            "zebra", options: SearchOptions(limit: 10, displayBase: folder.path)
        ).hits
        #expect(stories.map(\.path) == ["other.txt", "a.txt"])
        #expect(stories.last?.copies.map(\.id) == ["k.txt", "m.txt", "z.txt"])
    }
}
