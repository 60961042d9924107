import Testing

@testable import LBSearchCore

/// Which notes a result calls for, and their words.
struct SearchNoteTests {
    static func result(
        hits: Int = 0, total: Int = 0, relaxed: Bool = false, cut: Bool = false,
        suggestion: String? = nil, narrowed: [String] = []
    ) -> SearchResult {
        let hit = Hit(
            rank: 1, score: 1, id: "a", title: Fragment(text: "A"), date: nil, source: nil,
            path: "a.txt", url: nil, snippet: Snippet(fragments: []))
        var result = SearchResult(
            hits: Array(repeating: hit, count: hits), relaxed: relaxed, wordCount: 3,
            suggestion: suggestion)
        (result.total, result.cut, result.narrowedPrefixes) = (total, cut, narrowed)
        return result
    }

    @Test func notesBeforeTheHitsComeInOrder() {
        var options = SearchOptions()
        options.timeout = 0.5
        let full = Self.result(
            hits: 1, total: 9, relaxed: true, cut: true, suggestion: "art", narrowed: ["a*"])
        #expect(
            full.notesBeforeHits(options, forPeople: true) == [
                .relaxed(words: 3), .suggestion("art"), .narrowed(prefixes: ["a*"]),
                .cut(seconds: 0.5, reached: 9),
            ])
        #expect(
            full.notesBeforeHits(options, forPeople: false) == [
                .relaxed(words: 3), .narrowed(prefixes: ["a*"]), .cut(seconds: 0.5, reached: 9),
            ])
        #expect(Self.result(hits: 1, total: 1).notesBeforeHits(options, forPeople: true).isEmpty)
    }

    @Test func anEmptyPageSaysWhy() {
        var paged = SearchOptions()
        paged.offset = 20
        let first = SearchOptions()
        #expect(
            Self.result(total: 6).noteWithoutHits("art", paged, forPeople: false)
                == .pastTheEnd(total: 6, cut: false))
        #expect(
            Self.result().noteWithoutHits("art", first, forPeople: true) == .noMatch(query: "art"))
        #expect(Self.result().noteWithoutHits("art", first, forPeople: false) == nil)
        #expect(Self.result(cut: true).noteWithoutHits("art", first, forPeople: true) == nil)
        #expect(
            Self.result(hits: 1, total: 1).noteWithoutHits("art", first, forPeople: true) == nil)
    }

    @Test func wordsOfEachNote() {
        #expect(
            SearchNote.narrowed(prefixes: ["a*", "b*", "c*", "d*", "e*"]).description
                == "a*, b*, c* and 2 more start too many indexed words; searched as plain words (type more letters)"
        )
        #expect(
            SearchNote.narrowed(prefixes: ["a*"]).description
                == "a* starts too many indexed words; searched as a plain word (type more letters)")
        #expect(
            SearchNote.cut(seconds: 2, reached: 0).description
                == "search stopped by the 2 s time limit (--timeout); no match was reached")
        #expect(
            SearchNote.cut(seconds: 0.5, reached: 40).description
                == "search stopped by the 0.5 s time limit (--timeout); showing the best of the 40 matches reached"
        )
        #expect(
            SearchNote.pastTheEnd(total: 40, cut: true).description
                == "no more results among the 40 matches reached")
        #expect(
            SearchNote.relaxed(words: 3).description
                == "no document has all 3 words; showing documents with some of them")
        #expect(SearchNote.noMatch(query: "x y").description == "no documents match \"x y\"")
    }
}
