import Foundation
import LBSearchTestSupport
import Testing

@_spi(Benchmarks) @testable import LBSearchCore

/// The byte path of white-space collapsing gives exactly the text of the rule over
/// `Character`s, on random HTML-ish input and on the cases where clusters matter.
struct WhitespaceCollapseTests {
    /// Pieces of HTML-ish text: tags, entities (some decoding to white space), every kind of
    /// white space, and scalars that cluster with white space (marks, joiners, modifiers,
    /// half-width voicing marks, Arabic Prepend signs).
    static let pieces: [String] = [
        "a", "Zebra", "日本", "の", "é", "e\u{301}", "<p>", "</p>", "<br>", "<div class=x>",
        "<script>x = 1 < 2</script>", "<!-- c -->", "<nav>menu</nav>", "&amp;", "&nbsp;",
        "&#10;", "&#13;", "&#x2028;", "&#12288;", "&lt;", " ", "  ", "\t", "\n", "\r", "\r\n",
        "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2003}", "\u{200A}", "\u{2028}",
        "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{301}", "\u{200D}", "\u{200C}",
        "\u{200B}", "👍", "\u{1F3FD}", "\u{FE0F}", "\u{FF9E}", "ｶ", "\u{600}", "\u{6DD}",
        "क", "\u{94D}", "\u{903}", "\u{11000}", "\u{E0041}", "\u{AD}", "\u{1160}", "🇯🇵",
    ]

    static func random(_ generator: inout SplitMix) -> String {
        let count = Int.random(in: 0...30, using: &generator)
        return (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }
            .joined()
    }

    @Test func randomHTMLRendersAsByCharacters() {
        let seed = SplitMix.testSeed
        var generator = SplitMix(seed: seed)
        var fast = 0
        for _ in 0..<20_000 {
            let html = Self.random(&generator)
            let expected = HTMLExtractor.visibleText(html, byCharacters: true)
            #expect(
                HTMLExtractor.visibleText(html, byCharacters: false) == expected,
                "seed \(seed): \(html.unicodeScalars.map { String($0.value, radix: 16) })")
            var copy = html
            if copy.withUTF8({ WhitespaceCollapse.collapsed($0) }) != nil { fast += 1 }
        }
        #expect(fast > 5_000, "the byte path is taken for most inputs")
    }

    @Test(arguments: [
        ("a \u{301}b", true),  // a space with a combining mark is one white-space cluster
        ("\u{600} b", true),  // a Prepend sign takes the space after it into its cluster
        ("a\u{3000}\u{FF9E}", true),
        ("a\r\nb", false), ("a\u{3000}日本\u{2028}c", false), ("e\u{301} x", false),
    ])
    func clustersAroundWhiteSpaceTakeTheSlowPath(text: String, slow: Bool) {
        var copy = text
        #expect((copy.withUTF8 { WhitespaceCollapse.collapsed($0) } == nil) == slow)
        #expect(WhitespaceCollapse.lines(text) == WhitespaceCollapse.byCharacters(text))
    }

    @Test func linesAreCollapsedAndEmptyOnesDropped() {
        #expect(
            WhitespaceCollapse.lines("  one \t two\n\n \u{3000}\n three\r\nfour \u{A0}")
                == "one two\nthree four")
    }
}
