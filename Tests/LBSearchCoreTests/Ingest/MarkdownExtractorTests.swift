import Testing

@testable import LBSearchCore

@Suite struct MarkdownExtractorTests {
    @Test func frontMatterFieldsAreRead() {
        let text = """
            ---
            title: "Part 1: The Beginning"
            date: 2024-03-09
            source: Field Notes
            url: https://example.com/part-1
            tags: [travel, "long read"]
            author: ignored
            ---
            # Part 1: The Beginning

            First paragraph.
            """
        let result = MarkdownExtractor.extract(text)
        #expect(
            result
                == Extracted(
                    title: "Part 1: The Beginning",
                    body: "Part 1: The Beginning\n\nFirst paragraph.", date: "2024-03-09",
                    source: "Field Notes", url: "https://example.com/part-1",
                    tags: ["travel", "long read"]))
    }

    @Test func blockListTags() {
        let text = "---\ntitle: T\ntags:\n  - alpha\n  - beta\n  - \"\"\n---\nBody"
        let result = MarkdownExtractor.extract(text)
        #expect(result.tags == ["alpha", "beta"])
        #expect(result.body == "Body")
    }

    @Test func commaSeparatedScalarTags() {
        #expect(
            MarkdownExtractor.extract("---\nkeywords: a, b ,c\n---\nx").tags == ["a", "b", "c"])
    }

    @Test(arguments: [
        ("date: 2024-03-09", "2024-03-09"),
        ("date: 2024-03-09T10:00:00Z", "2024-03-09"),
        ("date: 2024-03-09 10:00:00 +01:00", "2024-03-09"),
        ("date: March 9, 2024", "2024-03-09"),
        ("date: \"9 Mar 2024\"", "2024-03-09"),
    ])
    func yamlDates(line: String, expected: String) {
        #expect(MarkdownExtractor.extract("---\n\(line)\n---\nBody").date == expected)
    }

    @Test func invalidDateIsDropped() {
        #expect(MarkdownExtractor.extract("---\ndate: 2023-02-29\n---\nBody").date == nil)
    }

    @Test func dotsCloseFrontMatter() {
        let result = MarkdownExtractor.extract("---\ntitle: Dots\n...\nBody")
        #expect(result.title == "Dots")
        #expect(result.body == "Body")
    }

    @Test(arguments: [
        "---\ntitle: [unclosed\n---\n# Heading\nBody",
        "---\ntitle: \"unterminated\n---\n# Heading\nBody",
        "---\n\tbad: indentation:\n  - : :\n---\n# Heading\nBody",
        "---\n- just\n- a list\n---\n# Heading\nBody",
        "---\n---\n# Heading\nBody",
    ])
    func unusableFrontMatterIsIgnored(text: String) {
        let result = MarkdownExtractor.extract(text)
        #expect(result == Extracted(title: "Heading", body: "Heading\nBody"))
    }

    @Test func unterminatedFrontMatterStaysInBody() {
        let result = MarkdownExtractor.extract("---\ntitle: Never closed\nBody")
        #expect(result.title == nil)
        #expect(result.body == "---\ntitle: Never closed\nBody")
    }

    @Test func withoutFrontMatterFirstHeadingIsTitle() {
        let result = MarkdownExtractor.extract("Intro line\n\n## The **Real** Title\n\nText.")
        #expect(result.title == "The Real Title")
        #expect(result.body == "Intro line\n\nThe Real Title\n\nText.")
    }

    @Test func noHeadingMeansNoTitle() {
        #expect(MarkdownExtractor.extract("just text\nmore").title == nil)
    }

    @Test func frontMatterTitleWinsOverHeading() {
        #expect(
            MarkdownExtractor.extract("---\ntitle: Declared\n---\n# Heading").title == "Declared")
    }

    @Test func emptyFrontMatterTitleFallsBackToHeading() {
        #expect(MarkdownExtractor.extract("---\ntitle: \"\"\n---\n# Heading").title == "Heading")
    }

    @Test(arguments: [
        ("See [the docs](https://example.com/docs) now.", "See the docs now."),
        ("![A diagram](img/d.png) shows it.", "A diagram shows it."),
        ("Make it **bold** and *loud*.", "Make it bold and loud."),
        ("Some _italic_ words.", "Some italic words."),
        ("Call `run()` first.", "Call run() first."),
        ("Keep snake_case and __init__ apart.", "Keep snake_case and init apart."),
        ("Unmatched [bracket and (paren).", "Unmatched [bracket and (paren)."),
        ("[ref] text [x](y)", "[ref] text x"),
        ("Trailing bang!", "Trailing bang!"),
        ("> quoted line", "quoted line"),
        ("### Deep heading", "Deep heading"),
    ])
    func inlineMarkupIsReduced(markdown: String, expected: String) {
        #expect(MarkdownExtractor.plainText(markdown) == expected)
    }

    @Test
    func linkedImageBecomesItsAltText() {
        #expect(
            MarkdownExtractor.plainText("[![Build status](badge.svg)](https://ci.test)")
                == "Build status")
    }

    @Test
    func windowsLineEndingsInFrontMatter() {
        let result = MarkdownExtractor.extract("---\r\ntitle: Declared\r\n---\r\nBody text")
        #expect(result.title == "Declared")
        #expect(result.body == "Body text")
    }
}
