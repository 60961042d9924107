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

    @Test func theLastLineSaysHowManyOfHowMany() {
        var result = Self.result(hits: 1, total: 142)
        result.seconds = 0.0132
        let options = SearchOptions()
        #expect(
            result.noteAfterHits(options, forPeople: true)
                == .shown(first: 1, last: 1, total: 142, cut: false, seconds: 0.0132))
        #expect(result.noteAfterHits(options, forPeople: false) == nil)
        #expect(Self.result(total: 6).noteAfterHits(options, forPeople: true) == nil)
    }

    @Test(arguments: [
        (1, 10, 142, false, "10 of 142 results (0.01 s)"),
        (11, 20, 142, false, "11-20 of 142 results (0.01 s)"),
        (11, 11, 142, false, "result 11 of 142 (0.01 s)"),
        (1, 1, 1, false, "1 of 1 result (0.01 s)"),
        (1, 10, 37, true, "10 of at least 37 results (0.01 s)"),
        (1, 10, 0, true, "10 of at least 10 results (0.01 s)"),
    ])
    func wordsOfTheCountLine(first: Int, last: Int, total: Int, cut: Bool, line: String) {
        let note = SearchNote.shown(
            first: first, last: last, total: total, cut: cut, seconds: 0.012)
        #expect(note.description == line)
    }

    @Test func aMistypedSubcommandIsHintedOnlyWhenNothingMatched() {
        let names = ["index", "status", "doctor", "batch", "help"]
        #expect(CommandSlip.closest(to: "stauts", among: names) == "status")
        #expect(CommandSlip.closest(to: "Indx", among: names) == "index")
        #expect(CommandSlip.closest(to: "status", among: names) == nil)
        #expect(CommandSlip.closest(to: "match", among: names) == nil)
        #expect(CommandSlip.closest(to: "in", among: names) == nil)
        #expect(CommandSlip.closest(to: "stat5", among: names) == nil)
        #expect(
            Self.result().commandHint(typed: "stauts", commands: names) == .command("status"))
        #expect(Self.result(hits: 1, total: 1).commandHint(typed: "stauts", commands: names) == nil)
        #expect(Self.result(cut: true).commandHint(typed: "stauts", commands: names) == nil)
        #expect(Self.result().commandHint(typed: nil, commands: names) == nil)
        #expect(SearchNote.command("status").description == "did you mean 'lbsearch status'?")
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
        let pasted = String(repeating: "word ", count: 20_000)
        #expect(
            SearchNote.noMatch(query: pasted).description
                == "no documents match \"\(pasted.prefix(100))…\"")
    }
}
