import Testing

@testable import LBSearchCore

@Suite struct PlainTextExtractorTests {
    @Test func headerBlockIsParsedAndRemovedFromBody() {
        let text = """
            Title: Storm Warning
            Date: March 9, 2024
            Source: Coastal Wire
            URL: https://example.com/storm?id=1
            Tags: weather, coast

            Heavy rain is expected.
            Stay indoors.
            """
        let result = PlainTextExtractor.extract(text)
        #expect(
            result
                == Extracted(
                    title: "Storm Warning", body: "Heavy rain is expected.\nStay indoors.",
                    date: "2024-03-09",
                    source: "Coastal Wire", url: "https://example.com/storm?id=1",
                    tags: ["weather", "coast"]))
    }

    @Test func headerKeysAreCaseInsensitiveAndAliasesCount() {
        let text =
            "TITLE: Upper\npublished: 2024-01-02\nlink: https://x.test/a\nkeywords: [a, b]\n\nBody"
        let result = PlainTextExtractor.extract(text)
        #expect(result.title == "Upper")
        #expect(result.date == "2024-01-02")
        #expect(result.url == "https://x.test/a")
        #expect(result.tags == ["a", "b"])
        #expect(result.body == "Body")
    }

    @Test func unreadableHeaderDateIsDropped() {
        let result = PlainTextExtractor.extract("Title: T\nDate: soon\n\nBody")
        #expect(result.date == nil)
        #expect(result.title == "T")
        #expect(result.body == "Body")
    }

    @Test func withoutHeaderTheFirstNonEmptyLineIsTheTitle() {
        let result = PlainTextExtractor.extract(
            "\n\n  Meeting notes  \nWe agreed on a plan.\n\nNext steps follow.\n")
        #expect(
            result
                == Extracted(
                    title: "Meeting notes", body: "We agreed on a plan.\n\nNext steps follow."))
    }

    @Test func firstLineWithUnknownKeyIsNotAHeader() {
        let result = PlainTextExtractor.extract(
            "Note: something important\nmore of the note\n\nSecond paragraph.")
        #expect(result.title == "Note: something important")
        #expect(result.body == "more of the note\n\nSecond paragraph.")
        #expect(result.date == nil && result.source == nil && result.tags.isEmpty)
    }

    @Test func knownKeyFollowedByPlainLineIsNotAHeader() {
        let result = PlainTextExtractor.extract("Title: Draft\nthis line has no key\n\nBody")
        #expect(result.title == "Title: Draft")
        #expect(result.body == "this line has no key\n\nBody")
    }

    @Test func knownKeysWithoutBlankLineAreNotAHeader() {
        let result = PlainTextExtractor.extract("Title: Draft\nDate: 2024-03-09")
        #expect(result.title == "Title: Draft")
        #expect(result.body == "Date: 2024-03-09")
        #expect(result.date == nil)
    }

    @Test func emptyAndBlankTextGiveNoTitle() {
        #expect(PlainTextExtractor.extract("") == Extracted(body: ""))
        #expect(PlainTextExtractor.extract(" \n\t\n") == Extracted(body: ""))
    }

    @Test func longFirstLineTitleIsClipped() {
        let words = Array(repeating: "word", count: 60).joined(separator: " ")  // 299 characters
        let result = PlainTextExtractor.extract(words + "\nbody")
        #expect(result.title == Array(repeating: "word", count: 40).joined(separator: " ") + "…")
        #expect(result.body == words + "\nbody")
    }

    @Test
    func singleLongLineKeepsItsTextSearchable() {
        let words = (1...60).map { "w\($0)" }.joined(separator: " ")
        let result = PlainTextExtractor.extract(words)
        #expect(result.body.contains("w60"))
    }

    @Test
    func windowsLineEndingsSplitHeaderAndBody() {
        let result = PlainTextExtractor.extract(
            "Title: Storm\r\nDate: 2024-03-09\r\n\r\nBody line one\r\nBody line two")
        #expect(result.title == "Storm")
        #expect(result.date == "2024-03-09")
        #expect(result.body.contains("Body line one"))
    }

    @Test
    func windowsLineEndingsWithoutHeader() {
        let result = PlainTextExtractor.extract("Meeting notes\r\nWe agreed on a plan.")
        #expect(result.title == "Meeting notes")
        #expect(result.body == "We agreed on a plan.")
    }
}
