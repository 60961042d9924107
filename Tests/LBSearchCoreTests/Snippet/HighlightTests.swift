import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// Highlights as the index produces them, written inline: `⟦…⟧` marks what must be highlighted.
struct HighlightTests {
    static let markers = HighlightStyle.markers(open: "⟦", close: "⟧")

    /// The snippet of the single document `body`, for `query`, in `⟦⟧` notation.
    func snippet(_ body: String, _ query: String, fragments: Int = 3, words: Int = 40) throws
        -> String
    {
        let (store, _) = try indexedStore(["doc.txt": "Title line\n\n" + body])
        var options = SearchOptions()
        options.passages = PassageSelector(fragments: fragments, words: words)
        let hit = try #require(
            try Searcher(store: store).search(query, options: options).hits.first)
        return hit.snippet.rendered(Self.markers)
    }

    @Test(arguments: [
        (
            "The walls were painted. A painting of paintings.", "painting",
            "The walls were ⟦painted⟧. A ⟦painting⟧ of ⟦paintings⟧."
        ),
        (
            "Animation and animators love anime.", "anim*",
            "⟦Animation⟧ and ⟦animators⟧ love ⟦anime⟧."
        ),
        ("A café and a cafe.", "cafe", "A ⟦café⟧ and a ⟦cafe⟧."),
        (
            "Cel art and key frames, frames and keys.", "\"key frames\"",
            "Cel art and ⟦key frames⟧, frames and keys."
        ),
        ("Fans of AI-art and AI art alike.", "AI-art", "Fans of ⟦AI-art⟧ and ⟦AI art⟧ alike."),
        ("Art 👩🏽‍💻 art 🇯🇵 art.", "art", "⟦Art⟧ 👩🏽‍💻 ⟦art⟧ 🇯🇵 ⟦art⟧."),
        ("Cafe\u{301} combining and cafe.", "cafe", "⟦Café⟧ combining and ⟦cafe⟧."),
    ])
    func everyMatchIsHighlighted(body: String, query: String, expected: String) throws {
        #expect(try snippet(body, query) == expected)
    }

    @Test func matchesAtTheVeryStartAndEndOfALongDocument() throws {
        let body =
            "Zebra opens. " + String(repeating: "Filler words make the middle long. ", count: 300)
            + "It ends with zebra"
        let text = try snippet(body, "zebra", fragments: 2, words: 8)
        #expect(text.hasPrefix("⟦Zebra⟧ opens."))
        #expect(text.hasSuffix("It ends with ⟦zebra⟧"))
        #expect(text.contains(" … "))
    }

    @Test func titleOnlyMatchStillGetsAnOpeningFragment() throws {
        let (store, _) = try indexedStore([
            "doc.md": "---\ntitle: Zebra news\n---\n\nNothing here about the animal. Just words."
        ])
        let hit = try #require(try Searcher(store: store).search("zebra").hits.first)
        #expect(hit.title.rendered(Self.markers) == "⟦Zebra⟧ news")
        #expect(hit.snippet.fragments.first?.text.hasPrefix("Nothing here") == true)
        #expect(hit.snippet.fragments.first?.highlights.isEmpty == true)
    }

    @Test func escapeSequencesInDocumentsNeverSurvive() throws {
        let body =
            "Evil \u{1B}]8;;http://x\u{7}link\u{1B}]8;;\u{7} and \u{1B}[2J clear \u{1B}]0;title\u{7} art \u{202E}txt.exe \u{9B}31m"
        let text = try snippet(body, "art")
        #expect(
            !text.unicodeScalars.contains {
                $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}"
            })
        #expect(text.contains("⟦art⟧"))
    }

    @Test func fragmentOffsetsAreCodePointsOfTheFragmentText() throws {
        let (store, _) = try indexedStore(["doc.txt": "T\n\n😀 é\u{301} 日本 art here"])
        let hit = try #require(try Searcher(store: store).search("art").hits.first)
        let fragment = try #require(hit.snippet.fragments.first)
        let scalars = Array(fragment.text.unicodeScalars)
        #expect(
            fragment.highlights.map { String(String.UnicodeScalarView(scalars[$0])) } == ["art"])
    }
}

struct LineWrapperTests {
    @Test func wrapsAtSpacesWithAHangingIndent() {
        let lines = LineWrapper(width: 20).wrap(
            "   one two three four five six seven", indent: "   ")
        #expect(lines == ["   one two three", "   four five six", "   seven"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
    }

    @Test func wideCharactersCountTwoColumnsAndEscapesNone() {
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("\u{1B}[1;31mart\u{1B}[0m") == 3)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        let lines = LineWrapper(width: 21).wrap("アニメ業界の労働環境について調査した結果", indent: "")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 21 })
        #expect(lines.joined() == "アニメ業界の労働環境について調査した結果")
    }

    /// Colour sequences take no columns, also inside a word broken between characters (CJK
    /// text has no spaces) and in the words after them: lines are filled to the width.
    @Test(arguments: [
        ("\u{1B}[1;31mアニメ\u{1B}[0m業界の労働環境について調査した結果", ["アニメ業界の労働環境", "について調査した結果"]),
        (
            "an \u{1B}[1;31mart\u{1B}[0m studio in Tokyo paints",
            ["an art studio in", "Tokyo paints"]
        ),
    ])
    func colourSequencesTakeNoColumnsWhenWrapping(line: String, expected: [String]) {
        let lines = LineWrapper(width: 20).wrap(line, indent: "")
        let plain = lines.map {
            $0.replacingOccurrences(of: "\u{1B}[1;31m", with: "").replacingOccurrences(
                of: "\u{1B}[0m", with: "")
        }
        #expect(plain == expected)
    }
}
