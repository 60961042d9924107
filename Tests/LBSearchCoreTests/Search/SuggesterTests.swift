import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// "Did you mean" proposes what a person would have meant, and nothing rather than a guess.
struct SuggesterTests {
    /// Words a typo could be taken for; `plat` is in more documents than `plan`.
    static let corpus = [
        "a.txt": "Status of the index\n\nThe status page lists the index and what starts it.",
        "b.txt": "Indie art\n\nAn indie studio has a plan for its art; the plat shows it.",
        "c.txt": "Names\n\nThey have a name and a native language; the plat is old.",
        "d.txt": "Models\n\nThe model of the plat was made by hand.",
    ]

    @Test(arguments: [
        ("stauts", "status"),  // swapped letters, not the commoner `starts`
        ("indx", "index"),  // a dropped letter, not `indie`
        ("plam", "plan"),  // a neighbouring key beats a word in more documents (`plat`)
        ("omdel", "model"),  // swapped first letters
        ("statuus", "status"),  // a doubled letter
    ])
    func proposesTheWordMeant(typed: String, meant: String) throws {
        let (store, _) = try indexedStore(Self.corpus)
        #expect(try Searcher(store: store).search(typed).suggestion == meant)
    }

    /// An unrelated word is no correction: `art` is two dropped letters from `alert`, and a
    /// word typed with an accent is typed with care.
    @Test(arguments: ["alert", "naïve", "xyzzy", "languages"])
    func proposesNothingRatherThanAGuess(typed: String) throws {
        let (store, _) = try indexedStore(Self.corpus)
        #expect(try Searcher(store: store).search(typed).suggestion == nil)
    }

    @Test func typingSlipsCostLessThanOtherEdits() {
        func cost(_ typed: String, _ meant: String) -> Double? {
            TypingDistance.cost(Array(typed), Array(meant), limit: 3)
        }
        #expect(cost("stauts", "status") == TypingDistance.transposition)
        #expect(cost("tesr", "test") == TypingDistance.neighbourKey)
        #expect(cost("tesp", "test") == TypingDistance.edit)
        #expect(cost("accomodate", "accommodate") == TypingDistance.doubling)
        #expect(cost("naive", "naïve") == TypingDistance.accent)
        #expect(cost("rest", "test") == TypingDistance.neighbourKey + TypingDistance.firstLetter)
        #expect(cost("alert", "art") == 2 * TypingDistance.edit)
        // A swap of the first two letters is found even when the limit is below one edit.
        #expect(
            TypingDistance.cost(Array("omdel"), Array("model"), limit: 1.4)
                == TypingDistance.transposition + TypingDistance.firstLetter)
    }
}
