import Testing

@testable import LBSearchCore

struct NaturalQueryTests {
    @Test(arguments: [
        ("What is TSS (Time-Sharing System)?", ["tss", "time", "sharing", "system"]),
        ("the who", ["the", "who"]),
        ("I'm interested in C++ and c++", ["interested", "c"]),
        ("heat, HEAT heat", ["heat"]),
    ])
    func termsAreSplitFoldedAndStopWordsDropped(text: String, expected: [String]) throws {
        #expect(NaturalQuery.terms(try QueryParser.parse(text)) == expected)
    }

    @Test func stopWordsCanBeKept() throws {
        #expect(
            NaturalQuery.terms(try QueryParser.parse("the heat"), dropStopWords: false) == [
                "the", "heat",
            ])
    }

    @Test func theRewrittenQueryKeepsFiltersAndTheTruncationNote() throws {
        let words = (0..<300).map { "w\($0)" }.joined(separator: " ")
        let query = try QueryParser.parse(words + " source:Wire")
        let natural = NaturalQuery.rewritten(query)
        #expect(natural.filters == query.filters)
        #expect(natural.truncated)
        #expect(QueryExplanation(query: natural).text.contains("note: only the first"))
    }
}
