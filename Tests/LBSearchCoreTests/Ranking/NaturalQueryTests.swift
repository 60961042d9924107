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
}
