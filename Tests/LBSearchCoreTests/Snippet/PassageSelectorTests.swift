import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// Builds FTS5-style marked text from `⟦…⟧` fixture text.
func ftsMarked(_ fixture: String) -> String {
    fixture.replacingOccurrences(of: "⟦", with: "\u{E000}").replacingOccurrences(
        of: "⟧", with: "\u{E001}")
}

/// A fragment rendered back into `⟦…⟧` fixture notation.
func fixture(_ fragment: Fragment) -> String {
    fragment.rendered(.markers(open: "⟦", close: "⟧"))
}

struct MarkedTextTests {
    @Test func collapsesWhiteSpaceAndKeepsMatchRanges() {
        let text = MarkedText(marked: ftsMarked("the  ⟦painted⟧\n\nwalls"))
        #expect(text.text(0..<text.count) == "the painted walls")
        #expect(text.matches == [4..<11])
        #expect(text.sentenceStarts.contains(12))
    }

    @Test func removesEscapeSequencesAndBidiOverrides() {
        let text = MarkedText(marked: "safe\u{1B}]0;title\u{7}text \u{202E}gnp.exe \u{9B}31m")
        #expect(
            !text.scalars.contains { $0.value < 0x20 || $0.value == 0x9B || $0.value == 0x202E })
    }

    @Test func highlightOffsetsCountCodePoints() {
        let text = MarkedText(marked: ftsMarked("👩🏽‍💻 cafe\u{301} ⟦art⟧"))
        let fragment = PassageSelector.whole(text)
        #expect(fixture(fragment) == "👩🏽‍💻 cafe\u{301} ⟦art⟧")
        let scalars = Array(fragment.text.unicodeScalars)
        let range = fragment.highlights[0]
        #expect(String(String.UnicodeScalarView(scalars[range])) == "art")
    }
}

struct PassageSelectorTests {
    @Test func prefersTheWindowWithMostDistinctTerms() {
        let filler = String(repeating: "plain words fill the page. ", count: 30)
        let body = "⟦AI⟧ alone here. " + filler + "Here ⟦AI⟧ meets ⟦art⟧ in one place. " + filler
        let snippet = PassageSelector(fragments: 1, words: 12).select(
            MarkedText(marked: ftsMarked(body)))
        #expect(snippet.fragments.count == 1)
        #expect(fixture(snippet.fragments[0]).hasPrefix("Here ⟦AI⟧ meets ⟦art⟧"))
        #expect(!snippet.fragments[0].atStart)
    }

    @Test func fragmentsAreInDocumentOrderAndDoNotOverlap() {
        let filler = String(repeating: "plain words fill the page. ", count: 30)
        let body = "First ⟦art⟧ mention. " + filler + "Second ⟦art⟧ and ⟦AI⟧ mention. " + filler
        let snippet = PassageSelector(fragments: 2, words: 10).select(
            MarkedText(marked: ftsMarked(body)))
        #expect(snippet.fragments.count == 2)
        #expect(fixture(snippet.fragments[0]).contains("First ⟦art⟧"))
        #expect(fixture(snippet.fragments[1]).contains("Second ⟦art⟧ and ⟦AI⟧"))
    }

    @Test func noMatchInBodyGivesTheOpening() {
        let snippet = PassageSelector(fragments: 2, words: 5).select(
            MarkedText(marked: "One two three four five six seven eight nine ten eleven."))
        #expect(snippet.fragments.count == 1)
        #expect(snippet.fragments[0].atStart)
        #expect(snippet.fragments[0].text.hasPrefix("One two"))
        #expect(!snippet.fragments[0].text.hasSuffix(" "))
    }

    @Test func matchesAtTheVeryStartAndEnd() {
        let body = "⟦Art⟧ " + String(repeating: "word ", count: 100) + "⟦art⟧"
        let snippet = PassageSelector(fragments: 2, words: 6).select(
            MarkedText(marked: ftsMarked(body)))
        #expect(snippet.fragments.first?.atStart == true)
        #expect(snippet.fragments.last?.atEnd == true)
        #expect(snippet.rendered(.markers(open: "⟦", close: "⟧")).hasSuffix("⟦art⟧"))
    }

    @Test func cutsNeverSplitGraphemes() {
        let body =
            String(repeating: "👍🏽 ", count: 200) + "⟦art⟧ " + String(repeating: "é ", count: 200)
        let snippet = PassageSelector(fragments: 1, words: 8).select(
            MarkedText(marked: ftsMarked(body)))
        let text = snippet.fragments[0].text
        #expect(text.unicodeScalars.first != "\u{1F3FD}")
        #expect(text.contains("art"))
    }

    @Test func emptyTextGivesNoFragments() {
        #expect(PassageSelector().select(MarkedText(marked: "")).fragments.isEmpty)
    }
}

/// CJK text has no spaces: a window counts two wide characters as a word and ends after CJK
/// punctuation or between characters.
struct CJKPassageTests {
    static let sentence = "今日は天気が良いので公園を散歩しました。"

    @Test func windowsCountWideCharactersAsHalfWordsAndEndAtPunctuation() {
        let body =
            String(repeating: Self.sentence, count: 20) + "新作⟦アニメ⟧の放送が始まった。"
            + String(repeating: Self.sentence, count: 20)
        let snippet = PassageSelector(fragments: 1, words: 24).select(
            MarkedText(marked: ftsMarked(body)))
        let fragment = fixture(snippet.fragments[0])
        #expect(fragment.contains("新作⟦アニメ⟧の放送が始まった。"))
        #expect(fragment.hasPrefix("新作"), "starts at its sentence: \(fragment)")
        #expect(fragment.hasSuffix("。"), "ends after CJK punctuation: \(fragment)")
        // 24 words are 48 CJK characters (the English count, 144 characters, would fill 3½ lines).
        #expect(snippet.fragments[0].text.count <= 48)
        #expect(snippet.fragments[0].text.count >= 24)
    }

    @Test func withoutPunctuationACutFallsBetweenCharacters() {
        let body =
            String(repeating: "あいうえおかきくけこ", count: 30) + "⟦猫⟧"
            + String(repeating: "さしすせそたちつてと", count: 30)
        let snippet = PassageSelector(fragments: 1, words: 10).select(
            MarkedText(marked: ftsMarked(body)))
        let text = snippet.fragments[0].text
        #expect(fixture(snippet.fragments[0]).contains("⟦猫⟧"))
        #expect(text.count <= 20 && text.count >= 10)
        #expect(!text.contains("\u{FFFD}"))
    }

    /// A Latin word inside CJK text (no spaces around it) is not cut in two.
    @Test(arguments: 6...16)
    func cutsDoNotSplitLatinWordsInCJKText(words: Int) {
        let run = "あいうえおAJClockかきくけこiPhone"
        let body = String(repeating: run, count: 12) + "⟦猫⟧" + String(repeating: run, count: 12)
        let snippet = PassageSelector(fragments: 1, words: words).select(
            MarkedText(marked: ftsMarked(body)))
        let fragment = fixture(snippet.fragments[0])
        #expect(fragment.contains("⟦猫⟧"))
        let latin = fragment.split { !$0.isASCII || !$0.isLetter }
        #expect(latin.allSatisfy { $0 == "AJClock" || $0 == "iPhone" }, "\(fragment)")
    }

    /// A cut between characters never falls inside a match: every highlight is a whole word.
    @Test(arguments: 6...16)
    func cutsDoNotSplitMatchesInCJKText(words: Int) {
        let run = "あいうえおかきくけこ⟦コーヒー⟧さしすせそ"
        let body = String(repeating: run, count: 12)
        let snippet = PassageSelector(fragments: 2, words: words).select(
            MarkedText(marked: ftsMarked(body)))
        for fragment in snippet.fragments {
            let highlights = fragment.highlights.map { Array(fragment.text.unicodeScalars)[$0] }
            #expect(
                highlights.allSatisfy { String(String.UnicodeScalarView($0)) == "コーヒー" },
                "\(fixture(fragment))")
        }
    }
}
